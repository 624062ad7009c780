using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Infrastructure.Data;

public static class DataSetup
{
    public const string SqliteMigrationsAssembly = "PipeTrak.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "PipeTrak.Migrations.Postgres";

    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        AllowLoadingMigrationsAssemblies();
        var options = DatabaseOptions.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(options);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton<TenantStampInterceptor>();
        // Options are built once (singleton), not on every request: only the context itself is scoped.
        builder.Services.AddDbContext<AppDbContext>(
            (sp, o) =>
            {
                Configure(o, options);
                o.AddInterceptors(sp.GetRequiredService<TenantStampInterceptor>());
            },
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
        // Keys live in the database so cookies survive restarts and work across instances.
        builder.Services.AddDataProtection().SetApplicationName("PipeTrak").PersistKeysToDbContext<AppDbContext>();
        return builder;
    }

    /// <summary>
    /// The migrations assemblies sit beside ours but are not in our deps.json (they reference us,
    /// see ADR 001), so the default load context is told to find them in the app folder.
    /// </summary>
    private static void AllowLoadingMigrationsAssemblies()
    {
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrationsAssembly or PostgresMigrationsAssembly))
            {
                return null;
            }
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            o.UseNpgsql(options.ConnectionString, x => x.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            o.UseSqlite(options.ConnectionString, x => x.MigrationsAssembly(SqliteMigrationsAssembly));
        }
    }
}
