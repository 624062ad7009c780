using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds;

/// <summary>WLD-010/011: editing and deleting welders on the welders page and through the API.</summary>
public abstract class WelderManagementTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task WLD011_welders_page_edits_a_welder_and_refuses_a_taken_stencil()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        await api.AddWelderAsync(org, "AB-12", "Al Burke");
        await api.AddWelderAsync(org, "CD-34", "Cy Dean");
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welders";

        var saved = await page.PostFormAsync(url, new Dictionary<string, string> { ["Stencil"] = " ab-99 ", ["Name"] = "Al Burke Jr" }, "[data-testid=edit-welder-form]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, list) = await page.GetPageAsync(url);
        Assert.Equal(["AB-99", "CD-34"], list.Texts("[data-testid=welder-stencil]").Order(StringComparer.Ordinal));
        Assert.Equal("Welder AB-99 saved", list.QuerySelector("[data-testid=welders-message]")!.TextContent.Trim());
        Assert.Contains("Al Burke Jr", list.Body!.TextContent, StringComparison.Ordinal);

        // The first edit form now belongs to AB-99 (stencil order): taking CD-34's stencil is refused, nothing changes.
        await page.PostFormAsync(url, new Dictionary<string, string> { ["Stencil"] = "CD-34", ["Name"] = "Al Burke Jr" }, "[data-testid=edit-welder-form]");
        var (_, refused) = await page.GetPageAsync(url);
        Assert.Equal(WelderRules.StencilTaken("CD-34", "Cy Dean"), refused.QuerySelector("[data-testid=welders-error]")!.TextContent.Trim());
        Assert.Equal(["AB-99", "CD-34"], refused.Texts("[data-testid=welder-stencil]").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WLD011_a_welder_without_welds_is_deleted_and_one_with_welds_is_kept()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var idle = await api.AddWelderAsync(org, "ID-01", "Idle Welder");
        var busy = await api.AddWelderAsync(org, "BY-02", "Busy Welder");
        var weld = await api.CreateWeldAsync(org, drawing.Id);
        await api.CommandAsync(org, weld.WeldId(), "assignment", new { welderId = busy, dateWelded = Day(factory, -1) });

        var refused = await api.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welders/{busy}"), new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains(WelderRules.HasWeldsMessage, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Clearing the assignment leaves the welder in the weld's history: still not deletable.
        await api.CommandAsync(org, weld.WeldId(), "assignment/clear", new { reason = "data_entry_error" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welders/{busy}"), new { })).StatusCode);

        // A viewer may not delete (server-side), the owner may.
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using (var viewerApi = await factory.ApiClientAsync(viewer))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welders/{idle}"), new { })).StatusCode);
        }
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welders";
        var (_, before) = await page.GetPageAsync(url);
        Assert.Single(before.QuerySelectorAll("[data-testid=delete-welder-form]")); // only the idle welder offers Delete
        var deleted = await page.PostFormAsync(url, new Dictionary<string, string>(), "[data-testid=delete-welder-form]");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var (_, after) = await page.GetPageAsync(url);
        Assert.Equal(["BY-02"], after.Texts("[data-testid=welder-stencil]"));
        Assert.Equal("Welder deleted", after.QuerySelector("[data-testid=welders-message]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welders/{idle}"), new { })).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WelderManagementTests_Sqlite(SqliteFactory factory) : WelderManagementTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WelderManagementTests_Postgres(PostgresFactory factory) : WelderManagementTests(factory);
