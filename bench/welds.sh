#!/usr/bin/env bash
# Field weld performance targets under durable PostgreSQL settings:
#   bench/welds.sh [welds=5000] [requests=20]
# IMP-054 "2,000 welds under 10 s" (weld log import: upload + preview, then confirm) and WLD-080
# "weld log: server-side paging, under 1 s at 5,000 welds".
# Seeds a small demo project (2,000 components, so it has drawings), takes a demo project manager
# API token (weld imports need owner/admin/project manager), generates a weld log CSV with the
# IMP-050 headers on the project's real drawing numbers (a quarter of the rows planned only, the
# rest with welder stencil + date welded, part of them with NDE PASS/FAIL/PENDING), imports 2,000
# rows (after a 100-row warm-up import), then a second file bringing the project to WELDS welds, then times REQUESTS calls each of
# GET /api/v1/projects/{p}/welds (first page, middle page, filtered + searched page, sorted by
# weld number) and of the HTML page /projects/{p}/welds. Afterwards checks the data in SQL.
source "$(dirname "$0")/common.sh"
WELDS=${1:-5000}; REQUESTS=${2:-20}
FIRST_ROWS=2000
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
app_build
pg_start
seed 2000 2026 --api-token-role pm
app_start
P="'$PROJECT_ID'"
BASE="http://127.0.0.1:$APP_PORT"
AUTH="Authorization: Bearer $API_TOKEN"
DEMO_WELDS=$(psql_q "SELECT count(*) FROM welds WHERE \"ProjectId\" = $P")
psql_q "SELECT \"Number\" FROM drawings WHERE \"ProjectId\" = $P AND \"RetiredAt\" IS NULL ORDER BY \"Number\"" >"$PG_DIR/drawings.txt"
log "$DEMO_WELDS demo welds, $(wc -l <"$PG_DIR/drawings.txt") drawings"

# weld_csv FILE FROM COUNT: rows BW-<n> for n in FROM..FROM+COUNT-1, spread over the drawings.
# Row kinds by n mod 8: 0,1 planned only; 2,3 welder + date; 4 + RT PASS; 5 + RT PENDING;
# 6 + UT PASS with NDE date; 7 + RT FAIL. Stencils BW-01..BW-24 (unknown: created unverified).
weld_csv() {
  local d1 d2 d3; d1=$(date -u -d '-20 days' +%F); d2=$(date -u -d '-10 days' +%F); d3=$(date -u -d '-3 days' +%F)
  awk -v from="$2" -v count="$3" -v d1="$d1" -v d2="$d2" -v d3="$d3" '
    { drawings[NR] = $0 } 
    END {
      print "Weld ID Number,Drawing / Isometric Number,Weld Type,SPEC,Weld Size,X-RAY %,Welder Stencil,Date Welded,Type of NDE Performed,NDE Result,NDE Date,Comments"
      split("BW SW FW BW", types, " ")
      for (n = from; n < from + count; n++) {
        d = drawings[(n % NR) + 1]; k = n % 8
        stencil = ""; dated = ""; nde = ""; result = ""; ndeDate = ""
        if (k >= 2) { stencil = sprintf("BW-%02d", n % 24 + 1); dated = (n % 3 == 0 ? d1 : d2) }
        if (k == 4) { nde = "RT"; result = "PASS" }
        if (k == 5) { nde = "RT"; result = "PENDING" }
        if (k == 6) { nde = "UT"; result = "PASS"; ndeDate = d3 }
        if (k == 7) { nde = "RT"; result = "FAIL" }
        printf "BENCH-%05d,\"%s\",%s,CS150,2,10%%,%s,%s,%s,%s,%s,bench row %d\n", n, d, types[n % 4 + 1], stencil, dated, nde, result, ndeDate, n
      }
    }' "$PG_DIR/drawings.txt" >"$1"
}

# import_file FILE: upload (preview) then confirm; sets UPLOAD_S, CONFIRM_S, CREATED.
import_file() {
  local out code id
  out=$(curl -sS -o "$PG_DIR/upload.json" -w '%{http_code} %{time_total}' -H "$AUTH" -F "file=@$1;type=text/csv" "$BASE/api/v1/projects/$PROJECT_ID/welds/imports")
  code=${out% *}; UPLOAD_S=${out#* }
  [ "$code" = 201 ] || { log "upload answered $code:"; head -c 2000 "$PG_DIR/upload.json" >&2; exit 1; }
  [ "$(jq -r '.preview.canImport' "$PG_DIR/upload.json")" = true ] || { log "preview refuses the file:"; jq '.preview | del(.mappings)' "$PG_DIR/upload.json" | head -c 3000 >&2; exit 1; }
  id=$(jq -r '.id' "$PG_DIR/upload.json")
  out=$(curl -sS -o "$PG_DIR/confirm.json" -w '%{http_code} %{time_total}' -X POST -H "$AUTH" "$BASE/api/v1/projects/$PROJECT_ID/welds/imports/$id/confirm")
  code=${out% *}; CONFIRM_S=${out#* }
  [ "$code" = 200 ] || { log "confirm answered $code:"; head -c 2000 "$PG_DIR/confirm.json" >&2; exit 1; }
  CREATED=$(jq -r '.result.weldsCreated' "$PG_DIR/confirm.json")
  log "$(basename "$1"): upload+preview ${UPLOAD_S} s, confirm ${CONFIRM_S} s, $CREATED welds created, $(jq -r '.result.weldersCreated' "$PG_DIR/confirm.json") welders created"
}

# Warm-up: a first 100-row import (JIT, connection pool, caches), as on a server that has been up.
WARM_ROWS=100
weld_csv "$PG_DIR/welds-0.csv" 1 "$WARM_ROWS"
import_file "$PG_DIR/welds-0.csv"
U0=$UPLOAD_S C0=$CONFIRM_S N0=$CREATED
weld_csv "$PG_DIR/welds-1.csv" $((WARM_ROWS + 1)) "$FIRST_ROWS"
import_file "$PG_DIR/welds-1.csv"
U1=$UPLOAD_S C1=$CONFIRM_S N1=$CREATED
NOW=$(psql_q "SELECT count(*) FROM welds WHERE \"ProjectId\" = $P")
SECOND_ROWS=$(( WELDS > NOW ? WELDS - NOW : 0 ))
if [ "$SECOND_ROWS" -gt 0 ]; then
  weld_csv "$PG_DIR/welds-2.csv" $((WARM_ROWS + FIRST_ROWS + 1)) "$SECOND_ROWS"
  import_file "$PG_DIR/welds-2.csv"
  U2=$UPLOAD_S C2=$CONFIRM_S N2=$CREATED
fi
psql_q "ANALYZE" >/dev/null
TOTAL=$(psql_q "SELECT count(*) FROM welds w JOIN components c ON c.\"Id\" = w.\"ComponentId\" WHERE w.\"ProjectId\" = $P AND c.\"RetiredAt\" IS NULL")

# time_get NAME URL: REQUESTS timed GETs after one warm-up; prints a table row of percentiles.
time_get() {
  local code t times=()
  code=$(curl -sS -o "$PG_DIR/get.out" -w '%{http_code}' -H "$AUTH" "$2")
  if [ "$code" != 200 ]; then echo "| $1 | answered HTTP $code: skipped | | | | |"; return 0; fi
  local info=""
  if [ "${2#*/api/}" != "$2" ]; then info=" ($(jq -r '"\(.items | length) rows of \(.total)"' "$PG_DIR/get.out"))"; else info=" ($(wc -c <"$PG_DIR/get.out") bytes)"; fi
  for _ in $(seq 1 "$REQUESTS"); do
    t=$(curl -sS -o /dev/null -w '%{time_total}' -H "$AUTH" "$2"); times+=("$t")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$1$info" '{a[NR] = $1 * 1000}
    function p(q,  i) { i = int(q * NR + 0.999999); if (i < 1) i = 1; return a[i] }
    END { printf "| %s | %.0f | %.0f | %.0f | %.0f | %.0f |\n", name, a[1], p(0.5), p(0.9), p(0.95), a[NR] }'
}
PAGES=$(( (TOTAL + 49) / 50 )); MID=$(( PAGES / 2 > 0 ? PAGES / 2 : 1 ))
LOG="$BASE/api/v1/projects/$PROJECT_ID/welds"
ROWS=$(
  time_get "API first page (50, sort=number)" "$LOG?sort=number&dir=asc&page=1&pageSize=50"
  time_get "API middle page $MID of $PAGES (sort=number)" "$LOG?sort=number&dir=asc&page=$MID&pageSize=50"
  time_get "API status=active + search=BENCH-01 (sort=number)" "$LOG?status=active&search=BENCH-01&sort=number&dir=asc&page=1&pageSize=50"
  time_get "API ndeResult=PASS + search=BW-0, page 2 (sort=number)" "$LOG?ndeResult=PASS&search=BW-0&sort=number&dir=asc&page=2&pageSize=50"
  time_get "HTML /projects/{p}/welds first page (sort=number)" "$BASE/projects/$PROJECT_ID/welds?sort=number&dir=asc"
  time_get "HTML /projects/{p}/welds middle page $MID" "$BASE/projects/$PROJECT_ID/welds?sort=number&dir=asc&page=$MID"
)

# Checks: welded rows (welder + date) are at least 70 % (Fit-up + Weld Complete); NDE PASS/FAIL is
# accepted/rejected at 100 %; planned-only rows 0 %; every weld has its component.
CHECK_WELDED=$(psql_q "SELECT count(*) FROM welds w JOIN components c ON c.\"Id\" = w.\"ComponentId\" WHERE w.\"ProjectId\" = $P AND w.\"Number\" LIKE 'BENCH-%' AND w.\"WelderId\" IS NOT NULL AND c.\"Percent\" < 70")
CHECK_FINAL=$(psql_q "SELECT count(*) FROM welds w JOIN components c ON c.\"Id\" = w.\"ComponentId\" WHERE w.\"ProjectId\" = $P AND w.\"Number\" LIKE 'BENCH-%' AND upper(w.\"NdeResult\") IN ('PASS', 'FAIL') AND c.\"Percent\" <> 100")
CHECK_PLANNED=$(psql_q "SELECT count(*) FROM welds w JOIN components c ON c.\"Id\" = w.\"ComponentId\" WHERE w.\"ProjectId\" = $P AND w.\"Number\" LIKE 'BENCH-%' AND w.\"WelderId\" IS NULL AND c.\"Percent\" <> 0")
BENCH_WELDS=$(psql_q "SELECT count(*) FROM welds WHERE \"ProjectId\" = $P AND \"Number\" LIKE 'BENCH-%'")
BENCH_WELDED=$(psql_q "SELECT count(*) FROM welds WHERE \"ProjectId\" = $P AND \"Number\" LIKE 'BENCH-%' AND \"WelderId\" IS NOT NULL")
WELDERS=$(psql_q "SELECT count(*) FROM welders WHERE \"ProjectId\" = $P")

echo
echo "## Result"
machine_notes
echo "- Load average (1/5/15 min) before the build: $LOAD_BEFORE"
echo "- Project: 2,000 demo components ($DEMO_WELDS demo welds) on $(wc -l <"$PG_DIR/drawings.txt") drawings; seed-demo took ${SEED_SECONDS%.*} s; $TOTAL welds after the imports ($BENCH_WELDS imported, $BENCH_WELDED of them welded), $WELDERS welders"
echo
echo "| Weld import (IMP-054, target 2,000 welds < 10 s) | rows | upload + preview (s) | confirm (s) | total (s) | welds created |"
echo "|---|---:|---:|---:|---:|---:|"
row() { printf '| %s | %d | %.2f | %.2f | %.2f | %d |\n' "$1" "$2" "$3" "$4" "$(echo "$3 + $4" | bc)" "$5"; }
row "warm-up file (first import after start)" "$WARM_ROWS" "$U0" "$C0" "$N0"
row "**timed file**" "$FIRST_ROWS" "$U1" "$C1" "$N1"
if [ "$SECOND_ROWS" -gt 0 ]; then row "second file (to $WELDS welds)" "$SECOND_ROWS" "$U2" "$C2" "$N2"; fi
echo
echo "| Weld log request (WLD-080, target < 1 s), $REQUESTS requests after 1 warm-up | min (ms) | p50 (ms) | p90 (ms) | p95 (ms) | max (ms) |"
echo "|---|---:|---:|---:|---:|---:|"
echo "$ROWS"
echo
echo "- Checks: welded imported welds under 70 %: $CHECK_WELDED; NDE PASS/FAIL welds not at 100 %: $CHECK_FINAL; planned-only imported welds not at 0 %: $CHECK_PLANNED (all should be 0)"
echo "- Load average (1/5/15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
