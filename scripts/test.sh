#!/usr/bin/env bash
# The single test entry (README): installs missing Debian packages when it can, starts a throwaway
# PostgreSQL, builds (front-end assets included), runs every suite, stops PostgreSQL, and ends with
# "N passed, N failed".
#   scripts/test.sh                 all suites
#   scripts/test.sh unit|integration|e2e   one suite (several may be given)
#   FILTER='FullyQualifiedName~Team' scripts/test.sh integration
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(unit integration e2e)
want() { local s; for s in "${suites[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

log() { printf '[test.sh] %s\n' "$*" >&2; }

# --- 1. Packages: PostgreSQL server and Chromium from Debian ------------------------------------
need=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if want integration || want e2e; then
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || need+=(postgresql)
fi
if want e2e; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${need[*]} from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || log "apt-get install ${need[*]} failed"
  else
    log "missing ${need[*]}: install them (apt-get install ${need[*]})"
  fi
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi

# --- 2. Throwaway PostgreSQL (refuses to run as root: runs as the postgres user) ---------------
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
if want integration || want e2e; then
  if [ -z "${PIPETRAK_TEST_POSTGRES:-}" ]; then
    if [ -z "$pg_bin" ]; then
      log "PostgreSQL is not installed; PostgreSQL tests will fail"
    else
      pg_port=${PIPETRAK_TEST_PG_PORT:-55432}
      while (echo >/dev/tcp/127.0.0.1/$pg_port) >/dev/null 2>&1; do pg_port=$((pg_port + 1)); done
      pg_dir=$(mktemp -d /tmp/pipetrak-pg.XXXXXX)
      chown postgres:postgres "$pg_dir" 2>/dev/null || true
      chmod 700 "$pg_dir"
      runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
        || { log "initdb failed:"; cat "$pg_dir/initdb.log" >&2; }
      runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
        || { log "PostgreSQL did not start:"; cat "$pg_dir/server.log" >&2; }
      export PIPETRAK_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true;Maximum Pool Size=50"
      log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
    fi
  fi
fi

# --- 3. Build once (npm ci for front-end assets runs inside the build when they are missing) ----
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building"
if ! dotnet build PipeTrak.slnx -c Release -nologo -v q >"$root/.build.log" 2>&1; then
  cat "$root/.build.log" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# --- 4. Run the suites and add up the results ---------------------------------------------------
passed=0; failed=0; skipped=0; status=0
run_suite() {
  local name=$1 project=$2
  local out="$root/.test-$name.log"
  log "running $name tests"
  local args=(test "$project" -c Release --no-build -nologo)
  [ -n "${FILTER:-}" ] && args+=(--filter "$FILTER")
  # Show failures with their message (the line after "Error Message"), not every passing test.
  dotnet "${args[@]}" 2>&1 | tee "$out" | grep -E -A2 '^\s*Failed [A-Za-z]|error [A-Z]+[0-9]+' | grep -v '^\s*Stack Trace' >&2
  local summary
  summary=$(grep -E '(Passed|Failed)!\s+-\s+Failed:' "$out" | tail -n 1)
  if [ -z "$summary" ]; then
    log "$name: no test summary (the run crashed or found no tests); see $out"
    failed=$((failed + 1)); status=1
    return
  fi
  local f p s
  f=$(sed -E 's/.*Failed:\s*([0-9]+).*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed:\s*([0-9]+).*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped:\s*([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [ "$f" -gt 0 ] && status=1
  log "$name: $p passed, $f failed, $s skipped"
}
want unit && run_suite unit tests/PipeTrak.Tests
want integration && run_suite integration tests/PipeTrak.IntegrationTests
want e2e && run_suite e2e tests/PipeTrak.E2E

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
