#!/usr/bin/env bash
# Generates a migration for BOTH providers in one go (ARCHITECTURE: migrations per provider, same commit).
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
dotnet tool restore >/dev/null
dotnet build src/PipeTrak.Web -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  PIPETRAK_MIGRATIONS_PROVIDER=$provider dotnet ef migrations add "$name" \
    --project "src/PipeTrak.Migrations.$provider" \
    --startup-project src/PipeTrak.Web \
    --context AppDbContext \
    --output-dir Migrations \
    --no-build 2>&1 | grep -v '^Build' || true
done
rm -f src/PipeTrak.Web/design.db
echo "Added migration $name for Sqlite and Postgres."
