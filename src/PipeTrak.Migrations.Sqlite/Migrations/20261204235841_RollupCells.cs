using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PipeTrak.Migrations.Sqlite.Migrations
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
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrawingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AreaId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PackageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Completed = table.Column<int>(type: "INTEGER", nullable: false),
                    PercentHundredths = table.Column<long>(type: "INTEGER", nullable: false),
                    Testable = table.Column<int>(type: "INTEGER", nullable: false),
                    TestableComplete = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetedTenThousandths = table.Column<long>(type: "INTEGER", nullable: false),
                    EarnedHundredMillionths = table.Column<long>(type: "INTEGER", nullable: false)
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
                -- Row triggers (SQLite has no statement-level ones): each inserted, changed or deleted component adds
                -- itself to / subtracts itself from its cell; a cell left with no component is removed.
                CREATE TRIGGER components_rollup_cells_insert AFTER INSERT ON components
                BEGIN
                    INSERT INTO component_rollup_cells (OrganizationId, ProjectId, DrawingId, AreaId, SystemId, PackageId, Total, Completed, PercentHundredths, Testable, TestableComplete, BudgetedTenThousandths, EarnedHundredMillionths)
                    SELECT NEW.OrganizationId, NEW.ProjectId, COALESCE(NEW.DrawingId, '00000000-0000-0000-0000-000000000000'), COALESCE(NEW.AreaId, '00000000-0000-0000-0000-000000000000'), COALESCE(NEW.SystemId, '00000000-0000-0000-0000-000000000000'), COALESCE(NEW.PackageId, '00000000-0000-0000-0000-000000000000'), 1, CAST(NEW.Percent AS REAL) >= 100, CAST(ROUND(CAST(NEW.Percent AS REAL) * 100) AS INTEGER),
                           NEW.PostHydro = 0, NEW.PostHydro = 0 AND CAST(NEW.Percent AS REAL) >= 100, CAST(ROUND(CAST(NEW.BudgetedManhours AS REAL) * 10000) AS INTEGER), CAST(ROUND(CAST(NEW.BudgetedManhours AS REAL) * 10000) AS INTEGER) * CAST(ROUND(CAST(NEW.Percent AS REAL) * 100) AS INTEGER)
                    WHERE NEW.RetiredAt IS NULL
                    ON CONFLICT (ProjectId, DrawingId, AreaId, SystemId, PackageId) DO UPDATE SET
                        Total = Total + excluded.Total, Completed = Completed + excluded.Completed,
                        PercentHundredths = PercentHundredths + excluded.PercentHundredths, Testable = Testable + excluded.Testable,
                        TestableComplete = TestableComplete + excluded.TestableComplete,
                        BudgetedTenThousandths = BudgetedTenThousandths + excluded.BudgetedTenThousandths,
                        EarnedHundredMillionths = EarnedHundredMillionths + excluded.EarnedHundredMillionths;
                END;
                CREATE TRIGGER components_rollup_cells_update AFTER UPDATE OF Percent, BudgetedManhours, PostHydro, RetiredAt, DrawingId, AreaId, SystemId, PackageId, ProjectId, OrganizationId ON components
                BEGIN
                    UPDATE component_rollup_cells SET
                        Total = Total - 1, Completed = Completed - (CAST(OLD.Percent AS REAL) >= 100), PercentHundredths = PercentHundredths - CAST(ROUND(CAST(OLD.Percent AS REAL) * 100) AS INTEGER),
                        Testable = Testable - (OLD.PostHydro = 0), TestableComplete = TestableComplete - (OLD.PostHydro = 0 AND CAST(OLD.Percent AS REAL) >= 100),
                        BudgetedTenThousandths = BudgetedTenThousandths - CAST(ROUND(CAST(OLD.BudgetedManhours AS REAL) * 10000) AS INTEGER), EarnedHundredMillionths = EarnedHundredMillionths - CAST(ROUND(CAST(OLD.BudgetedManhours AS REAL) * 10000) AS INTEGER) * CAST(ROUND(CAST(OLD.Percent AS REAL) * 100) AS INTEGER)
                    WHERE OLD.RetiredAt IS NULL AND ProjectId = OLD.ProjectId AND DrawingId = COALESCE(OLD.DrawingId, '00000000-0000-0000-0000-000000000000') AND AreaId = COALESCE(OLD.AreaId, '00000000-0000-0000-0000-000000000000') AND SystemId = COALESCE(OLD.SystemId, '00000000-0000-0000-0000-000000000000') AND PackageId = COALESCE(OLD.PackageId, '00000000-0000-0000-0000-000000000000');
                    DELETE FROM component_rollup_cells WHERE OLD.RetiredAt IS NULL AND ProjectId = OLD.ProjectId AND DrawingId = COALESCE(OLD.DrawingId, '00000000-0000-0000-0000-000000000000') AND AreaId = COALESCE(OLD.AreaId, '00000000-0000-0000-0000-000000000000') AND SystemId = COALESCE(OLD.SystemId, '00000000-0000-0000-0000-000000000000') AND PackageId = COALESCE(OLD.PackageId, '00000000-0000-0000-0000-000000000000') AND Total = 0;
                    INSERT INTO component_rollup_cells (OrganizationId, ProjectId, DrawingId, AreaId, SystemId, PackageId, Total, Completed, PercentHundredths, Testable, TestableComplete, BudgetedTenThousandths, EarnedHundredMillionths)
                    SELECT NEW.OrganizationId, NEW.ProjectId, COALESCE(NEW.DrawingId, '00000000-0000-0000-0000-000000000000'), COALESCE(NEW.AreaId, '00000000-0000-0000-0000-000000000000'), COALESCE(NEW.SystemId, '00000000-0000-0000-0000-000000000000'), COALESCE(NEW.PackageId, '00000000-0000-0000-0000-000000000000'), 1, CAST(NEW.Percent AS REAL) >= 100, CAST(ROUND(CAST(NEW.Percent AS REAL) * 100) AS INTEGER),
                           NEW.PostHydro = 0, NEW.PostHydro = 0 AND CAST(NEW.Percent AS REAL) >= 100, CAST(ROUND(CAST(NEW.BudgetedManhours AS REAL) * 10000) AS INTEGER), CAST(ROUND(CAST(NEW.BudgetedManhours AS REAL) * 10000) AS INTEGER) * CAST(ROUND(CAST(NEW.Percent AS REAL) * 100) AS INTEGER)
                    WHERE NEW.RetiredAt IS NULL
                    ON CONFLICT (ProjectId, DrawingId, AreaId, SystemId, PackageId) DO UPDATE SET
                        Total = Total + excluded.Total, Completed = Completed + excluded.Completed,
                        PercentHundredths = PercentHundredths + excluded.PercentHundredths, Testable = Testable + excluded.Testable,
                        TestableComplete = TestableComplete + excluded.TestableComplete,
                        BudgetedTenThousandths = BudgetedTenThousandths + excluded.BudgetedTenThousandths,
                        EarnedHundredMillionths = EarnedHundredMillionths + excluded.EarnedHundredMillionths;
                END;
                CREATE TRIGGER components_rollup_cells_delete AFTER DELETE ON components
                BEGIN
                    UPDATE component_rollup_cells SET
                        Total = Total - 1, Completed = Completed - (CAST(OLD.Percent AS REAL) >= 100), PercentHundredths = PercentHundredths - CAST(ROUND(CAST(OLD.Percent AS REAL) * 100) AS INTEGER),
                        Testable = Testable - (OLD.PostHydro = 0), TestableComplete = TestableComplete - (OLD.PostHydro = 0 AND CAST(OLD.Percent AS REAL) >= 100),
                        BudgetedTenThousandths = BudgetedTenThousandths - CAST(ROUND(CAST(OLD.BudgetedManhours AS REAL) * 10000) AS INTEGER), EarnedHundredMillionths = EarnedHundredMillionths - CAST(ROUND(CAST(OLD.BudgetedManhours AS REAL) * 10000) AS INTEGER) * CAST(ROUND(CAST(OLD.Percent AS REAL) * 100) AS INTEGER)
                    WHERE OLD.RetiredAt IS NULL AND ProjectId = OLD.ProjectId AND DrawingId = COALESCE(OLD.DrawingId, '00000000-0000-0000-0000-000000000000') AND AreaId = COALESCE(OLD.AreaId, '00000000-0000-0000-0000-000000000000') AND SystemId = COALESCE(OLD.SystemId, '00000000-0000-0000-0000-000000000000') AND PackageId = COALESCE(OLD.PackageId, '00000000-0000-0000-0000-000000000000');
                    DELETE FROM component_rollup_cells WHERE OLD.RetiredAt IS NULL AND ProjectId = OLD.ProjectId AND DrawingId = COALESCE(OLD.DrawingId, '00000000-0000-0000-0000-000000000000') AND AreaId = COALESCE(OLD.AreaId, '00000000-0000-0000-0000-000000000000') AND SystemId = COALESCE(OLD.SystemId, '00000000-0000-0000-0000-000000000000') AND PackageId = COALESCE(OLD.PackageId, '00000000-0000-0000-0000-000000000000') AND Total = 0;
                END;

                -- Backfill from the components as they are (same transaction as the table and the triggers).
                INSERT INTO component_rollup_cells (OrganizationId, ProjectId, DrawingId, AreaId, SystemId, PackageId, Total, Completed, PercentHundredths, Testable, TestableComplete, BudgetedTenThousandths, EarnedHundredMillionths)
                SELECT OrganizationId, ProjectId, COALESCE(DrawingId, '00000000-0000-0000-0000-000000000000'), COALESCE(AreaId, '00000000-0000-0000-0000-000000000000'), COALESCE(SystemId, '00000000-0000-0000-0000-000000000000'), COALESCE(PackageId, '00000000-0000-0000-0000-000000000000'),
                       count(*), sum(CAST(Percent AS REAL) >= 100), sum(CAST(ROUND(CAST(Percent AS REAL) * 100) AS INTEGER)),
                       sum(PostHydro = 0), sum(PostHydro = 0 AND CAST(Percent AS REAL) >= 100),
                       sum(CAST(ROUND(CAST(BudgetedManhours AS REAL) * 10000) AS INTEGER)),
                       sum(CAST(ROUND(CAST(BudgetedManhours AS REAL) * 10000) AS INTEGER) * CAST(ROUND(CAST(Percent AS REAL) * 100) AS INTEGER))
                FROM components WHERE RetiredAt IS NULL
                GROUP BY OrganizationId, ProjectId, COALESCE(DrawingId, '00000000-0000-0000-0000-000000000000'), COALESCE(AreaId, '00000000-0000-0000-0000-000000000000'), COALESCE(SystemId, '00000000-0000-0000-0000-000000000000'), COALESCE(PackageId, '00000000-0000-0000-0000-000000000000');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS components_rollup_cells_insert;
                DROP TRIGGER IF EXISTS components_rollup_cells_update;
                DROP TRIGGER IF EXISTS components_rollup_cells_delete;
                """);
            migrationBuilder.DropTable(
                name: "component_rollup_cells");
        }
    }
}
