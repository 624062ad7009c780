using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PipeTrak.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Roll-up cells (ADR 007): live components summed per project and own (drawing, area, system,
    /// package), kept by AFTER triggers on <c>components</c> in the same statement as every insert, update
    /// and delete (EF, COPY, ExecuteUpdate, foreign-key SET NULL alike), and filled from the existing
    /// components here, in the same migration, so no project ever reads an empty roll-up (the seed incident).
    /// Hand-edited after generation: the trigger and backfill SQL below are not modelled by EF.
    /// </summary>
    public partial class RollupCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "component_rollup_cells",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    DrawingId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    PackageId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    PercentHundredths = table.Column<long>(type: "bigint", nullable: false),
                    Testable = table.Column<int>(type: "integer", nullable: false),
                    TestableComplete = table.Column<int>(type: "integer", nullable: false),
                    BudgetedTenThousandths = table.Column<long>(type: "bigint", nullable: false),
                    EarnedHundredMillionths = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_component_rollup_cells", x => new { x.ProjectId, x.DrawingId, x.AreaId, x.SystemId, x.PackageId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_component_rollup_cells_OrganizationId",
                table: "component_rollup_cells",
                column: "OrganizationId");

            migrationBuilder.Sql("""
                -- One function for the three statement-level triggers: the rows a statement inserted, deleted or
                -- changed (transition tables) are grouped and added to / subtracted from their cells, in key order
                -- (so concurrent statements lock cells in the same order); a cell left with no component is removed.
                CREATE FUNCTION components_rollup_cells_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  IF TG_OP = 'INSERT' THEN
                    INSERT INTO component_rollup_cells AS cells ("OrganizationId", "ProjectId", "DrawingId", "AreaId", "SystemId", "PackageId", "Total", "Completed", "PercentHundredths", "Testable", "TestableComplete", "BudgetedTenThousandths", "EarnedHundredMillionths")
                    SELECT o, p, dr, ar, sy, pk, sum(t), sum(c), sum(ph), sum(te), sum(tc), sum(b), sum(e) FROM (
                    SELECT "OrganizationId" AS o, "ProjectId" AS p,
                           COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                           COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk,
                           1 AS t, ("Percent" >= 100)::int AS c, ("Percent" * 100)::bigint AS ph,
                           (NOT "PostHydro")::int AS te, (NOT "PostHydro" AND "Percent" >= 100)::int AS tc,
                           ("BudgetedManhours" * 10000)::bigint AS b,
                           ("BudgetedManhours" * 10000)::bigint * ("Percent" * 100)::bigint AS e
                    FROM new_rows WHERE "RetiredAt" IS NULL) x
                    GROUP BY o, p, dr, ar, sy, pk ORDER BY p, dr, ar, sy, pk
                    ON CONFLICT ("ProjectId", "DrawingId", "AreaId", "SystemId", "PackageId") DO UPDATE SET
                        "Total" = cells."Total" + EXCLUDED."Total", "Completed" = cells."Completed" + EXCLUDED."Completed",
                        "PercentHundredths" = cells."PercentHundredths" + EXCLUDED."PercentHundredths",
                        "Testable" = cells."Testable" + EXCLUDED."Testable", "TestableComplete" = cells."TestableComplete" + EXCLUDED."TestableComplete",
                        "BudgetedTenThousandths" = cells."BudgetedTenThousandths" + EXCLUDED."BudgetedTenThousandths",
                        "EarnedHundredMillionths" = cells."EarnedHundredMillionths" + EXCLUDED."EarnedHundredMillionths";
                  ELSIF TG_OP = 'UPDATE' THEN
                    INSERT INTO component_rollup_cells AS cells ("OrganizationId", "ProjectId", "DrawingId", "AreaId", "SystemId", "PackageId", "Total", "Completed", "PercentHundredths", "Testable", "TestableComplete", "BudgetedTenThousandths", "EarnedHundredMillionths")
                    SELECT o, p, dr, ar, sy, pk, sum(t), sum(c), sum(ph), sum(te), sum(tc), sum(b), sum(e) FROM (
                    SELECT "OrganizationId" AS o, "ProjectId" AS p,
                           COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                           COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk,
                           1 AS t, ("Percent" >= 100)::int AS c, ("Percent" * 100)::bigint AS ph,
                           (NOT "PostHydro")::int AS te, (NOT "PostHydro" AND "Percent" >= 100)::int AS tc,
                           ("BudgetedManhours" * 10000)::bigint AS b,
                           ("BudgetedManhours" * 10000)::bigint * ("Percent" * 100)::bigint AS e
                    FROM new_rows WHERE "RetiredAt" IS NULL
                    UNION ALL
                    SELECT "OrganizationId" AS o, "ProjectId" AS p,
                           COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                           COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk,
                           -1 AS t, -("Percent" >= 100)::int AS c, -("Percent" * 100)::bigint AS ph,
                           -(NOT "PostHydro")::int AS te, -(NOT "PostHydro" AND "Percent" >= 100)::int AS tc,
                           -("BudgetedManhours" * 10000)::bigint AS b,
                           -("BudgetedManhours" * 10000)::bigint * ("Percent" * 100)::bigint AS e
                    FROM old_rows WHERE "RetiredAt" IS NULL) x
                    GROUP BY o, p, dr, ar, sy, pk
                    HAVING sum(t) <> 0 OR sum(c) <> 0 OR sum(ph) <> 0 OR sum(te) <> 0 OR sum(tc) <> 0 OR sum(b) <> 0 OR sum(e) <> 0
                    ORDER BY p, dr, ar, sy, pk
                    ON CONFLICT ("ProjectId", "DrawingId", "AreaId", "SystemId", "PackageId") DO UPDATE SET
                        "Total" = cells."Total" + EXCLUDED."Total", "Completed" = cells."Completed" + EXCLUDED."Completed",
                        "PercentHundredths" = cells."PercentHundredths" + EXCLUDED."PercentHundredths",
                        "Testable" = cells."Testable" + EXCLUDED."Testable", "TestableComplete" = cells."TestableComplete" + EXCLUDED."TestableComplete",
                        "BudgetedTenThousandths" = cells."BudgetedTenThousandths" + EXCLUDED."BudgetedTenThousandths",
                        "EarnedHundredMillionths" = cells."EarnedHundredMillionths" + EXCLUDED."EarnedHundredMillionths";
                    DELETE FROM component_rollup_cells AS cells
                    USING (SELECT DISTINCT "ProjectId" AS p, COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                                  COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk FROM old_rows) k
                    WHERE cells."ProjectId" = k.p AND cells."DrawingId" = k.dr::uuid AND cells."AreaId" = k.ar::uuid
                      AND cells."SystemId" = k.sy::uuid AND cells."PackageId" = k.pk::uuid AND cells."Total" = 0;
                  ELSE
                    UPDATE component_rollup_cells AS cells SET
                        "Total" = cells."Total" + d.t, "Completed" = cells."Completed" + d.c, "PercentHundredths" = cells."PercentHundredths" + d.ph,
                        "Testable" = cells."Testable" + d.te, "TestableComplete" = cells."TestableComplete" + d.tc,
                        "BudgetedTenThousandths" = cells."BudgetedTenThousandths" + d.b, "EarnedHundredMillionths" = cells."EarnedHundredMillionths" + d.e
                    FROM (SELECT p, dr, ar, sy, pk, sum(t) AS t, sum(c) AS c, sum(ph) AS ph, sum(te) AS te, sum(tc) AS tc, sum(b) AS b, sum(e) AS e FROM (
                    SELECT "OrganizationId" AS o, "ProjectId" AS p,
                           COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                           COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk,
                           -1 AS t, -("Percent" >= 100)::int AS c, -("Percent" * 100)::bigint AS ph,
                           -(NOT "PostHydro")::int AS te, -(NOT "PostHydro" AND "Percent" >= 100)::int AS tc,
                           -("BudgetedManhours" * 10000)::bigint AS b,
                           -("BudgetedManhours" * 10000)::bigint * ("Percent" * 100)::bigint AS e
                    FROM old_rows WHERE "RetiredAt" IS NULL) x
                    GROUP BY p, dr, ar, sy, pk) d
                    WHERE cells."ProjectId" = d.p AND cells."DrawingId" = d.dr::uuid AND cells."AreaId" = d.ar::uuid
                      AND cells."SystemId" = d.sy::uuid AND cells."PackageId" = d.pk::uuid;
                    DELETE FROM component_rollup_cells AS cells
                    USING (SELECT DISTINCT "ProjectId" AS p, COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                                  COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk FROM old_rows) k
                    WHERE cells."ProjectId" = k.p AND cells."DrawingId" = k.dr::uuid AND cells."AreaId" = k.ar::uuid
                      AND cells."SystemId" = k.sy::uuid AND cells."PackageId" = k.pk::uuid AND cells."Total" = 0;
                  END IF;
                  RETURN NULL;
                END
                $fn$;

                CREATE TRIGGER components_rollup_cells_insert AFTER INSERT ON components
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION components_rollup_cells_apply();
                CREATE TRIGGER components_rollup_cells_update AFTER UPDATE ON components
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION components_rollup_cells_apply();
                CREATE TRIGGER components_rollup_cells_delete AFTER DELETE ON components
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION components_rollup_cells_apply();

                -- TRUNCATE fires no delete trigger: empty the cells with it.
                CREATE FUNCTION components_rollup_cells_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM component_rollup_cells;
                  RETURN NULL;
                END
                $fn$;
                CREATE TRIGGER components_rollup_cells_truncate AFTER TRUNCATE ON components
                    FOR EACH STATEMENT EXECUTE FUNCTION components_rollup_cells_truncate();

                -- Backfill from the components as they are (same transaction as the table and the triggers).
                INSERT INTO component_rollup_cells ("OrganizationId", "ProjectId", "DrawingId", "AreaId", "SystemId", "PackageId", "Total", "Completed", "PercentHundredths", "Testable", "TestableComplete", "BudgetedTenThousandths", "EarnedHundredMillionths")
                SELECT o, p, dr, ar, sy, pk, sum(t), sum(c), sum(ph), sum(te), sum(tc), sum(b), sum(e) FROM (
                    SELECT "OrganizationId" AS o, "ProjectId" AS p,
                           COALESCE("DrawingId", '00000000-0000-0000-0000-000000000000') AS dr, COALESCE("AreaId", '00000000-0000-0000-0000-000000000000') AS ar,
                           COALESCE("SystemId", '00000000-0000-0000-0000-000000000000') AS sy, COALESCE("PackageId", '00000000-0000-0000-0000-000000000000') AS pk,
                           1 AS t, ("Percent" >= 100)::int AS c, ("Percent" * 100)::bigint AS ph,
                           (NOT "PostHydro")::int AS te, (NOT "PostHydro" AND "Percent" >= 100)::int AS tc,
                           ("BudgetedManhours" * 10000)::bigint AS b,
                           ("BudgetedManhours" * 10000)::bigint * ("Percent" * 100)::bigint AS e
                    FROM components WHERE "RetiredAt" IS NULL) x
                GROUP BY o, p, dr, ar, sy, pk;
                ANALYZE component_rollup_cells;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS components_rollup_cells_insert ON components;
                DROP TRIGGER IF EXISTS components_rollup_cells_update ON components;
                DROP TRIGGER IF EXISTS components_rollup_cells_delete ON components;
                DROP TRIGGER IF EXISTS components_rollup_cells_truncate ON components;
                DROP FUNCTION IF EXISTS components_rollup_cells_apply();
                DROP FUNCTION IF EXISTS components_rollup_cells_truncate();
                """);
            migrationBuilder.DropTable(
                name: "component_rollup_cells");
        }
    }
}
