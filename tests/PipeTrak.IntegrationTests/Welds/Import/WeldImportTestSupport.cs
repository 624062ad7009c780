using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Welds.Import;

public static class WeldImportTestSupport
{
    public const string Header = "Weld ID Number,Drawing / Isometric Number,Weld Type,SPEC,Weld Size,X-RAY %,Welder Stencil,Date Welded,Type of NDE Performed,NDE Result,NDE Date,Comments";

    public static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]) + "\n");

    public static byte[] CsvWithHeader(string header, params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\n", [header, .. rows]) + "\n");

    public static async Task<HttpResponseMessage> UploadWeldsAsync(this AppClient api, Guid projectId, byte[] content, string fileName = "welds.csv")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await api.Http.PostAsync($"/api/v1/projects/{projectId}/welds/imports", form);
    }

    /// <summary>Uploads and returns the run JSON (asserting 201).</summary>
    public static async Task<JsonElement> PreviewWeldsAsync(this AppClient api, Guid projectId, byte[] content, string fileName = "welds.csv")
    {
        var response = await api.UploadWeldsAsync(projectId, content, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> ConfirmWeldsAsync(this AppClient api, Guid projectId, Guid importId) =>
        api.Http.PostAsync($"/api/v1/projects/{projectId}/welds/imports/{importId}/confirm", null);

    /// <summary>Uploads, confirms (asserting 200) and returns the result JSON.</summary>
    public static async Task<JsonElement> ImportWeldsAsync(this AppClient api, Guid projectId, byte[] content)
    {
        var preview = await api.PreviewWeldsAsync(projectId, content);
        var response = await api.ConfirmWeldsAsync(projectId, preview.GetProperty("id").GetGuid());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("result");
    }

    /// <summary>Everything a weld import may write, counted for one project (all-or-nothing checks).</summary>
    public sealed record WeldCounts(int Components, int Welds, int Welders, int WeldEvents, int MilestoneEvents, int ReviewItems);

    public static Task<WeldCounts> WeldCountsAsync(this PipeTrakFactory factory, TestOrg org) =>
        factory.WithDbAsync(async db => new WeldCounts(
            await db.Components.CountAsync(c => c.ProjectId == org.ProjectId && c.Type == ComponentType.FieldWeld),
            await db.Welds.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.Welders.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.WeldEvents.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.MilestoneEvents.CountAsync(c => c.ProjectId == org.ProjectId),
            await db.ReviewItems.CountAsync(c => c.ProjectId == org.ProjectId)), org.Id);
}
