#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests: installs PostgreSQL with apt
# when it is missing, creates a cluster in a temporary data directory owned by
# the postgres user, listens on a free port of 127.0.0.1 only, and prints
#   PG_URL=postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable
#   PG_DIR=<data dir>   (stop with: bash .ci/pg-start.sh stop <data dir>)
set -euo pipefail
if [[ ${1:-} == stop ]]; then
  dir=$2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$(dirname "$dir")"
  exit 0
fi
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
dir=$(mktemp -d /tmp/pgdata.XXXXXX)
chown postgres "$dir"
# A free port: a random one nothing answers on.
while :; do
  port=$((20000 + RANDOM % 40000))
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
su postgres -s /bin/sh -c "$bin/initdb -D '$dir/data' -A trust -U postgres --no-sync" >/dev/null
su postgres -s /bin/sh -c "$bin/pg_ctl -D '$dir/data' -l '$dir/log' -w -o \"-h 127.0.0.1 -p $port -k '$dir' -F\" start" >/dev/null
echo "PG_URL=postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
echo "PG_DIR=$dir/data"
