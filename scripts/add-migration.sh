#!/usr/bin/env bash
# Generates a migration for BOTH providers in one go (ARCHITECTURE: migrations per provider, same commit).
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
dotnet tool restore >/dev/null
# Build the migrations projects (and so the web project) as they are now: ef runs with --no-build.
for provider in Sqlite Postgres; do
  dotnet build "src/PipeTrak.Migrations.$provider" -v q -nologo >/dev/null || { echo "build failed: src/PipeTrak.Migrations.$provider" >&2; exit 1; }
done
for provider in Sqlite Postgres; do
  PIPETRAK_MIGRATIONS_PROVIDER=$provider dotnet ef migrations add "$name" \
    --project "src/PipeTrak.Migrations.$provider" \
    --startup-project src/PipeTrak.Web \
    --context AppDbContext \
    --output-dir Migrations \
    --no-build
done
rm -f src/PipeTrak.Web/design.db
echo "Added migration $name for Sqlite and Postgres."
