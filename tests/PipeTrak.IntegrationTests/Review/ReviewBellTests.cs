using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Welds;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Review;

/// <summary>WLD-071: the header bell shows a dot while the user has visible pending items, and links to the list.</summary>
public abstract class ReviewBellTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task WLD071_the_bell_dot_follows_the_items_the_user_may_see()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        var qc = await factory.CreateUserAsync(org.Id, OrgRole.QcInspector, "qc");
        using var qcPage = await factory.SignInAsync(qc);
        using var ownerPage = await factory.SignInAsync(org.Owner);
        var dashboard = $"/projects/{org.ProjectId}/dashboard";

        var (_, quiet) = await qcPage.GetPageAsync(dashboard);
        var bell = quiet.QuerySelector("[data-testid=review-bell]")!;
        Assert.Equal($"/projects/{org.ProjectId}/review", bell.GetAttribute("href"));
        Assert.Null(quiet.QuerySelector("[data-testid=review-bell-dot]"));

        // A welded weld creates a pending weld_completed item: QC sees the dot, the owner does not (WLD-071).
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "BL-1", "Bea Lund");
        var weld = await api.CreateWeldAsync(org, drawing.Id);
        await api.CommandAsync(org, weld.WeldId(), "assignment", new { welderId, dateWelded = Day(factory, -1) });
        var (_, pending) = await qcPage.GetPageAsync(dashboard);
        Assert.NotNull(pending.QuerySelector("[data-testid=review-bell-dot]"));
        Assert.Equal("QC review: 1 pending", pending.QuerySelector("[data-testid=review-bell]")!.GetAttribute("aria-label"));
        var (_, asOwner) = await ownerPage.GetPageAsync(dashboard);
        Assert.Null(asOwner.QuerySelector("[data-testid=review-bell-dot]"));

        // Resolved: the dot goes.
        var componentId = weld.GetProperty("weld").GetProperty("componentId").GetGuid();
        var itemId = (await factory.ReviewItemsAsync(org.Id, componentId)).Single().Id;
        using var qcApi = await factory.ApiClientAsync(qc);
        var resolved = await qcApi.SendJsonAsync(HttpMethod.Post, Url(org, $"/review-items/{itemId}/resolve"), new { note = "Checked" });
        Assert.True(resolved.IsSuccessStatusCode, await resolved.Content.ReadAsStringAsync());
        var (_, after) = await qcPage.GetPageAsync(dashboard);
        Assert.Null(after.QuerySelector("[data-testid=review-bell-dot]"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ReviewBellTests_Sqlite(SqliteFactory factory) : ReviewBellTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ReviewBellTests_Postgres(PostgresFactory factory) : ReviewBellTests(factory);
