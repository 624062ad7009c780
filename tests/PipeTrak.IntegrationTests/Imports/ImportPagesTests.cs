using System.Net;
using System.Text;
using MiniExcelLibs;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Imports.ImportTestHelpers;

namespace PipeTrak.IntegrationTests.Imports;

/// <summary>The import pages: history + upload, preview → confirm (full page and htmx), template download.</summary>
public abstract class ImportPagesTests(PipeTrakFactory factory)
{
    private static async Task<HttpResponseMessage> UploadPageAsync(AppClient page, Guid projectId, byte[] content, string fileName = "takeoff.csv")
    {
        var url = $"/projects/{projectId}/imports";
        var token = await page.AntiforgeryTokenAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await page.Http.PostAsync(url, form);
    }

    [Fact]
    public async Task IMP030_047_upload_preview_confirm_and_history_through_the_pages()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.EnsureTemplatesAsync(org.Id, org.ProjectId!.Value);
        using var page = await factory.SignInAsync(org.Owner);
        var projectId = org.ProjectId!.Value;

        var (empty, emptyDoc) = await page.GetPageAsync($"/projects/{projectId}/imports");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.NotNull(emptyDoc.QuerySelector("[data-testid=upload-form]"));
        Assert.NotNull(emptyDoc.QuerySelector("[data-testid=no-imports]"));

        var upload = await UploadPageAsync(page, projectId, CsvBytes("P-1,Spool,1,SP-1,,,Area 1,,,", "P-1,Valve,2,V-1,2,,,,,", "P-1,Bolt,1,B-1,,,,,,"));
        Assert.True(upload.IsRedirectTo($"/projects/{projectId}/imports/"), $"{(int)upload.StatusCode}");
        var detailUrl = upload.Location();

        var (_, preview) = await page.GetPageAsync(detailUrl);
        Assert.Equal("2", preview.QuerySelector("[data-testid=valid-count]")!.TextContent.Trim());
        Assert.Equal("1", preview.QuerySelector("[data-testid=skipped-count]")!.TextContent.Trim());
        Assert.Contains("Row 3 (line 4): type 'Bolt' is not tracked; row skipped", preview.QuerySelector("[data-testid=skipped-group]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("will create", preview.QuerySelector("[data-testid=metadata]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, preview.QuerySelectorAll("[data-testid=first-rows] tbody tr").Length);
        Assert.NotNull(preview.QuerySelector("[data-testid=import-progress]"));
        Assert.Equal(0, (await factory.CountsAsync(org)).Components);

        // htmx confirm swaps the panel with the result.
        var confirm = await page.PostActionAsync(detailUrl, detailUrl + "?handler=Confirm", htmx: true);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var panel = await confirm.DocumentAsync();
        Assert.Equal("3", panel.QuerySelector("[data-testid=result-created]")!.TextContent.Trim());
        Assert.Null(panel.QuerySelector("[data-testid=confirm-form]"));
        Assert.Equal(3, (await factory.CountsAsync(org)).Components);

        var (_, history) = await page.GetPageAsync($"/projects/{projectId}/imports");
        var row = history.QuerySelector("[data-testid=import-row]")!;
        Assert.Contains("takeoff.csv", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Imported", row.QuerySelector("[data-testid=import-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task IMP001_refused_upload_shows_the_message_and_a_full_page_confirm_redirects()
    {
        var org = await factory.CreateOrganizationAsync();
        using var page = await factory.SignInAsync(org.Owner);
        var projectId = org.ProjectId!.Value;

        var refused = await UploadPageAsync(page, projectId, Encoding.UTF8.GetBytes("hello"), "notes.txt");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(ImportFileRules.UnsupportedTypeMessage, (await refused.DocumentAsync()).QuerySelector("[data-testid=upload-error]")!.TextContent.Trim());

        var upload = await UploadPageAsync(page, projectId, CsvBytes("P-9,Spool,1,SP-9,,,,,,"));
        var detailUrl = upload.Location();
        var confirm = await page.PostFormAsync(detailUrl, new Dictionary<string, string>(), "[data-testid=confirm-form]", detailUrl + "?handler=Confirm");
        Assert.True(confirm.IsRedirectTo(detailUrl));
        var (_, done) = await page.GetPageAsync(detailUrl);
        Assert.Equal("1", done.QuerySelector("[data-testid=result-created]")!.TextContent.Trim());
    }

    [Fact]
    public async Task IMP060_template_downloads_as_xlsx_and_csv()
    {
        var org = await factory.CreateOrganizationAsync();
        using var page = await factory.SignInAsync(org.Owner);

        var csv = await page.Http.GetAsync($"/projects/{org.ProjectId}/imports/template?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("DRAWING*,TYPE*,QTY*,CMDTY CODE*,SIZE,SPEC,DESCRIPTION,COMMENTS,AREA,SYSTEM,TEST_PACKAGE", text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        var xlsx = await page.Http.GetAsync($"/projects/{org.ProjectId}/imports/template?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Material Takeoff", "Instructions"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        // The template itself imports cleanly (read back with the import reader).
        var sheet = SpreadsheetReader.Read(stream, "template.xlsx", new ImportOptions());
        Assert.Null(sheet.Error);
        Assert.Equal(3, sheet.Rows.Count);
        Assert.Equal("DRAWING*", sheet.Headers[0]);
    }

    [Fact]
    public async Task PPL040_members_without_import_permission_get_403_and_other_orgs_404()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var page = await factory.SignInAsync(foreman);
        Assert.Equal(HttpStatusCode.Forbidden, (await page.Http.GetAsync($"/projects/{org.ProjectId}/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/projects/{other.ProjectId}/imports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/projects/{other.ProjectId}/imports/template?format=csv")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportPagesTests_Sqlite(SqliteFactory factory) : ImportPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ImportPagesTests_Postgres(PostgresFactory factory) : ImportPagesTests(factory);
