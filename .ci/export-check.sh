#!/usr/bin/env bash
# export_app in CI: exports the Go web app for all six use cases on SQLite and
# two on PostgreSQL, then in each exported directory, as its team would:
# CGO_ENABLED=0 go build (the Dockerfile's build), go vet, gofmt, the templ
# staleness check, and go test -race with -mod=readonly, its end-to-end test
# against a running `facesign-mcp sandbox`. PostgreSQL is real: started here
# (installed with apt when missing). Exports are tested one after the other to
# spare the two cores; every stage's duration is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
pg_dir=""
sandbox_pid=""
cleanup() {
  [[ -n $sandbox_pid ]] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true
  [[ -n $pg_dir ]] && bash "$root/.ci/pg-start.sh" stop "$pg_dir" || true
  rm -rf "$work"
}
trap cleanup EXIT

stage() { # stage NAME COMMAND...: runs it and prints how long it took
  local name=$1 start=$SECONDS
  shift
  printf -- '--- %s\n' "$name"
  "$@"
  printf -- '--- %s: %ds\n' "$name" $((SECONDS - start))
}

total=$SECONDS
stage "build facesign-mcp" go build -o "$work/facesign-mcp" ./cmd/facesign-mcp

start_pg() { eval "$(bash "$root/.ci/pg-start.sh")"; pg_dir=$PG_DIR; export TEST_PG=$PG_URL; }
stage "PostgreSQL" start_pg

start_sandbox() {
  "$work/facesign-mcp" sandbox --addr 127.0.0.1:0 --data-dir "$work/sandbox" --rate-limit 0 >"$work/sandbox.log" 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 100); do
    SANDBOX_URL=$(sed -n 's/.*base_url=\(http[^ ]*\).*/\1/p' "$work/sandbox.log" | head -1)
    [[ -n $SANDBOX_URL ]] && break
    sleep 0.1
  done
  [[ -n $SANDBOX_URL ]] || { cat "$work/sandbox.log"; echo "the sandbox did not start"; return 1; }
  curl -fsS "${SANDBOX_URL%/sandbox}/healthz" >/dev/null
  echo "sandbox at $SANDBOX_URL"
}
stage "sandbox" start_sandbox

check_app() { # check_app USE_CASE DATABASE
  local uc=$1 db=$2 dir=$work/apps/$1-$2
  stage "$uc/$db: export" "$work/facesign-mcp" export --flow "exporter/testdata/flows/$uc.json" --out "$dir" --use-case "$uc" --database "$db"
  (
    cd "$dir"
    export GOFLAGS=-mod=readonly
    stage "$uc/$db: CGO_ENABLED=0 go build" env CGO_ENABLED=0 go build -o "$work/app-bin" .
    stage "$uc/$db: go vet" go vet ./...
    unformatted=$(gofmt -l .)
    [[ -z $unformatted ]] || { echo "gofmt: $unformatted"; exit 1; }
    stage "$uc/$db: templ staleness" go tool templ generate -check -include-version=false
    local pg_env=()
    if [[ $db == postgres ]]; then pg_env=(TEST_POSTGRES_URL="$TEST_PG"); fi
    stage "$uc/$db: go test -race (end-to-end against the sandbox)" \
      env "${pg_env[@]}" FACESIGN_API_URL="$SANDBOX_URL" go test -race -count=1 ./...
  )
}

for uc in wire-transfer-step-up account-recovery kyc-onboarding face-enrollment login-2fa device-recovery; do
  check_app "$uc" sqlite
done
for uc in wire-transfer-step-up device-recovery; do
  check_app "$uc" postgres
done
printf -- '--- export check: %ds in all\n' $((SECONDS - total))
