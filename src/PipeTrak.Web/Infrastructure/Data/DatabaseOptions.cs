using Npgsql;

namespace PipeTrak.Web.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. Default: an embedded SQLite file, migrated and seeded automatically.
/// PostgreSQL when <c>Database:Provider=Postgres</c> with <c>ConnectionStrings:PipeTrak</c>, or
/// when <c>DATABASE_URL</c> is set. Production databases are migrated only by the explicit command.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; }
    public string ConnectionString { get; set; } = "";
    /// <summary>True for the embedded SQLite default: it migrates itself and gets demo data.</summary>
    public bool IsEmbeddedDefault { get; set; }

    public static DatabaseOptions Resolve(IConfiguration configuration, string contentRoot)
    {
        var url = configuration["DATABASE_URL"];
        var connectionString = configuration.GetConnectionString("PipeTrak");
        var providerSetting = configuration["Database:Provider"];

        if (!string.IsNullOrWhiteSpace(url) && string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = WithPostgresDefaults(FromUrl(url)) };
        }
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var provider = Enum.TryParse<DatabaseProvider>(providerSetting, ignoreCase: true, out var p)
                ? p
                : connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            return new DatabaseOptions
            {
                Provider = provider,
                ConnectionString = provider == DatabaseProvider.Postgres ? WithPostgresDefaults(connectionString) : connectionString,
            };
        }
        var dataDir = Path.Combine(contentRoot, "data");
        Directory.CreateDirectory(dataDir);
        return new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(dataDir, "pipetrak.db")}",
            IsEmbeddedDefault = true,
        };
    }

    /// <summary>
    /// PostgreSQL defaults, each unless the connection string sets it (docs/benchmarks.md, issue 3):
    /// <list type="bullet">
    /// <item>Npgsql automatic preparation: the statements the app repeats (milestone updates, token checks,
    /// roll-ups) are prepared on each pooled connection after their second use, which halved PostgreSQL CPU
    /// per milestone update in bench/milestones.sh. Set <c>Max Auto Prepare=0</c> behind a pooler in
    /// transaction mode.</item>
    /// <item><c>No Reset On Close</c>: a connection going back to the pool is not reset with seven session
    /// statements (RESET ALL, DISCARD TEMP, …) sent before its next use, 2.5 times per milestone update. The
    /// app keeps no session state: no SET, temporary tables, LISTEN or session advisory locks (its advisory
    /// locks are transaction-scoped), and an open transaction is still rolled back on close.</item>
    /// </list>
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!ExplicitlySet(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!ExplicitlySet(connectionString, "Auto Prepare Min Usages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }
        if (!ExplicitlySet(connectionString, "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    private static bool ExplicitlySet(string connectionString, string keyword) =>
        connectionString.Split(';').Any(part => part.Split('=', 2)[0].Trim().Replace(" ", "", StringComparison.Ordinal)
            .Equals(keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// postgres://user:password@host:port/database → Npgsql keyword form, built by Npgsql so that
    /// passwords with ';', '=' or quotes stay intact.
    /// </summary>
    public static string FromUrl(string url)
    {
        var uri = new Uri(url);
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (userInfo.Length > 0 && userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }
        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        return builder.ConnectionString;
    }
}
