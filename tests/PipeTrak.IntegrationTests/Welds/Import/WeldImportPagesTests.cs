using System.Net;
using MiniExcelLibs;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Welds.Import.WeldImportTestSupport;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds.Import;

/// <summary>The weld import pages: upload + history, preview → confirm (htmx and full page), IMP-061 template downloads.</summary>
public abstract class WeldImportPagesTests(PipeTrakFactory factory)
{
    private static async Task<HttpResponseMessage> UploadPageAsync(AppClient page, Guid projectId, byte[] content, string fileName = "welds.csv")
    {
        var url = $"/projects/{projectId}/welds/import";
        var token = await page.AntiforgeryTokenAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await page.Http.PostAsync(url, form);
    }

    [Fact]
    public async Task IMP053_upload_preview_confirm_and_history_through_the_pages()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.EnsureTemplatesAsync(org.Id, org.ProjectId!.Value);
        await factory.AddDrawingAsync(org, "ISO-100");
        using var page = await factory.SignInAsync(org.Owner);
        var projectId = org.ProjectId!.Value;

        var (empty, emptyDoc) = await page.GetPageAsync($"/projects/{projectId}/welds/import");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotNull(emptyDoc.QuerySelector("[data-testid=upload-form]"));
        Assert.NotNull(emptyDoc.QuerySelector("[data-testid=no-imports]"));

        var upload = await UploadPageAsync(page, projectId, Csv(
            $"W-1,ISO-100,BW,,2,10%,ZZ-9,{Day(factory, -1)},RT,PASS,,",
            "W-2,ISO-100,SW,,1,,,,,,,"));
        Assert.True(upload.IsRedirectTo($"/projects/{projectId}/welds/import/"), $"{(int)upload.StatusCode}");
        var detailUrl = upload.Location();

        var (_, preview) = await page.GetPageAsync(detailUrl);
        Assert.Equal("2", preview.QuerySelector("[data-testid=new-count]")!.TextContent.Trim());
        Assert.Equal("0", preview.QuerySelector("[data-testid=error-count]")!.TextContent.Trim());
        Assert.Contains("ZZ-9", preview.QuerySelector("[data-testid=new-welders]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, preview.QuerySelectorAll("[data-testid=first-rows] tbody tr").Length);
        Assert.NotNull(preview.QuerySelector("[data-testid=import-progress]"));
        Assert.Equal(0, (await factory.WeldCountsAsync(org)).Welds);

        var confirm = await page.PostActionAsync(detailUrl, detailUrl + "?handler=Confirm", htmx: true);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var panel = await confirm.DocumentAsync();
        Assert.Equal("2", panel.QuerySelector("[data-testid=result-created]")!.TextContent.Trim());
        Assert.Equal("1", panel.QuerySelector("[data-testid=result-welders]")!.TextContent.Trim());
        Assert.Null(panel.QuerySelector("[data-testid=confirm-form]"));
        Assert.Equal(2, (await factory.WeldCountsAsync(org)).Welds);

        var (_, history) = await page.GetPageAsync($"/projects/{projectId}/welds/import");
        var row = history.QuerySelector("[data-testid=import-row]")!;
        Assert.Contains("welds.csv", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Imported", row.QuerySelector("[data-testid=import-status]")!.TextContent.Trim());
        // The takeoff import history links weld runs to this page.
        var (_, imports) = await page.GetPageAsync($"/projects/{projectId}/imports");
        Assert.StartsWith($"/projects/{projectId}/welds/import/", imports.QuerySelector("[data-testid=import-row] a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IMP051_errors_are_listed_with_row_numbers_and_a_refused_file_shows_its_message()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.AddDrawingAsync(org, "ISO-100");
        using var page = await factory.SignInAsync(org.Owner);
        var projectId = org.ProjectId!.Value;

        var refused = await UploadPageAsync(page, projectId, System.Text.Encoding.UTF8.GetBytes("hello"), "welds.txt");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(ImportFileRules.UnsupportedTypeMessage, (await refused.DocumentAsync()).QuerySelector("[data-testid=upload-error]")!.TextContent.Trim());

        var upload = await UploadPageAsync(page, projectId, Csv("W-1,ISO-10,BW,,,,,,,,,"));
        var (_, preview) = await page.GetPageAsync(upload.Location());
        Assert.Contains("Row 1 (line 2): drawing 'ISO-10' not found. Did you mean ISO-100?", preview.QuerySelector("[data-testid=error-group]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(preview.QuerySelector("[data-testid=cannot-import]"));
        Assert.Null(preview.QuerySelector("[data-testid=confirm-form]"));
    }

    [Fact]
    public async Task IMP061_template_downloads_as_xlsx_and_csv()
    {
        var org = await factory.CreateOrganizationAsync();
        using var page = await factory.SignInAsync(org.Owner);

        var csv = await page.Http.GetAsync($"/projects/{org.ProjectId}/welds/import/template?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("Weld ID Number*,Drawing / Isometric Number*,Weld Type*,SPEC,Weld Size,Schedule,Base Metal,X-RAY %,Welder Stencil,Date Welded,Type of NDE Performed,NDE Result,NDE Date,Comments", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var xlsx = await page.Http.GetAsync($"/projects/{org.ProjectId}/welds/import/template?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Weld Log", "Allowed Values"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var sheet = SpreadsheetReader.Read(stream, "template.xlsx", new ImportOptions());
        Assert.Null(sheet.Error);
        Assert.Equal(2, sheet.Rows.Count);
    }

    [Fact]
    public async Task PPL040_members_without_import_permission_get_403_and_other_orgs_404()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var page = await factory.SignInAsync(foreman);
        Assert.Equal(HttpStatusCode.Forbidden, (await page.Http.GetAsync($"/projects/{org.ProjectId}/welds/import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await page.Http.GetAsync($"/projects/{org.ProjectId}/welds/import/template?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/projects/{other.ProjectId}/welds/import")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/projects/{other.ProjectId}/welds/import/template?format=csv")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WeldImportPagesTests_Sqlite(SqliteFactory factory) : WeldImportPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WeldImportPagesTests_Postgres(PostgresFactory factory) : WeldImportPagesTests(factory);
