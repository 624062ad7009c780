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
        // Contexts are pooled (issue 3: setting one up was the largest per-request allocation of a
        // milestone update); the scoped AppDbContext is leased from the pool and given the request's
        // tenant before anyone can use it, and goes back to the pool (state reset by EF) when the scope ends.
        builder.Services.AddPooledDbContextFactory<AppDbContext>((sp, o) =>
        {
            Configure(o, options);
            o.AddInterceptors(sp.GetRequiredService<TenantStampInterceptor>());
        });
        builder.Services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            db.Tenant = sp.GetRequiredService<TenantContext>();
            return db;
        });
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
