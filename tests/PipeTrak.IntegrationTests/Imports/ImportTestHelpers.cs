using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Imports;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Imports;

public static class ImportTestHelpers
{
    public const string Header = "DRAWING,TYPE,QTY,CMDTY CODE,SIZE,SPEC,AREA,SYSTEM,TEST_PACKAGE,Heat No";

    public static byte[] CsvBytes(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n");

    public static async Task<HttpResponseMessage> UploadAsync(this AppClient api, Guid projectId, byte[] content, string fileName = "takeoff.csv")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await api.Http.PostAsync($"/api/v1/projects/{projectId}/imports", form);
    }

    /// <summary>Uploads and returns the preview JSON (asserting 201).</summary>
    public static async Task<JsonElement> PreviewAsync(this AppClient api, Guid projectId, byte[] content, string fileName = "takeoff.csv")
    {
        var response = await api.UploadAsync(projectId, content, fileName);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> ConfirmAsync(this AppClient api, Guid projectId, Guid importId) =>
        api.Http.PostAsync($"/api/v1/projects/{projectId}/imports/{importId}/confirm", null);

    public sealed record ProjectCounts(int Components, int Drawings, int Areas, int Systems, int Packages);

    public static Task<ProjectCounts> CountsAsync(this PipeTrakFactory factory, TestOrg org) =>
        factory.WithDbAsync(async db => new ProjectCounts(
            await db.Components.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.Drawings.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.Areas.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.Systems.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.TestPackages.CountAsync(c => c.ProjectId == org.ProjectId)), org.Id);

    public static Task<List<ImportRun>> RunsAsync(this PipeTrakFactory factory, TestOrg org) =>
        factory.WithDbAsync(db => db.ImportRuns.AsNoTracking().Where(r => r.ProjectId == org.ProjectId).ToListAsync(), org.Id);
}
