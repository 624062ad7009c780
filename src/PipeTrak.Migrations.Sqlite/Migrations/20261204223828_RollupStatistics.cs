using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PipeTrak.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Kept in step with the PostgreSQL migration of the same name, which adds extended statistics for the
    /// roll-up query; SQLite has no statistics objects, so nothing changes here.
    /// </summary>
    public partial class RollupStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
