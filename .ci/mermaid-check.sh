#!/usr/bin/env bash
# mermaid-check.sh: draw every Mermaid diagram flowbuild produces with the real
# mermaid library in headless Chromium, and fail on a parse or render error or a
# drawing that differs from what flowbuild meant (.ci/mermaid/check.mjs says how):
#   - the golden files in flowbuild/diagram/testdata/mermaid/;
#   - every sample flow in flowbuild/flow/testdata/flows/ (valid, warn and invalid);
#   - what `facesign-mcp flow build --json` prints for every intent in
#     flowbuild/testdata/intents.json (each build plain and with each --on-failure
#     choice, each edit case's base and its change).
# Usage: .ci/mermaid-check.sh [FILE.mmd|FILE.json ...]   (extra diagrams to check)
# Needs: go. Installs chromium and nodejs + npm with apt-get when missing, and the
# npm packages pinned in .ci/mermaid/package-lock.json into
# $MERMAID_CHECK_CACHE/<hash of package.json + lockfile> (default
# /tmp/facesign-mermaid-cache; the npm registry must be reachable on the first run).
# CHROMIUM overrides the browser (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS=${GOFLAGS:--buildvcs=false}
start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "=== mermaid-check: tools"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
missing=()
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [[ ! -x $CHROMIUM ]]; then missing+=(chromium); fi
if ((${#missing[@]} > 0)); then
  apt-get update -qq # on its own line: set -e ignores a failure left of &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
[[ -x $CHROMIUM ]] || { echo "mermaid-check: no browser at $CHROMIUM" >&2; exit 2; }

cache=${MERMAID_CHECK_CACHE:-/tmp/facesign-mermaid-cache}
key=$(cat .ci/mermaid/package.json .ci/mermaid/package-lock.json | sha256sum | cut -c1-16)
pkgs=$cache/$key
mkdir -p "$cache"
(
  # One install at a time per cache; .installed marks a complete one.
  if command -v flock >/dev/null; then flock 9; fi
  if [[ ! -f $pkgs/.installed ]]; then
    echo "mermaid-check: installing the pinned npm packages into $pkgs"
    rm -rf "$pkgs" && mkdir -p "$pkgs"
    cp .ci/mermaid/package.json .ci/mermaid/package-lock.json "$pkgs/"
    (cd "$pkgs" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    touch "$pkgs/.installed"
  fi
) 9>"$cache/.lock"
# The scripts run from $work, resolving their imports through this link.
ln -s "$pkgs/node_modules" "$work/node_modules"
cp .ci/mermaid/check.mjs .ci/mermaid/intents.mjs "$work/"

echo "=== mermaid-check: diagrams"
mkdir "$work/mmd"
go build -o "$work/facesign-mcp" ./cmd/facesign-mcp
mapfile -t samples < <(find flowbuild/flow/testdata/flows -name '*.json' | sort)
go run .ci/mermaid/samples.go "$work/mmd" "${samples[@]}"
timeout 300 node "$work/intents.mjs" "$work/facesign-mcp" flowbuild/testdata/intents.json "$work/mmd"
files=(flowbuild/diagram/testdata/mermaid/*.mmd "$work"/mmd/* "$@")

echo "=== mermaid-check: render ${#files[@]} diagrams"
status=0
# Bounded: a browser that hangs must fail the step, not use up CI's time.
timeout 600 node "$work/check.mjs" "${files[@]}" || status=$?
echo "mermaid-check: $((SECONDS - start))s"
exit $status
