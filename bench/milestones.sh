#!/usr/bin/env bash
# Milestone update throughput (TRK-040..047) under durable PostgreSQL settings:
#   bench/milestones.sh [components=100000] [duration=30s] [connections=16] [threads=2]
# Seeds a demo project, takes a demo foreman API token, and drives
# POST /api/v1/projects/{p}/components/{c}/milestones/Punch with wrk, cycling random components
# and values 0/100 (lowering sends a TRK-042 reason). Every applied request writes the value, one
# event and the percent in one transaction with a commit flush. Prints req/s, latency percentiles and the
# CPU time per request of the app and of PostgreSQL. BENCH_WARMUP (default 90s) is the load before measuring.
# BENCH_STATEMENTS=1 also loads pg_stat_statements (PostgreSQL restarted after seeding) and prints the
# statements of the measured run with calls per request and mean time (profiling; adds a little overhead).
# BENCH_IDEMPOTENCY=1 sends a fresh Idempotency-Key with every request (the middleware's claim and completion).
source "$(dirname "$0")/common.sh"
COMPONENTS=${1:-100000}; DURATION=${2:-30s}; CONNECTIONS=${3:-16}; THREADS=${4:-2}
command -v wrk >/dev/null || { log "wrk is missing: apt-get install wrk"; exit 1; }
app_build
pg_start
seed "$COMPONENTS" 2026
if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
  psql_q "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 120 restart >/dev/null
  psql_q "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
fi
app_start
IDS="$PG_DIR/ids.txt"
psql_q "SELECT \"Id\" FROM components WHERE \"ProjectId\" = '$PROJECT_ID' AND \"RetiredAt\" IS NULL ORDER BY \"Id\" LIMIT 20000" >"$IDS"
# Steady state: .NET tiers hot code up (tier 0 → instrumented → optimized with PGO) in the background
# while serving; on the 2 busy vCPUs that takes over a minute (a 15 s warm-up still measured ~10 % of
# the app's CPU in the JIT and twice the app CPU per request, docs/benchmarks.md).
WARMUP=${BENCH_WARMUP:-90s}
log "$(wc -l <"$IDS") component ids; warming up $WARMUP (JIT tiering and PGO settle before the measured run)"
export IDS_FILE="$IDS" PROJECT_ID API_TOKEN BENCH_IDEMPOTENCY="${BENCH_IDEMPOTENCY:-0}"
wrk -t2 -c8 -d"$WARMUP" -s "$ROOT/bench/milestones.lua" "http://127.0.0.1:$APP_PORT" >/dev/null
[ "${BENCH_STATEMENTS:-0}" = 1 ] && psql_q "SELECT pg_stat_statements_reset()" >/dev/null
before=$(psql_q "SELECT count(*) FROM milestone_events WHERE \"ProjectId\" = '$PROJECT_ID'")
# CPU seconds (user + system) of the app and of every PostgreSQL process of this cluster, in clock ticks.
cpu_ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
pg_pids() { local pm; pm=$(head -n 1 "$PG_DIR/data/postmaster.pid"); echo "$pm $(pgrep -P "$pm" | tr '\n' ' ')"; }
app_cpu_before=$(cpu_ticks "$APP_PID"); pg_cpu_before=$(cpu_ticks $(pg_pids))
log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/milestones.lua" "http://127.0.0.1:$APP_PORT" | tee "$PG_DIR/wrk.txt"
app_cpu_after=$(cpu_ticks "$APP_PID"); pg_cpu_after=$(cpu_ticks $(pg_pids))
after=$(psql_q "SELECT count(*) FROM milestone_events WHERE \"ProjectId\" = '$PROJECT_ID'")
echo
echo "## Result"
machine_notes
echo "- Project: $COMPONENTS components (seed-demo took ${SEED_SECONDS%.*} s); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "- Requests/s: $(awk '/Requests\/sec/{print $2}' "$PG_DIR/wrk.txt"); latency p50 $(awk '$1=="50%"{print $2}' "$PG_DIR/wrk.txt"), p99 $(awk '$1=="99%"{print $2}' "$PG_DIR/wrk.txt")"
requests=$(awk '/requests in/{print $1}' "$PG_DIR/wrk.txt")
tick_ms=$(echo "1000 / $(getconf CLK_TCK)" | bc -l)
echo "- CPU per request during the run: app $(echo "scale=3; ($app_cpu_after - $app_cpu_before) * $tick_ms / $requests" | bc) ms, PostgreSQL $(echo "scale=3; ($pg_cpu_after - $pg_cpu_before) * $tick_ms / $requests" | bc) ms (user + system time over $requests requests)"
echo "- Events written during the run: $((after - before)) (the rest were no-ops: value already stored, TRK-046)"
echo "- Non-2xx: $(awk '/Non-2xx/{print $NF}' "$PG_DIR/wrk.txt" | tail -n1)"
echo "- Consistency after the run (components whose stored percent differs from a recomputation): $(psql_q "
  WITH credit AS (
    SELECT v.\"ComponentId\", SUM(CASE WHEN t.\"Kind\" = 1 THEN (CASE WHEN v.\"Value\" = 100 THEN t.\"Weight\" * 100 ELSE 0 END) ELSE t.\"Weight\" * v.\"Value\" END) AS h
    FROM milestone_values v JOIN components c ON c.\"Id\" = v.\"ComponentId\"
    JOIN project_template_rows t ON t.\"ProjectId\" = c.\"ProjectId\" AND t.\"ComponentType\" = c.\"Type\" AND t.\"Milestone\" = v.\"Milestone\"
    WHERE c.\"ProjectId\" = '$PROJECT_ID' GROUP BY v.\"ComponentId\")
  SELECT count(*) FROM components c LEFT JOIN credit ON credit.\"ComponentId\" = c.\"Id\"
  WHERE c.\"ProjectId\" = '$PROJECT_ID' AND round(COALESCE(credit.h, 0) / 100.0, 2) <> c.\"Percent\"")"
echo "- Roll-up cells after the run (ADR 007, kept by triggers under $CONNECTIONS concurrent connections), \`verify-rollups\`: $(app_cli verify-rollups | tail -n 1)"
if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
  total=$(awk '/requests in/{print $1}' "$PG_DIR/wrk.txt")
  echo "- Statements per request (pg_stat_statements over the $total measured requests; calls/request, mean ms, statement):"
  psql_q "SELECT round(calls::numeric / $total, 2) || ' | ' || round(mean_exec_time::numeric, 3) || ' | ' || left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'pipetrak_bench') AND calls >= $total / 10
    ORDER BY calls DESC" | sed 's/^/  - /'
  echo "  - total statements/request: $(psql_q "SELECT round(sum(calls)::numeric / $total, 2) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'pipetrak_bench')")"
fi
