using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Welds;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Review;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Review;

/// <summary>WLD-070/071: the QC review page and API: visibility per role, resolve/ignore with notes, ages, package blockers (PKG-031).</summary>
public abstract class ReviewItemTests(PipeTrakFactory factory)
{
    /// <summary>A welded weld (so a pending weld_completed item) on a drawing with a package.</summary>
    private async Task<(TestOrg Org, SeededDrawing Drawing, Guid WeldId, Guid ComponentId)> WeldedAsync()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "EE-5", "Eve Ennis");
        var weld = await api.CreateWeldAsync(org, drawing.Id, "R-1");
        await api.CommandAsync(org, weld.WeldId(), "assignment", new { welderId, dateWelded = Day(factory, -1) });
        return (org, drawing, weld.WeldId(), weld.GetProperty("weld").GetProperty("componentId").GetGuid());
    }

    private Task<Guid> AddItemAsync(TestOrg org, string type, Guid? componentId, string payload, TimeSpan age) =>
        factory.WithDbAsync(async db =>
        {
            var item = new ReviewItem
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                ProjectId = org.ProjectId!.Value,
                Type = type,
                ComponentId = componentId,
                Payload = payload,
                CreatedAt = factory.Clock.GetUtcNow().UtcDateTime - age,
            };
            db.ReviewItems.Add(item);
            await db.SaveChangesAsync();
            return item.Id;
        }, org.Id);

    private Task<ReviewItem> ItemAsync(TestOrg org, Guid id) =>
        factory.WithDbAsync(db => db.ReviewItems.AsNoTracking().SingleAsync(i => i.Id == id), org.Id);

    [Fact]
    public async Task WLD071_weld_completed_items_are_seen_and_resolved_by_QC_inspectors_only()
    {
        var (org, _, weldId, componentId) = await WeldedAsync();
        var itemId = (await factory.ReviewItemsAsync(org.Id, componentId)).Single().Id;
        var url = $"/projects/{org.ProjectId}/review";

        using var ownerPage = await factory.SignInAsync(org.Owner);
        var (_, asOwner) = await ownerPage.GetPageAsync(url);
        Assert.Empty(asOwner.QuerySelectorAll("[data-testid=review-item]"));
        using var ownerApi = await factory.ApiClientAsync(org.Owner);
        Assert.Equal(0, (await (await ownerApi.Http.GetAsync(Url(org, "/review-items"))).JsonAsync()).GetArrayLength());
        var forbidden = await ownerApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{itemId}/resolve"), new { note = "ok" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(ReviewRules.WeldCompletedForbiddenMessage, await forbidden.ProblemDetailAsync());
        var forbiddenPage = await ownerPage.PostActionAsync(url, url + "?handler=Resolve", new Dictionary<string, string> { ["itemId"] = itemId.ToString() });
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenPage.StatusCode);

        var qc = await factory.CreateUserAsync(org.Id, OrgRole.QcInspector, "qc");
        using var qcPage = await factory.SignInAsync(qc);
        var (_, asQc) = await qcPage.GetPageAsync(url);
        var item = Assert.Single(asQc.QuerySelectorAll("[data-testid=review-item]"));
        Assert.Equal("Weld completed", item.QuerySelector("[data-testid=review-type]")!.TextContent.Trim());
        Assert.Equal($"/projects/{org.ProjectId}/welds/{weldId}", item.QuerySelector("[data-testid=review-component]")!.GetAttribute("href"));
        Assert.StartsWith("Weld R-1 on ", item.QuerySelector("[data-testid=review-summary]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("gray", item.QuerySelector("[data-testid=review-age]")!.GetAttribute("data-age"));

        var resolved = await qcPage.PostFormAsync(url, new Dictionary<string, string> { ["itemId"] = itemId.ToString(), ["note"] = " Visual OK " },
            "[data-testid=review-form]", postUrl: url + "?handler=Resolve");
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var stored = await ItemAsync(org, itemId);
        Assert.Equal((ReviewItemTypes.Resolved, "Visual OK", qc.Id, true), (stored.Status, stored.Note, stored.ResolvedByUserId!.Value, stored.ResolvedAt is not null));
        var (_, after) = await qcPage.GetPageAsync(url);
        Assert.Equal("No pending review items", after.QuerySelector("[data-testid=review-empty]")!.TextContent.Trim());
        var (_, history) = await qcPage.GetPageAsync(url + "?status=resolved");
        Assert.Contains("Visual OK", history.QuerySelector("[data-testid=review-resolution]")!.TextContent, StringComparison.Ordinal);

        using var qcApi = await factory.ApiClientAsync(qc);
        var again = await qcApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{itemId}/ignore"), new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(ReviewRules.AlreadyHandledMessage, await again.ProblemDetailAsync());
    }

    [Fact]
    public async Task WLD071_other_types_are_visible_to_all_and_resolved_by_owner_admin_PM_QC_with_a_note_of_at_most_500()
    {
        var org = await factory.CreateOrganizationAsync();
        var fresh = await AddItemAsync(org, ReviewItemTypes.VerifyWelder, null, """{"stencil":"FF-6","name":"Fay Ford"}""", TimeSpan.FromHours(2));
        var amber = await AddItemAsync(org, ReviewItemTypes.SimilarDrawing, null, """{"drawing":"ISO-9"}""", TimeSpan.FromDays(2));
        var red = await AddItemAsync(org, ReviewItemTypes.CreditAtRisk, null, "{}", TimeSpan.FromDays(5));

        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var viewerPage = await factory.SignInAsync(viewer);
        var (_, asViewer) = await viewerPage.GetPageAsync($"/projects/{org.ProjectId}/review");
        var items = asViewer.QuerySelectorAll("[data-testid=review-item]");
        Assert.Equal([fresh, amber, red], items.Select(i => Guid.Parse(i.GetAttribute("data-item-id")!)));
        Assert.Equal(["gray", "amber", "red"], items.Select(i => i.QuerySelector("[data-testid=review-age]")!.GetAttribute("data-age")));
        Assert.Empty(asViewer.QuerySelectorAll("[data-testid=review-form]"));
        Assert.Equal("stencil: FF-6; name: Fay Ford", items[0].QuerySelector("[data-testid=review-summary]")!.TextContent.Trim());

        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var foremanApi = await factory.ApiClientAsync(foreman);
        var refused = await foremanApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{fresh}/resolve"), new { });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        using var pmApi = await factory.ApiClientAsync(pm);
        var tooLong = await pmApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{fresh}/ignore"), new { note = new string('x', 501) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal(ReviewRules.NoteTooLongMessage, await tooLong.ProblemDetailAsync());
        var ignored = await pmApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{fresh}/ignore"), new { note = "Known welder" });
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        var body = await ignored.JsonAsync();
        Assert.Equal(("ignored", "Known welder", pm.Id), (body.GetProperty("status").GetString(), body.GetProperty("note").GetString(), body.GetProperty("resolvedByUserId").GetGuid()));

        // htmx: the handled item is swapped in place.
        using var pmPage = await factory.SignInAsync(pm);
        var url = $"/projects/{org.ProjectId}/review";
        var swapped = await pmPage.PostActionAsync(url, url + "?handler=Resolve", new Dictionary<string, string> { ["itemId"] = amber.ToString() }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        var fragment = await swapped.DocumentAsync();
        Assert.Equal("resolved", fragment.QuerySelector("[data-testid=review-item]")!.GetAttribute("data-status"));
        Assert.Equal(ReviewItemTypes.Resolved, (await ItemAsync(org, amber)).Status);
        Assert.Equal(ReviewItemTypes.Pending, (await ItemAsync(org, red)).Status);
    }

    [Fact]
    public async Task PKG031_only_pending_items_block_the_package()
    {
        var (org, drawing, _, componentId) = await WeldedAsync();
        var itemId = (await factory.ReviewItemsAsync(org.Id, componentId)).Single().Id;
        var blockers = await factory.WithDbAsync(db => PackageQueries.BlockersAsync(db, org.ProjectId!.Value, CancellationToken.None), org.Id);
        Assert.Equal(1, blockers.GetValueOrDefault(drawing.PackageId));

        var qc = await factory.CreateUserAsync(org.Id, OrgRole.QcInspector, "qc");
        using var qcApi = await factory.ApiClientAsync(qc);
        Assert.Equal(HttpStatusCode.OK, (await qcApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{itemId}/resolve"), new { })).StatusCode);
        var after = await factory.WithDbAsync(db => PackageQueries.BlockersAsync(db, org.ProjectId!.Value, CancellationToken.None), org.Id);
        Assert.Equal(0, after.GetValueOrDefault(drawing.PackageId));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewItemTests_Sqlite(SqliteFactory factory) : ReviewItemTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ReviewItemTests_Postgres(PostgresFactory factory) : ReviewItemTests(factory);
