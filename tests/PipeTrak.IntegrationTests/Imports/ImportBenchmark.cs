using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Imports;

/// <summary>
/// IMP-048 benchmark, run by bench/import/run.sh (PIPETRAK_BENCH_ROWS set, durable PostgreSQL):
/// a generated takeoff goes upload → preview → confirm through the API, and the same rows are
/// then bulk-copied raw with COPY in the same run. Writes the figures to PIPETRAK_BENCH_OUT.
/// Without PIPETRAK_BENCH_ROWS it does nothing (so the normal suites stay fast).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportBenchmark(PostgresFactory factory)
{
    public const string RowsVariable = "PIPETRAK_BENCH_ROWS";
    public const string OutputVariable = "PIPETRAK_BENCH_OUT";

    [Fact]
    public async Task IMP048_takeoff_import_through_the_api_against_raw_copy()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(RowsVariable), out var rows) || rows <= 0)
        {
            return;
        }
        var csv = Generate(rows);
        var org = await factory.CreateOrganizationAsync();
        await factory.EnsureTemplatesAsync(org.Id, org.ProjectId!.Value);
        using var api = await factory.ApiClientAsync(org.Owner);
        api.Http.Timeout = TimeSpan.FromMinutes(15);
        var projectId = org.ProjectId!.Value;

        var total = Stopwatch.StartNew();
        var upload = Stopwatch.StartNew();
        var preview = await api.PreviewAsync(projectId, csv);
        upload.Stop();
        var confirm = Stopwatch.StartNew();
        var response = await api.ConfirmAsync(projectId, preview.GetProperty("id").GetGuid());
        confirm.Stop();
        total.Stop();
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.JsonAsync()).GetProperty("result");
        var created = result.GetProperty("componentsCreated").GetInt32();

        // Re-import of the same file (IMP-042): creates nothing.
        var again = Stopwatch.StartNew();
        var second = await api.PreviewAsync(projectId, csv);
        var secondResult = (await (await api.ConfirmAsync(projectId, second.GetProperty("id").GetGuid())).JsonAsync()).GetProperty("result");
        again.Stop();
        Assert.Equal(0, secondResult.GetProperty("componentsCreated").GetInt32());

        // Raw COPY of the same rows, same database, same run.
        var connectionString = factory.Services.GetRequiredConnectionString();
        var (copyText, copyComponents) = await RawCopyAsync(connectionString, csv, org.Id, projectId);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Measure | Value |");
        text.AppendLine("|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Takeoff rows | {rows:N0} ({csv.Length / 1024.0 / 1024.0:0.0} MB CSV) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Components created | {created:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Upload → preview (API) | {upload.Elapsed.TotalSeconds:0.00} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Confirm → commit (API, re-read + re-validate + one transaction) | {confirm.Elapsed.TotalSeconds:0.00} s (server durationMs {result.GetProperty("durationMs").GetInt64():N0}) |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Upload → commit total | {total.Elapsed.TotalSeconds:0.00} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Re-import same file (upload + confirm, creates 0) | {again.Elapsed.TotalSeconds:0.00} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Raw `COPY ... FROM STDIN (FORMAT csv)` of the file into an unindexed text table | {copyText.TotalSeconds:0.00} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Raw binary `COPY` of the same component rows into `components` (same indexes and foreign keys, another project) | {copyComponents.TotalSeconds:0.00} s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Import total ÷ raw COPY into components | {total.Elapsed.TotalSeconds / copyComponents.TotalSeconds:0.0}× |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| Import total ÷ raw text COPY | {total.Elapsed.TotalSeconds / copyText.TotalSeconds:0.0}× |");
        var output = Environment.GetEnvironmentVariable(OutputVariable);
        if (!string.IsNullOrEmpty(output))
        {
            await File.WriteAllTextAsync(output, text.ToString());
        }
    }

    /// <summary>Counted, spool, support and pipe rows over 20-row drawings; every row one component except pipe pairs.</summary>
    public static byte[] Generate(int rows)
    {
        var sb = new StringBuilder(rows * 80);
        sb.Append("DRAWING,TYPE,QTY,CMDTY CODE,SIZE,SPEC,DESCRIPTION,AREA,SYSTEM,TEST_PACKAGE\n");
        for (var i = 0; i < rows; i++)
        {
            var drawing = string.Create(CultureInfo.InvariantCulture, $"BM-{i / 20:D6}");
            var (type, qty, code) = (i % 10) switch
            {
                0 => ("Spool", "1", $"SP-{i:D7}"),
                1 or 2 => ("Valve", "1", $"VLV-{i:D7}"),
                3 => ("Support", "1", $"SUP-{i:D7}"),
                4 => ("Flange", "1", $"FLG-{i:D7}"),
                5 => ("Fitting", "1", $"FIT-{i:D7}"),
                6 => ("Instrument", "1", $"FT-{i:D7}"),
                7 or 8 => ("Pipe", "12.5", $"PIPE-{i % 20:D2}"),
                _ => ("Field_Weld", "1", $"W-{i:D7}"),
            };
            sb.Append(CultureInfo.InvariantCulture, $"{drawing},{type},{qty},{code},{2 + (i % 4)},CS150_A,Bench row {i},Area {i % 7},System {i % 11},TP-{i % 50:D3}\n");
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static Guid? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    private async Task<(TimeSpan Text, TimeSpan Components)> RawCopyAsync(string connectionString, byte[] csv, Guid orgId, Guid projectId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE bench_raw (drawing text, type text, qty text, code text, size text, spec text, description text, area text, system text, package text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }
        var text = Stopwatch.StartNew();
        await using (var writer = await connection.BeginTextImportAsync("COPY bench_raw FROM STDIN (FORMAT csv, HEADER true)"))
        {
            await writer.WriteAsync(Encoding.UTF8.GetString(csv));
        }
        text.Stop();

        // The component rows the import wrote, copied raw into components again (another project of the
        // same organization, so the same foreign keys and indexes are checked).
        var copyProject = await factory.CreateProjectAsync(orgId, "Bench raw copy " + Guid.NewGuid().ToString("N")[..6]);
        var source = new List<(string Type, string Key, Guid? Drawing, Guid? Area, Guid? System, Guid? Package, string Attributes)>();
        await using (var read = new NpgsqlCommand(
            "SELECT \"Type\", \"IdentityKey\", \"DrawingId\", \"AreaId\", \"SystemId\", \"PackageId\", \"Attributes\" FROM components WHERE \"ProjectId\" = @p", connection))
        {
            read.Parameters.AddWithValue("p", projectId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                source.Add((reader.GetString(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5), reader.GetString(6)));
            }
        }
        var now = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc);
        var components = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY components (\"Id\", \"OrganizationId\", \"ProjectId\", \"Type\", \"IdentityKey\", \"DrawingId\", \"AreaId\", \"SystemId\", \"PackageId\", " +
            "\"Attributes\", \"Percent\", \"BudgetedManhours\", \"ManhourWeight\", \"PostHydro\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in source)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(orgId, NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(copyProject.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
                await copy.WriteAsync(row.Type, NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Key, NpgsqlTypes.NpgsqlDbType.Varchar);
                foreach (var id in new[] { row.Drawing, row.Area, row.System, row.Package })
                {
                    if (id is { } value)
                    {
                        await copy.WriteAsync(value, NpgsqlTypes.NpgsqlDbType.Uuid);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                }
                await copy.WriteAsync(row.Attributes, NpgsqlTypes.NpgsqlDbType.Varchar);
                await copy.WriteAsync(0m, NpgsqlTypes.NpgsqlDbType.Numeric);
                await copy.WriteAsync(0m, NpgsqlTypes.NpgsqlDbType.Numeric);
                await copy.WriteAsync(0m, NpgsqlTypes.NpgsqlDbType.Numeric);
                await copy.WriteAsync(false, NpgsqlTypes.NpgsqlDbType.Boolean);
                await copy.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(Guid.NewGuid(), NpgsqlTypes.NpgsqlDbType.Uuid);
            }
            await copy.CompleteAsync();
        }
        components.Stop();
        return (text.Elapsed, components.Elapsed);
    }
}

internal static class BenchmarkServices
{
    public static string GetRequiredConnectionString(this IServiceProvider services)
    {
        var configuration = (Microsoft.Extensions.Configuration.IConfiguration)services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!;
        return configuration["ConnectionStrings:PipeTrak"] ?? throw new InvalidOperationException("No connection string.");
    }
}
