#!/usr/bin/env bash
# Roll-up and list query times at scale (TRK-050..054), PostgreSQL with durable settings:
#   bench/rollups.sh [components=1000000] [runs=5]
# Seeds one demo project of COMPONENTS components (10,000 drawings at 1,000,000), then runs each
# query RUNS times with EXPLAIN (ANALYZE, BUFFERS) and reports the server-side execution time of the
# first (cold-ish) and the median of the rest (warm). The SQL mirrors what EF generates for
# DrawingRollups.ForDrawingsAsync (TRK-050) and the dashboard aggregates (TRK-053/054).
# BENCH_COVERING_INDEX=1 also measures them again with an experimental partial covering index.
source "$(dirname "$0")/common.sh"
COMPONENTS=${1:-1000000}; RUNS=${2:-5}
app_build
pg_start
seed "$COMPONENTS" 2026
P="'$PROJECT_ID'"
PAGE_OFFSET=$(( $(psql_q "SELECT count(*) FROM drawings WHERE \"ProjectId\" = $P") / 2 ))

declare -a NAMES SQLS
add() { NAMES+=("$1"); SQLS+=("$2"); }
O="'$(psql_q "SELECT \"OrganizationId\" FROM projects WHERE \"Id\" = $P")'"
# The dashboard's one query (ProjectRollups.CellsAsync, as EF generates it): live components grouped by
# drawing/area/system/own package, then joined to their drawings for the effective package (TRK-072).
# Overall, area, system and package figures are all folded from its rows.
add "TRK-053/054 dashboard: the one cells query (overall + area + system + effective package)" \
  "SELECT c0.\"AreaId\", c0.\"SystemId\", COALESCE(c0.\"PackageId\", d0.\"PackageId\"), c0.\"Total\", c0.\"Completed\", c0.\"Percent\", c0.\"Testable\", c0.\"TestableComplete\", c0.\"Budgeted\", c0.\"Earned\" FROM (SELECT c.\"DrawingId\", c.\"AreaId\", c.\"SystemId\", c.\"PackageId\", count(*)::int AS \"Total\", count(*) FILTER (WHERE c.\"Percent\" >= 100.0)::int AS \"Completed\", COALESCE(sum(c.\"Percent\"), 0.0) AS \"Percent\", count(*) FILTER (WHERE NOT (c.\"PostHydro\"))::int AS \"Testable\", count(*) FILTER (WHERE NOT (c.\"PostHydro\") AND c.\"Percent\" >= 100.0)::int AS \"TestableComplete\", COALESCE(sum(c.\"BudgetedManhours\"), 0.0) AS \"Budgeted\", COALESCE(sum(c.\"BudgetedManhours\" * c.\"Percent\"), 0.0) AS \"Earned\" FROM components AS c WHERE c.\"OrganizationId\" = $O AND c.\"ProjectId\" = $P AND c.\"RetiredAt\" IS NULL GROUP BY c.\"DrawingId\", c.\"AreaId\", c.\"SystemId\", c.\"PackageId\") AS c0 LEFT JOIN (SELECT d.\"Id\", d.\"PackageId\" FROM drawings AS d WHERE d.\"OrganizationId\" = $O) AS d0 ON c0.\"DrawingId\" = d0.\"Id\""
add "Before 2026-12-04 (for comparison): effective-package roll-up joining every component row to its drawing" \
  "SELECT COALESCE(c.\"PackageId\", d.\"PackageId\"), count(*), avg(c.\"Percent\") FROM components c LEFT JOIN drawings d ON d.\"Id\" = c.\"DrawingId\" WHERE c.\"ProjectId\" = $P AND c.\"RetiredAt\" IS NULL GROUP BY 1"
add "Drawings list: one page of 50 (by number, mid-list) + total count" \
  "SELECT d.\"Id\", d.\"Number\", d.\"Title\", d.\"Revision\", (SELECT count(*) FROM drawings x WHERE x.\"ProjectId\" = $P AND x.\"RetiredAt\" IS NULL) FROM drawings d WHERE d.\"ProjectId\" = $P AND d.\"RetiredAt\" IS NULL ORDER BY d.\"NormalizedNumber\", d.\"Sheet\" LIMIT 50 OFFSET $PAGE_OFFSET"
add "TRK-050 roll-up of that page's 50 drawings (DrawingRollups.ForDrawingsAsync)" \
  "SELECT c.\"DrawingId\", count(*)::int, count(*) FILTER (WHERE c.\"Percent\"::double precision >= 100.0)::int, COALESCE(sum(round(c.\"Percent\"::double precision * 100.0)::bigint), 0) FROM components c WHERE c.\"ProjectId\" = $P AND c.\"RetiredAt\" IS NULL AND c.\"DrawingId\" IS NOT NULL AND c.\"DrawingId\" = ANY (ARRAY(SELECT d.\"Id\" FROM drawings d WHERE d.\"ProjectId\" = $P AND d.\"RetiredAt\" IS NULL ORDER BY d.\"NormalizedNumber\", d.\"Sheet\" LIMIT 50 OFFSET $PAGE_OFFSET)) GROUP BY c.\"DrawingId\""
add "TRK-050 roll-up of ALL drawings (list sorted by progress)" \
  "SELECT c.\"DrawingId\", count(*)::int, count(*) FILTER (WHERE c.\"Percent\"::double precision >= 100.0)::int, COALESCE(sum(round(c.\"Percent\"::double precision * 100.0)::bigint), 0) FROM components c WHERE c.\"ProjectId\" = $P AND c.\"RetiredAt\" IS NULL AND c.\"DrawingId\" IS NOT NULL GROUP BY c.\"DrawingId\""
add "RPT-050 recent activity: last 50 events" \
  "SELECT e.\"Id\", e.\"Milestone\", e.\"Value\", e.\"RecordedAt\" FROM milestone_events e WHERE e.\"ProjectId\" = $P ORDER BY e.\"RecordedAt\" DESC LIMIT 50"

ms() { echo "$1" | sed -n 's/.*Execution Time: \([0-9.]*\) ms.*/\1/p'; }
echo
echo "## Result"
machine_notes
echo "- Project: $(psql_q "SELECT count(*) FROM components WHERE \"ProjectId\" = $P") components, $(psql_q "SELECT count(*) FROM drawings WHERE \"ProjectId\" = $P") drawings, $(psql_q "SELECT count(*) FROM milestone_values WHERE \"ProjectId\" = $P") milestone values, $(psql_q "SELECT count(*) FROM milestone_events WHERE \"ProjectId\" = $P") events; seed-demo took ${SEED_SECONDS%.*} s; database size $(psql_q "SELECT pg_size_pretty(pg_database_size('pipetrak_bench'))")"
echo
echo "| Query | first run (ms) | median of next $((RUNS - 1)) (ms) |"
echo "|---|---:|---:|"
for i in "${!NAMES[@]}"; do
  first=""; warm=()
  for r in $(seq 1 "$RUNS"); do
    plan=$(psql_q "EXPLAIN (ANALYZE, BUFFERS) ${SQLS[$i]}")
    t=$(ms "$plan")
    if [ "$r" = 1 ]; then first=$t; else warm+=("$t"); fi
    [ "$r" = "$RUNS" ] && echo "$plan" >"$PG_DIR/plan_$i.txt"
  done
  median=$(printf '%s\n' "${warm[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  echo "| ${NAMES[$i]} | $first | $median |"
done
if [ "${BENCH_COVERING_INDEX:-0}" = 1 ]; then
  # Experiment: a partial covering index lets the whole-project aggregates run as index-only scans.
  log "creating the experimental covering index"
  psql_q "CREATE INDEX bench_components_live_cover ON components (\"ProjectId\") INCLUDE (\"Percent\", \"AreaId\", \"SystemId\", \"PackageId\", \"DrawingId\") WHERE \"RetiredAt\" IS NULL" >/dev/null
  psql_q "VACUUM ANALYZE components" >/dev/null
  echo
  echo "With the experimental index \`components (ProjectId) INCLUDE (Percent, AreaId, SystemId, PackageId, DrawingId) WHERE RetiredAt IS NULL\` (after VACUUM ANALYZE):"
  echo
  echo "| Query | first run (ms) | median of next $((RUNS - 1)) (ms) |"
  echo "|---|---:|---:|"
  for i in "${!NAMES[@]}"; do
    first=""; warm=()
    for r in $(seq 1 "$RUNS"); do
      t=$(ms "$(psql_q "EXPLAIN (ANALYZE, BUFFERS) ${SQLS[$i]}")")
      if [ "$r" = 1 ]; then first=$t; else warm+=("$t"); fi
    done
    median=$(printf '%s\n' "${warm[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    echo "| ${NAMES[$i]} | $first | $median |"
  done
fi
echo
echo "### Plan of the dashboard cells query (last run)"
echo '```'
cat "$PG_DIR/plan_0.txt"
echo '```'
