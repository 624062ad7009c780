using Microsoft.Extensions.Configuration;
using Npgsql;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Tests.Infrastructure;

public sealed class DatabaseOptionsTests
{
    private static DatabaseOptions Resolve(Dictionary<string, string?> settings) =>
        DatabaseOptions.Resolve(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath());

    [Fact]
    public void Postgres_connections_prepare_repeated_statements_automatically_by_default()
    {
        var options = Resolve(new() { ["ConnectionStrings:PipeTrak"] = "Host=db;Username=app;Database=pipetrak", ["Database:Provider"] = "Postgres" });
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal((64, 2), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
        Assert.True(builder.NoResetOnClose);
        Assert.Equal(("db", "app", "pipetrak"), (builder.Host, builder.Username, builder.Database));
    }

    [Fact]
    public void Database_url_gets_the_same_defaults_and_keeps_its_credentials()
    {
        var options = Resolve(new() { ["DATABASE_URL"] = "postgres://app:s%3Bcret@db:6543/pipetrak" });
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal(DatabaseProvider.Postgres, options.Provider);
        Assert.Equal((64, 2, true, "s;cret", 6543), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages, builder.NoResetOnClose, builder.Password, builder.Port));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 2)]
    [InlineData("Host=db;maxautoprepare=8;Auto Prepare Min Usages=5", 8, 5)]
    public void An_explicit_setting_wins(string connectionString, int maxAutoPrepare, int minUsages)
    {
        var options = Resolve(new() { ["ConnectionStrings:PipeTrak"] = connectionString, ["Database:Provider"] = "Postgres" });
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal((maxAutoPrepare, minUsages), (builder.MaxAutoPrepare, builder.AutoPrepareMinUsages));
    }

    [Fact]
    public void Connection_reset_on_close_can_be_asked_for()
    {
        var options = Resolve(new() { ["ConnectionStrings:PipeTrak"] = "Host=db;No Reset On Close=false", ["Database:Provider"] = "Postgres" });
        Assert.False(new NpgsqlConnectionStringBuilder(options.ConnectionString).NoResetOnClose);
    }

    [Fact]
    public void Sqlite_connection_strings_are_left_alone()
    {
        var options = Resolve(new() { ["ConnectionStrings:PipeTrak"] = "Data Source=/tmp/x.db", ["Database:Provider"] = "Sqlite" });
        Assert.Equal("Data Source=/tmp/x.db", options.ConnectionString);
    }
}
