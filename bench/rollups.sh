#!/usr/bin/env bash
# Roll-up and list times at scale (TRK-050..054, PKG-030), PostgreSQL with durable settings:
#   bench/rollups.sh [components=1000000] [runs=5]
# Seeds one demo project of COMPONENTS components (10,000 drawings at 1,000,000), then
# 1. runs each query RUNS times with EXPLAIN (ANALYZE, BUFFERS) and reports the server-side execution
#    time of the first (cold-ish) and the median of the rest (warm). The SQL is what EF generates for
#    ProjectRollups (dashboard, roll-up API, packages) and DrawingRollups (drawings page), both reading
#    the trigger-kept roll-up cells (ADR 007), plus the ADR 006 full aggregate for comparison;
# 2. times the real HTTP endpoints end to end on loopback with curl (every query of the request:
#    project lookup, cells, drawings count, packages, PKG-031 blockers, names, JSON): roll-ups API (the
#    dashboard's data), packages list (readiness of every package) and one package's page data;
# 3. checks that the cells still equal a recomputation from the component rows (the app's
#    verify-rollups command) after the seed (COPY + every demo command).
source "$(dirname "$0")/common.sh"
COMPONENTS=${1:-1000000}; RUNS=${2:-5}
app_build
pg_start
seed "$COMPONENTS" 2026
P="'$PROJECT_ID'"
O="'$(psql_q "SELECT \"OrganizationId\" FROM projects WHERE \"Id\" = $P")'"
E="'00000000-0000-0000-0000-000000000000'"
PAGE_OFFSET=$(( $(psql_q "SELECT count(*) FROM drawings WHERE \"ProjectId\" = $P") / 2 ))
PAGE="ARRAY(SELECT d.\"Id\" FROM drawings d WHERE d.\"ProjectId\" = $P AND d.\"RetiredAt\" IS NULL ORDER BY d.\"NormalizedNumber\", d.\"Sheet\" LIMIT 50 OFFSET $PAGE_OFFSET)"

declare -a NAMES SQLS
add() { NAMES+=("$1"); SQLS+=("$2"); }
add "TRK-053/054 dashboard + PKG-030 packages: the one cells query (overall, area, system, effective package, manhours, testable)" \
  "SELECT c.\"AreaId\", c.\"SystemId\", CASE WHEN c.\"PackageId\" <> $E THEN c.\"PackageId\" ELSE d.\"PackageId\" END AS pk, sum(c.\"Total\")::int, sum(c.\"Completed\")::int, sum(c.\"PercentHundredths\")::bigint, sum(c.\"Testable\")::int, sum(c.\"TestableComplete\")::int, sum(c.\"BudgetedTenThousandths\")::bigint, sum(c.\"EarnedHundredMillionths\")::bigint FROM component_rollup_cells c LEFT JOIN (SELECT d0.\"Id\", d0.\"PackageId\" FROM drawings d0 WHERE d0.\"OrganizationId\" = $O) d ON c.\"DrawingId\" = d.\"Id\" WHERE c.\"OrganizationId\" = $O AND c.\"ProjectId\" = $P GROUP BY c.\"AreaId\", c.\"SystemId\", 3"
add "ADR 006 (before 2026-12-05, for comparison): the same figures aggregated from every live component row" \
  "SELECT c0.\"AreaId\", c0.\"SystemId\", COALESCE(c0.\"PackageId\", d0.\"PackageId\"), c0.\"Total\", c0.\"Completed\", c0.\"Percent\", c0.\"Testable\", c0.\"TestableComplete\", c0.\"Budgeted\", c0.\"Earned\" FROM (SELECT c.\"DrawingId\", c.\"AreaId\", c.\"SystemId\", c.\"PackageId\", count(*)::int AS \"Total\", count(*) FILTER (WHERE c.\"Percent\" >= 100.0)::int AS \"Completed\", COALESCE(sum(c.\"Percent\"), 0.0) AS \"Percent\", count(*) FILTER (WHERE NOT (c.\"PostHydro\"))::int AS \"Testable\", count(*) FILTER (WHERE NOT (c.\"PostHydro\") AND c.\"Percent\" >= 100.0)::int AS \"TestableComplete\", COALESCE(sum(c.\"BudgetedManhours\"), 0.0) AS \"Budgeted\", COALESCE(sum(c.\"BudgetedManhours\" * c.\"Percent\"), 0.0) AS \"Earned\" FROM components AS c WHERE c.\"OrganizationId\" = $O AND c.\"ProjectId\" = $P AND c.\"RetiredAt\" IS NULL GROUP BY c.\"DrawingId\", c.\"AreaId\", c.\"SystemId\", c.\"PackageId\") AS c0 LEFT JOIN (SELECT d.\"Id\", d.\"PackageId\" FROM drawings AS d WHERE d.\"OrganizationId\" = $O) AS d0 ON c0.\"DrawingId\" = d0.\"Id\""
add "Drawings list: one page of 50 (by number, mid-list) + total count" \
  "SELECT d.\"Id\", d.\"Number\", d.\"Title\", d.\"Revision\", (SELECT count(*) FROM drawings x WHERE x.\"ProjectId\" = $P AND x.\"RetiredAt\" IS NULL) FROM drawings d WHERE d.\"ProjectId\" = $P AND d.\"RetiredAt\" IS NULL ORDER BY d.\"NormalizedNumber\", d.\"Sheet\" LIMIT 50 OFFSET $PAGE_OFFSET"
add "TRK-050 roll-up of that page's 50 drawings (DrawingRollups, cells)" \
  "SELECT c.\"DrawingId\", sum(c.\"Total\")::int, sum(c.\"Completed\")::int, sum(c.\"PercentHundredths\")::bigint FROM component_rollup_cells c WHERE c.\"OrganizationId\" = $O AND c.\"ProjectId\" = $P AND c.\"DrawingId\" = ANY ($PAGE) GROUP BY c.\"DrawingId\""
add "TRK-050 roll-up of ALL drawings (cells)" \
  "SELECT c.\"DrawingId\", sum(c.\"Total\")::int, sum(c.\"Completed\")::int, sum(c.\"PercentHundredths\")::bigint FROM component_rollup_cells c WHERE c.\"OrganizationId\" = $O AND c.\"ProjectId\" = $P GROUP BY c.\"DrawingId\""
add "RPT-050 recent activity: last 50 events" \
  "SELECT e.\"Id\", e.\"Milestone\", e.\"Value\", e.\"RecordedAt\" FROM milestone_events e WHERE e.\"ProjectId\" = $P ORDER BY e.\"RecordedAt\" DESC LIMIT 50"

ms() { echo "$1" | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
psql_q "VACUUM ANALYZE" >/dev/null
app_start
http_ms() { curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $API_TOKEN" "http://127.0.0.1:$APP_PORT$1" | awk '{printf "%.1f\n", $1 * 1000}'; }
PACKAGE_ID=$(psql_q "SELECT \"Id\" FROM test_packages WHERE \"ProjectId\" = $P ORDER BY \"Name\" LIMIT 1")
declare -a HNAMES HURLS
HNAMES+=("GET /api/v1/projects/{p}/rollups (dashboard figures: overall, area, system, package, readiness)"); HURLS+=("/api/v1/projects/$PROJECT_ID/rollups")
HNAMES+=("GET /api/v1/projects/{p}/packages (every package with readiness)"); HURLS+=("/api/v1/projects/$PROJECT_ID/packages")
HNAMES+=("GET /api/v1/projects/{p}/packages/{id} (one package with readiness)"); HURLS+=("/api/v1/projects/$PROJECT_ID/packages/$PACKAGE_ID")
for u in "${HURLS[@]}"; do http_ms "$u" >/dev/null; done  # JIT and connection warm-up

echo
echo "## Result"
machine_notes
echo "- Project: $(psql_q "SELECT count(*) FROM components WHERE \"ProjectId\" = $P") components, $(psql_q "SELECT count(*) FROM drawings WHERE \"ProjectId\" = $P") drawings, $(psql_q "SELECT count(*) FROM component_rollup_cells WHERE \"ProjectId\" = $P") roll-up cells, $(psql_q "SELECT count(*) FROM milestone_values WHERE \"ProjectId\" = $P") milestone values, $(psql_q "SELECT count(*) FROM milestone_events WHERE \"ProjectId\" = $P") events; seed-demo took ${SEED_SECONDS%.*} s; database size $(psql_q "SELECT pg_size_pretty(pg_database_size('pipetrak_bench'))")"
echo
echo "| Query (EXPLAIN ANALYZE execution time) | first run (ms) | median of next $((RUNS - 1)) (ms) |"
echo "|---|---:|---:|"
for i in "${!NAMES[@]}"; do
  first=""; warm=()
  for r in $(seq 1 "$RUNS"); do
    plan=$(psql_q "EXPLAIN (ANALYZE, BUFFERS) ${SQLS[$i]}")
    t=$(ms "$plan")
    if [ "$r" = 1 ]; then first=$t; else warm+=("$t"); fi
    [ "$r" = "$RUNS" ] && echo "$plan" >"$PG_DIR/plan_$i.txt"
  done
  echo "| ${NAMES[$i]} | $first | $(printf '%s\n' "${warm[@]}" | median) |"
done
echo
echo "| HTTP request (curl on loopback, 20 runs) | median (ms) | max (ms) |"
echo "|---|---:|---:|"
for i in "${!HURLS[@]}"; do
  times=$(for r in $(seq 1 20); do http_ms "${HURLS[$i]}"; done)
  echo "| ${HNAMES[$i]} | $(echo "$times" | median) | $(echo "$times" | sort -n | tail -n1) |"
done
echo
log "checking the cells against a recomputation (verify-rollups)"
echo "- After the seed: \`verify-rollups\` says: $(app_cli verify-rollups | tail -n 1)"
echo
echo "### Plan of the dashboard cells query (last run)"
echo '```'
cat "$PG_DIR/plan_0.txt"
echo '```'
