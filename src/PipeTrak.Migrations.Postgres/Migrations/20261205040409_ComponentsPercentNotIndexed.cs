using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PipeTrak.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Drops the index on (ProjectId, Percent): every milestone update changes Percent, and an indexed column
    /// rules out heap-only (HOT) updates, so each update wrote a new entry into all eight indexes of
    /// components. The progress filters and sort compare Percent as a double and never used it (issue 3,
    /// docs/benchmarks.md). Hand-edited: components pages are also left 10 % free (fillfactor 90) so the
    /// new row version of an update fits beside the old one; existing pages get the room as they are rewritten.
    /// </summary>
    public partial class ComponentsPercentNotIndexed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_components_ProjectId_Percent",
                table: "components");
            migrationBuilder.Sql("ALTER TABLE components SET (fillfactor = 90);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE components RESET (fillfactor);");
            migrationBuilder.CreateIndex(
                name: "IX_components_ProjectId_Percent",
                table: "components",
                columns: new[] { "ProjectId", "Percent" });
        }
    }
}
