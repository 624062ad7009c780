using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Infrastructure.Data;

/// <summary>
/// Used by <c>dotnet ef</c> only: <c>PIPETRAK_MIGRATIONS_PROVIDER</c> picks the provider whose
/// migrations are generated (scripts/add-migration.sh sets it).
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = Environment.GetEnvironmentVariable("PIPETRAK_MIGRATIONS_PROVIDER") ?? "Sqlite";
        var options = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            ? new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=pipetrak_design" }
            : new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design.db" };
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataSetup.Configure(builder, options);
        return new AppDbContext(builder.Options) { Tenant = new TenantContext(new HttpContextAccessor()) };
    }
}
