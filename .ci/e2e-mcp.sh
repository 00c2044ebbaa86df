#!/usr/bin/env bash
# e2e-mcp.sh: build facesign-mcp, start `serve` on a free loopback port with a
# temporary data directory, wait for /healthz, run the mcp-peers harness
# (conformance suite, TypeScript SDK client checks, a tool call, and Claude
# Code's health check unless MCP_E2E_CLAUDE=0) and mcp-roots.mjs (export_app
# under a TypeScript SDK client's MCP roots), then stop the server.
# Usage: .ci/e2e-mcp.sh [extra mcp-peers.sh options]
# Needs: go, node + npm (npm registry reachable on the first run; the harness
# caches its installs in $MCP_PEERS_CACHE, default /tmp/mcp-peers-cache).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${FACESIGN_SHARED:-$root/../shared}
peers=$shared/tools/mcp-peers/mcp-peers.sh
[[ -x $peers ]] || { echo "e2e-mcp: $peers not found (set FACESIGN_SHARED)" >&2; exit 2; }

work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "=== e2e-mcp: build"
go build -o "$work/facesign-mcp" ./cmd/facesign-mcp

port=
for _ in $(seq 20); do
  p=$(( (RANDOM % 20000) + 30000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[[ -n $port ]] || { echo "e2e-mcp: no free port found" >&2; exit 1; }
url="http://127.0.0.1:$port"

echo "=== e2e-mcp: start serve on $url"
FACESIGN_API_KEY= "$work/facesign-mcp" serve --addr "127.0.0.1:$port" --data-dir "$work/data" --log-level warn \
  2>"$work/server.log" &
pid=$!
for i in $(seq 100); do
  if curl -fsS "$url/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "e2e-mcp: server exited:"; cat "$work/server.log"; exit 1; fi
  sleep 0.1
  [[ $i == 100 ]] && { echo "e2e-mcp: /healthz not ready after 10s"; cat "$work/server.log"; exit 1; }
done

args=("$url/mcp"
  --call set_api_key '{"apiKey":"sk_test_ciE2Eaaaaaaaaaaa0001"}'
  --call validate_flow '{"flow":[{"id":"start","type":"start","outcome":"end"},{"id":"end","type":"end"}]}'
  --call-error get_session '{"sessionId":"sess_does_not_exist"}'
  --call-error set_api_key '{"apiKey":"not-a-key"}')
if [[ ${MCP_E2E_CLAUDE:-1} != 0 ]]; then args+=(--claude); fi

echo "=== e2e-mcp: mcp-peers ${args[*]} $*"
status=0
"$peers" "${args[@]}" "$@" || status=$?

# export_app's outputDir against the roots of a TypeScript SDK client. The
# script imports the SDK the harness installed, so it runs from its cache.
echo "=== e2e-mcp: MCP roots with the TypeScript SDK client"
pkgs=${MCP_PEERS_CACHE:-/tmp/mcp-peers-cache}/pkgs
if [[ -d $pkgs/node_modules/@modelcontextprotocol/sdk ]]; then
  cp .ci/mcp-roots.mjs "$pkgs/facesign-mcp-roots.mjs"
  timeout 120 node "$pkgs/facesign-mcp-roots.mjs" "$url/mcp" || status=1
else
  echo "e2e-mcp: the TypeScript SDK is not in $pkgs (mcp-peers did not install it)"; status=1
fi

echo "=== e2e-mcp: stop"
kill -TERM "$pid"
if ! wait "$pid"; then echo "e2e-mcp: server did not shut down cleanly:"; cat "$work/server.log"; status=1; fi
pid=
if grep -q 'sk_test_ciE2Eaaaaaaaaaaa0001' "$work/server.log"; then echo "e2e-mcp: the API key reached the log"; status=1; fi
exit $status
