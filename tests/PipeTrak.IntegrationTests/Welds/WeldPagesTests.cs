using System.Net;
using AngleSharp.Dom;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds;

/// <summary>WLD-011, WLD-080..084 pages: the weld log, a weld's detail with its applicable action, the welders page.</summary>
public abstract class WeldPagesTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task WLD080_083_log_page_lists_welds_in_natural_order_and_filters_from_the_url()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        foreach (var number in new[] { "W-10", "W-2", "W-1" })
        {
            await api.CreateWeldAsync(org, drawing.Id, number);
        }
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welds";

        var (response, document) = await page.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["W-1", "W-2", "W-10"], document.Texts("[data-testid=weld-number]"));

        var (_, searched) = await page.GetPageAsync(url + "?search=w-1&welder=unassigned&status=active");
        Assert.Equal(["W-1", "W-10"], searched.Texts("[data-testid=weld-number]"));
        Assert.Equal("w-1", searched.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#weld-search")!.Value);

        using var request = new HttpRequestMessage(HttpMethod.Get, url + "?search=zzz");
        request.Headers.Add("HX-Request", "true");
        var fragment = await AppClient.ParseAsync(await (await page.Http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Null(fragment.QuerySelector("#weld-filters"));
        Assert.Equal("No results found", fragment.QuerySelector("[data-testid=weld-log-empty]")!.TextContent.Trim());
    }

    [Fact]
    public async Task WLD084_detail_page_offers_only_the_applicable_action_and_applies_it()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "PG-1", "Pat Gray");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welds/{weldId}";

        var (_, unwelded) = await page.GetPageAsync(url);
        Assert.NotNull(unwelded.QuerySelector("[data-testid=assign-form]"));
        Assert.Null(unwelded.QuerySelector("[data-testid=nde-form]"));

        var future = await page.PostFormAsync(url, new Dictionary<string, string> { ["welderId"] = welderId.ToString(), ["dateWelded"] = Day(factory, 3) }, "[data-testid=assign-form]");
        Assert.Equal(HttpStatusCode.Redirect, future.StatusCode);
        var (_, refused) = await page.GetPageAsync(url);
        Assert.Equal(WeldRules.FutureDateMessage, refused.QuerySelector("[data-testid=weld-error]")!.TextContent.Trim());

        var assign = await page.PostFormAsync(url, new Dictionary<string, string> { ["welderId"] = welderId.ToString(), ["dateWelded"] = Day(factory, -1) }, "[data-testid=assign-form]");
        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        var (_, welded) = await page.GetPageAsync(url);
        Assert.Equal("70%", welded.QuerySelector("[data-testid=weld-detail-percent]")!.TextContent.Trim());
        Assert.Equal("PG-1 – Pat Gray", welded.QuerySelector("[data-testid=weld-detail-welder]")!.TextContent.Trim());
        Assert.Null(welded.QuerySelector("[data-testid=assign-form]"));
        Assert.NotNull(welded.QuerySelector("[data-testid=nde-form]"));

        await page.PostFormAsync(url, new Dictionary<string, string> { ["ndeType"] = "RT", ["ndeResult"] = "FAIL", ["ndeDate"] = Day(factory, 0) }, "[data-testid=nde-form]");
        var (_, failed) = await page.GetPageAsync(url);
        Assert.Equal("100%", failed.QuerySelector("[data-testid=weld-detail-percent]")!.TextContent.Trim());
        Assert.Null(failed.QuerySelector("[data-testid=nde-form]"));
        Assert.NotEmpty(failed.QuerySelectorAll("[data-testid=history-entry]"));

        var repair = await page.PostFormAsync(url, new Dictionary<string, string>(), "[data-testid=repair-form]");
        Assert.Equal(HttpStatusCode.Redirect, repair.StatusCode);
        var (_, repairPage) = await page.GetPageAsync(repair.Location());
        Assert.Equal("Weld W-001.1", repairPage.QuerySelector("[data-testid=weld-title]")!.TextContent.Trim());
        Assert.Equal("10%", repairPage.QuerySelector("[data-testid=weld-detail-percent]")!.TextContent.Trim());
    }

    [Fact]
    public async Task WLD011_welders_page_adds_and_verifies_and_hides_actions_from_viewers()
    {
        var org = await factory.CreateOrganizationAsync();
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welders";

        var added = await page.PostFormAsync(url, new Dictionary<string, string> { ["Stencil"] = " ab-12 ", ["Name"] = "Al Burke" }, "[data-testid=add-welder-form]");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (_, list) = await page.GetPageAsync(url);
        Assert.Equal(["AB-12"], list.Texts("[data-testid=welder-stencil]"));
        Assert.Equal("Welder AB-12 added", list.QuerySelector("[data-testid=welders-message]")!.TextContent.Trim());

        await page.PostFormAsync(url, new Dictionary<string, string> { ["Stencil"] = "AB-12", ["Name"] = "Other" }, "[data-testid=add-welder-form]");
        var (_, duplicate) = await page.GetPageAsync(url);
        Assert.Equal(WelderRules.StencilTaken("AB-12", "Al Burke"), duplicate.QuerySelector("[data-testid=welders-error]")!.TextContent.Trim());

        await page.PostFormAsync(url, new Dictionary<string, string>(), "[data-testid=welder-row] form");
        var (_, verified) = await page.GetPageAsync(url);
        Assert.Equal(["verified"], verified.Texts("[data-testid=welder-status]"));

        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var viewerPage = await factory.SignInAsync(viewer);
        var (_, readOnly) = await viewerPage.GetPageAsync(url);
        Assert.Null(readOnly.QuerySelector("[data-testid=add-welder-form]"));
        var forbidden = await viewerPage.PostActionAsync(url, url + "?handler=Add", new Dictionary<string, string> { ["Stencil"] = "VV-1", ["Name"] = "Viewer" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WeldPagesTests_Sqlite(SqliteFactory factory) : WeldPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WeldPagesTests_Postgres(PostgresFactory factory) : WeldPagesTests(factory);
