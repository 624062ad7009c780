using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Welds;

public sealed record SeededDrawing(Guid Id, string Number, Guid AreaId, Guid SystemId, Guid PackageId);

/// <summary>Builders and calls shared by the weld tests (everything else goes through the API).</summary>
public static class WeldTestSupport
{
    public static string Url(TestOrg org, string path = "") => $"/api/v1/projects/{org.ProjectId}{path}";

    public static string Day(PipeTrakFactory factory, int offsetDays) =>
        DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(offsetDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A drawing with its own area, system and package (no drawing feature API yet).</summary>
    public static async Task<SeededDrawing> AddDrawingAsync(this PipeTrakFactory factory, TestOrg org, string? number = null, bool retired = false)
    {
        var projectId = org.ProjectId!.Value;
        await factory.EnsureTemplatesAsync(org.Id, projectId);
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var area = new Area { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Name = "Area " + suffix };
        var system = new PlantSystem { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Name = "System " + suffix };
        var package = new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Name = "Package " + suffix };
        var drawing = new Drawing
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = projectId,
            Title = "Drawing " + suffix,
            AreaId = area.Id,
            SystemId = system.Id,
            PackageId = package.Id,
            RetiredAt = retired ? factory.Clock.GetUtcNow().UtcDateTime : null,
        };
        drawing.SetNumber(number ?? "ISO-" + suffix);
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(area, system, package, drawing);
            await db.SaveChangesAsync();
        }, org.Id);
        return new SeededDrawing(drawing.Id, drawing.Number, area.Id, system.Id, package.Id);
    }

    public static async Task<Guid> AddWelderAsync(this AppClient api, TestOrg org, string stencil, string name = "Kim Lee")
    {
        var response = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welders"), new { stencil, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> CreateWeldAsync(this AppClient api, TestOrg org, Guid drawingId, string? number = null)
    {
        var response = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welds"), new { drawingId, number, weldType = "bw", size = "2", spec = "CS150" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Guid WeldId(this JsonElement detail) => detail.GetProperty("weld").GetProperty("id").GetGuid();

    public static decimal Percent(this JsonElement detail) => detail.GetProperty("weld").GetProperty("percent").GetDecimal();

    public static string? Field(this JsonElement detail, string name) => detail.GetProperty("weld").GetProperty(name).GetString();

    /// <summary>POSTs (or PUTs) a weld command and returns the detail on success.</summary>
    public static async Task<JsonElement> CommandAsync(this AppClient api, TestOrg org, Guid weldId, string command, object? body = null, HttpMethod? method = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await api.SendJsonAsync(method ?? HttpMethod.Post, Url(org, $"/welds/{weldId}/{command}"), body ?? new { });
        Assert.True(response.StatusCode == expected, $"{command}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>Expects a refusal with the exact message in ProblemDetails.detail.</summary>
    public static async Task RefusedAsync(this AppClient api, TestOrg org, Guid weldId, string command, object? body, string message, HttpMethod? method = null, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
    {
        var response = await api.SendJsonAsync(method ?? HttpMethod.Post, Url(org, $"/welds/{weldId}/{command}"), body ?? new { });
        Assert.True(response.StatusCode == status, $"{command}: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(message, await response.ProblemDetailAsync());
    }

    public static Task<Weld> WeldAsync(this PipeTrakFactory factory, Guid orgId, Guid weldId) =>
        factory.WithDbAsync(db => db.Welds.AsNoTracking().SingleAsync(w => w.Id == weldId), orgId);

    public static Task<List<WeldEvent>> WeldEventsAsync(this PipeTrakFactory factory, Guid orgId, Guid weldId) =>
        factory.WithDbAsync(db => db.WeldEvents.AsNoTracking().Where(e => e.WeldId == weldId).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(), orgId);

    public static Task<List<ReviewItem>> ReviewItemsAsync(this PipeTrakFactory factory, Guid orgId, Guid componentId) =>
        factory.WithDbAsync(db => db.ReviewItems.AsNoTracking().Where(i => i.ComponentId == componentId).ToListAsync(), orgId);
}
