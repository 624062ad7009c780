using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PipeTrak.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Drops the index on (ProjectId, Percent), which every milestone update had to maintain and no query
    /// used (the progress filters and sort compare Percent as a double). See the PostgreSQL migration.
    /// </summary>
    public partial class ComponentsPercentNotIndexed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_components_ProjectId_Percent",
                table: "components");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_components_ProjectId_Percent",
                table: "components",
                columns: new[] { "ProjectId", "Percent" });
        }
    }
}
