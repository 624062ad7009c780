#!/usr/bin/env bash
# Shared by the benchmark scripts: a throwaway PostgreSQL with DURABLE settings (fsync on,
# synchronous_commit on, full_page_writes on: what production runs), the app built in Release,
# seed-demo on it, and the app started on Kestrel. Everything is stopped and removed on exit.
# Needs root (PostgreSQL runs as the postgres user), PostgreSQL server binaries, curl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
log() { printf '[bench] %s\n' "$*" >&2; }

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_PORT=${BENCH_PG_PORT:-57432}
APP_PORT=${BENCH_APP_PORT:-5187}
PG_DIR=""
APP_PID=""
DLL="$ROOT/src/PipeTrak.Web/bin/Release/net10.0/PipeTrak.Web.dll"

bench_cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap bench_cleanup EXIT

pg_start() {
  [ -x "$PG_BIN/initdb" ] || { log "PostgreSQL server binaries not found (apt-get install postgresql)"; exit 1; }
  while (echo >/dev/tcp/127.0.0.1/$PG_PORT) >/dev/null 2>&1; do PG_PORT=$((PG_PORT + 1)); done
  PG_DIR=$(mktemp -d /tmp/pipetrak-bench-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 120 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB -c work_mem=32MB -c maintenance_work_mem=256MB -c fsync=on -c synchronous_commit=on -c full_page_writes=on" start >/dev/null
  psql_q "CREATE DATABASE pipetrak_bench" postgres >/dev/null
  export ConnectionStrings__PipeTrak="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=pipetrak_bench;Maximum Pool Size=100"
  export Database__Provider=Postgres
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (fsync=$(psql_q 'show fsync'), synchronous_commit=$(psql_q 'show synchronous_commit'))"
}

# psql_q SQL [database]: one query, unaligned output without headers.
psql_q() { psql -X -q -A -t -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-pipetrak_bench}" -c "$1"; }

app_build() {
  log "building (Release)"
  DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet build "$ROOT/PipeTrak.slnx" -c Release -nologo -v q >"${TMPDIR:-/tmp}/pipetrak-bench-build.log" 2>&1 \
    || { cat "${TMPDIR:-/tmp}/pipetrak-bench-build.log" >&2; exit 1; }
}

# app_cli ARGS...: runs a command verb (migrate, seed-demo) of the built app.
app_cli() { (cd "$ROOT/src/PipeTrak.Web" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning dotnet "$DLL" "$@"); }

# seed COMPONENTS SEED [more seed-demo options]: sets PROJECT_ID and API_TOKEN (a demo foreman token
# unless e.g. `--api-token-role pm` is passed).
seed() {
  app_cli migrate >/dev/null
  log "seed-demo --components $1 --seed $2"
  local started out; started=$(date +%s.%N)
  out=$(app_cli seed-demo --components "$1" --seed "$2" --api-token "${@:3}")
  SEED_SECONDS=$(echo "$(date +%s.%N) - $started" | bc)
  echo "$out" | grep -E '^(Created|Demo organization)' >&2 || true
  PROJECT_ID=$(echo "$out" | sed -n 's/^PROJECT_ID=//p' | tail -n 1)
  API_TOKEN=$(echo "$out" | sed -n 's/^API_TOKEN=//p' | tail -n 1)
  [ -n "$PROJECT_ID" ] && [ -n "$API_TOKEN" ] || { log "seed-demo did not print PROJECT_ID/API_TOKEN"; echo "$out" >&2; exit 1; }
  log "seeded in ${SEED_SECONDS%.*} s (project $PROJECT_ID)"
}

app_start() {
  (cd "$ROOT/src/PipeTrak.Web" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Demo__Seed=false \
    exec dotnet "$DLL" --urls "http://127.0.0.1:$APP_PORT") >"${PG_DIR}/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$APP_PORT/health/live" >/dev/null 2>&1; then log "app on http://127.0.0.1:$APP_PORT (pid $APP_PID)"; return 0; fi
    sleep 1
  done
  log "app did not start:"; tail -n 40 "$PG_DIR/app.log" >&2; exit 1
}

machine_notes() {
  echo "- Machine: $(nproc) vCPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM, load average (1/5/15 min) when the results were printed: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), fsync=on, synchronous_commit=on, full_page_writes=on, shared_buffers=512MB; .NET $(dotnet --version), Release build, Kestrel, Production environment"
}
