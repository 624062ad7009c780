#!/usr/bin/env bash
# IMP-048 import benchmark: a generated takeoff (default 100,000 rows) goes upload → preview →
# confirm through the API (in-process server, real HTTP pipeline) into a PostgreSQL with DURABLE
# settings (fsync, synchronous_commit and full_page_writes on: the defaults), and the same rows
# are bulk-copied raw with COPY in the same run. Results go to bench/import/RESULTS.md.
#   bench/import/run.sh [rows]
# Per-phase timings (Debug logs, in /tmp/pipetrak-bench-test.log):
#   env 'Logging__LogLevel__PipeTrak.Web.Features.Imports=Debug' bench/import/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
rows=${1:-100000}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server is not installed (apt-get install postgresql)" >&2; exit 1; }
port=56432
while (echo >/dev/tcp/127.0.0.1/$port) >/dev/null 2>&1; do port=$((port + 1)); done
dir=$(mktemp -d /tmp/pipetrak-bench.XXXXXX)
chown postgres:postgres "$dir"; chmod 700 "$dir"
stop() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
runuser -u postgres -- "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
# Durable: no fsync/synchronous_commit shortcuts (unlike scripts/test.sh).
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=256MB -c max_wal_size=2GB" start >/dev/null
export PIPETRAK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Command Timeout=600"
export PIPETRAK_BENCH_ROWS=$rows
out=$(mktemp)
export PIPETRAK_BENCH_OUT=$out
dotnet build tests/PipeTrak.IntegrationTests -c Release -nologo -v q >/dev/null
dotnet test tests/PipeTrak.IntegrationTests -c Release --no-build -nologo -v q \
  --filter "FullyQualifiedName~ImportBenchmark" --logger "console;verbosity=normal" >"$dir/test.log" 2>&1 || { cat "$dir/test.log" >&2; exit 1; }
{
  echo "# Import benchmark (IMP-048)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/import/run.sh $rows\` on $(nproc) cores, PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}')"
  echo "with durable settings (fsync, synchronous_commit, full_page_writes on). The import goes through the"
  echo "real HTTP pipeline (in-process server): multipart upload and preview, then confirm, which re-reads the stored"
  echo "file (reusing the upload's parse when its SHA-256 is unchanged), compares it again with the project under the"
  echo "import lock, and commits in one transaction (binary COPY into areas, systems, packages, drawings and components)."
  echo
  cat "$out"
} > "$root/bench/import/RESULTS.md"
rm -f "$out"
cp "$dir/test.log" /tmp/pipetrak-bench-test.log 2>/dev/null || true
cat "$root/bench/import/RESULTS.md"
