using System.Net;
using MiniExcelLibs;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds;

/// <summary>WLD-081..083 sort and filters on the log page; RPT-032 exports (CSV and Excel, page and API) read back.</summary>
public abstract class WeldLogSortExportTests(PipeTrakFactory factory)
{
    /// <summary>W-1 (welded 3 days ago), W-2 (undated), W-10 (welded yesterday) on one drawing; "=cmd" on another.</summary>
    private async Task<(TestOrg Org, SeededDrawing Main, SeededDrawing Other)> SeedAsync()
    {
        var org = await factory.CreateOrganizationAsync();
        var main = await factory.AddDrawingAsync(org);
        var other = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "DD-4", "Dee Dunn");
        var w1 = (await api.CreateWeldAsync(org, main.Id, "W-1")).WeldId();
        await api.CreateWeldAsync(org, main.Id, "W-2");
        var w10 = (await api.CreateWeldAsync(org, main.Id, "W-10")).WeldId();
        await api.CreateWeldAsync(org, other.Id, "=cmd");
        await api.CommandAsync(org, w1, "assignment", new { welderId, dateWelded = Day(factory, -3) });
        await api.CommandAsync(org, w10, "assignment", new { welderId, dateWelded = Day(factory, -1) });
        await api.CommandAsync(org, w1, "nde", new { type = "UT", result = "PASS", date = Day(factory, 0) });
        return (org, main, other);
    }

    [Fact]
    public async Task WLD083_every_column_sorts_and_undated_welds_sort_last_in_both_directions()
    {
        var (org, main, _) = await SeedAsync();
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welds?drawing={main.Id}";

        var (_, byDateAsc) = await page.GetPageAsync(url + "&sort=date&dir=asc");
        Assert.Equal(["W-1", "W-10", "W-2"], byDateAsc.Texts("[data-testid=weld-number]"));
        Assert.Equal("ascending", byDateAsc.QuerySelector("[data-testid=sort-date]")!.ParentElement!.GetAttribute("aria-sort"));
        var (_, byDateDesc) = await page.GetPageAsync(url + "&sort=date&dir=desc");
        Assert.Equal(["W-10", "W-1", "W-2"], byDateDesc.Texts("[data-testid=weld-number]"));
        var (_, byNumberDesc) = await page.GetPageAsync(url + "&sort=number&dir=desc");
        Assert.Equal(["W-10", "W-2", "W-1"], byNumberDesc.Texts("[data-testid=weld-number]"));

        // The header link keeps the filters and flips the direction of the current column.
        var link = byDateAsc.QuerySelector("[data-testid=sort-date]")!.GetAttribute("href")!;
        Assert.Contains($"drawing={main.Id}", link, StringComparison.Ordinal);
        Assert.Contains("dir=desc", link, StringComparison.Ordinal);

        foreach (var code in new[] { "drawing", "welder", "type", "size", "schedule", "nde", "status", "xray", "area", "system", "package", "progress" })
        {
            foreach (var dir in new[] { "asc", "desc" })
            {
                var (response, sorted) = await page.GetPageAsync($"{url}&sort={code}&dir={dir}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(3, sorted.Texts("[data-testid=weld-number]").Count);
            }
        }
        var (_, byProgress) = await page.GetPageAsync(url + "&sort=progress&dir=desc");
        Assert.Equal(["W-1", "W-10", "W-2"], byProgress.Texts("[data-testid=weld-number]"));

        // WLD-083: remembered per user when the URL names no sort.
        var (_, remembered) = await page.GetPageAsync(url);
        Assert.Equal(["W-1", "W-10", "W-2"], remembered.Texts("[data-testid=weld-number]"));
    }

    [Fact]
    public async Task RPT032_csv_export_follows_filters_search_and_sort_and_neutralizes_formulas()
    {
        var (org, main, other) = await SeedAsync();
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.Http.GetAsync(Url(org, $"/welds/export?format=csv&drawingId={main.Id}&search=w-1&sort=date&dir=desc"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', WeldLogExport.Columns), lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["W-10", "W-1"], rows.Select(r => r[0]));
        Assert.Equal([main.Number, "DD-4 – Dee Dunn", Day(factory, -3), "BW", "2", "", "UT", "PASS", Day(factory, 0), "5"], rows[1][1..11]);
        Assert.Equal(["accepted", "100"], rows[1][14..16]);

        var injected = await api.Http.GetAsync(Url(org, $"/welds/export?drawingId={other.Id}"));
        var injectedRows = (await injected.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("'=cmd", Assert.Single(injectedRows.Skip(1)).Split(',')[0]);

        var bad = await api.Http.GetAsync(Url(org, "/welds/export?format=pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        // PPL-040 row 1: viewers export too; PPL-070: another organization's project is unknown.
        var viewer = await factory.CreateUserAsync(org.Id, PipeTrak.Web.Features.Team.OrgRole.Viewer, "viewer");
        using var viewerApi = await factory.ApiClientAsync(viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewerApi.Http.GetAsync(Url(org, "/welds/export?format=xlsx"))).StatusCode);
        var stranger = await factory.CreateOrganizationAsync();
        using var strangerApi = await factory.ApiClientAsync(stranger.Owner);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.Http.GetAsync(Url(org, "/welds/export"))).StatusCode);
        using var strangerPage = await factory.SignInAsync(stranger.Owner);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPage.Http.GetAsync($"/projects/{org.ProjectId}/welds?handler=Export&format=csv")).StatusCode);
    }

    [Fact]
    public async Task RPT032_excel_export_from_the_log_page_reads_back_with_the_current_filters()
    {
        var (org, main, other) = await SeedAsync();
        using var page = await factory.SignInAsync(org.Owner);
        var (_, log) = await page.GetPageAsync($"/projects/{org.ProjectId}/welds?welder=unassigned&sort=number&dir=desc");
        var href = log.QuerySelector("[data-testid=export-xlsx]")!.GetAttribute("href")!;
        Assert.Contains("welder=unassigned", href, StringComparison.Ordinal);

        var response = await page.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WeldLogExport.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(WeldLogExport.Columns, rows[0].Keys);
        Assert.Equal(["W-2", "'=cmd"], rows.Select(r => r["Weld ID"]?.ToString()));
        Assert.Equal([main.Number, other.Number], rows.Select(r => r["Drawing"]?.ToString()));
        Assert.Equal(5m, Convert.ToDecimal(rows[0]["X-ray %"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("active", rows[0]["Status"]?.ToString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WeldLogSortExportTests_Sqlite(SqliteFactory factory) : WeldLogSortExportTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WeldLogSortExportTests_Postgres(PostgresFactory factory) : WeldLogSortExportTests(factory);
