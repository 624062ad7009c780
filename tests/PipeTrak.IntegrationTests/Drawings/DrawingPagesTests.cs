using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Drawings;

/// <summary>The drawing list and detail pages (TRK-050, TRK-061, TRK-073, TRK-074, TRK-077, TRK-078).</summary>
public abstract class DrawingPagesTests(PipeTrakFactory factory)
{
    private static string List(TestOrg org) => $"/projects/{org.ProjectId}/drawings";

    private static string Detail(TestOrg org, Guid drawingId) => $"/projects/{org.ProjectId}/drawings/{drawingId}";

    [Fact]
    public async Task TRK050_list_shows_progress_spans_expand_urls_and_filters_from_the_url()
    {
        var org = await factory.CreateOrganizationAsync();
        var area = await factory.AddAreaAsync(org, "Area 7");
        var d10 = await factory.AddDrawingAsync(org, "P-10", "Ten", areaId: area);
        var d9 = await factory.AddDrawingAsync(org, "P-9", "Nine");
        await factory.AddComponentOnAsync(org, d10.Id, 100m);
        await factory.AddComponentOnAsync(org, d10.Id, 47.5m);
        using var page = await factory.SignInAsync(org.Owner);

        var (response, doc) = await page.GetPageAsync(List(org));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["P-9", "P-10"], doc.Texts("[data-testid=drawing-number]"));
        Assert.Equal("1/2 • 74%", doc.QuerySelector($"#drawing-progress-{d10.Id}")!.TextContent.Trim());
        Assert.Equal("0/0 • 0%", doc.QuerySelector($"#drawing-progress-{d9.Id}")!.TextContent.Trim());
        var expand = doc.QuerySelector($"tr[data-drawing-id='{d10.Id}'] [data-testid=expand-drawing]")!;
        Assert.Equal($"/projects/{org.ProjectId}/components/rows?drawingId={d10.Id}", expand.GetAttribute("hx-get"));

        var (_, filtered) = await page.GetPageAsync($"{List(org)}?area={area}&status=in_progress");
        Assert.Equal(["P-10"], filtered.Texts("[data-testid=drawing-number]"));
        Assert.Equal(area.ToString(), filtered.QuerySelector<IHtmlSelectElement>("#filter-area")!.Value);

        // htmx asks for the rows only.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{List(org)}?q=p-9");
        request.Headers.Add("HX-Request", "true");
        var fragment = await page.Http.SendAsync(request);
        var html = await fragment.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["P-9"], (await AppClient.ParseAsync(html)).Texts("[data-testid=drawing-number]"));
    }

    [Fact]
    public async Task List_pages_50_drawings_at_a_time_in_natural_order_with_the_page_in_the_url()
    {
        var org = await factory.CreateOrganizationAsync();
        for (var i = 52; i >= 1; i--)
        {
            await factory.AddDrawingAsync(org, $"L-{i}");
        }
        using var page = await factory.SignInAsync(org.Owner);

        var (_, first) = await page.GetPageAsync(List(org));
        Assert.Equal(50, first.QuerySelectorAll("[data-testid=drawing-row]").Length);
        Assert.Equal("L-1", first.Texts("[data-testid=drawing-number]")[0]);
        Assert.NotNull(first.QuerySelector($"[data-testid=drawing-pager] a[href='{List(org)}?p=2']"));
        var (_, second) = await page.GetPageAsync($"{List(org)}?p=2");
        Assert.Equal(["L-51", "L-52"], second.Texts("[data-testid=drawing-number]"));
    }

    [Fact]
    public async Task Detail_page_shows_facts_rollup_categories_and_loads_components()
    {
        var org = await factory.CreateOrganizationAsync();
        var package = await factory.AddPackageAsync(org, "TP-7");
        var drawing = await factory.AddDrawingAsync(org, "P-77", "Header", packageId: package);
        await factory.AddComponentOnAsync(org, drawing.Id, 0m);
        using var page = await factory.SignInAsync(org.Owner);

        var (response, doc) = await page.GetPageAsync(Detail(org, drawing.Id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("TP-7", doc.QuerySelector("[data-testid=fact-package]")!.TextContent.Trim());
        Assert.Equal("0/1 • 0%", doc.QuerySelector($"#drawing-progress-{drawing.Id}")!.TextContent.Trim());
        Assert.NotEmpty(doc.QuerySelectorAll("[data-testid=category]"));
        var components = doc.QuerySelector("[data-testid=drawing-components]")!;
        Assert.Equal("load", components.GetAttribute("hx-trigger"));
        Assert.Equal($"/projects/{org.ProjectId}/components/rows?drawingId={drawing.Id}", components.GetAttribute("hx-get"));
        Assert.NotNull(doc.QuerySelector("[data-testid=edit-form]"));
        Assert.NotNull(doc.QuerySelector("[data-testid=retire-form]"));
    }

    [Fact]
    public async Task TRK073_077_edit_page_creates_a_new_area_and_propagates_it()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "P-5", "Old");
        var component = await factory.AddComponentOnAsync(org, drawing.Id);
        using var page = await factory.SignInAsync(org.Owner);

        var response = await page.PostFormAsync(Detail(org, drawing.Id), new Dictionary<string, string>
        {
            ["Input.Title"] = "New title",
            ["Input.Revision"] = "B",
            ["Input.Area"] = "new",
            ["Input.NewArea"] = "  Unit 5 ",
            ["Input.System"] = "none",
            ["Input.Package"] = "none",
            ["Input.Version"] = drawing.Version.ToString(),
        }, "[data-testid=edit-form]");
        Assert.True(response.IsRedirectTo(Detail(org, drawing.Id)), $"{(int)response.StatusCode}");
        var (_, doc) = await page.GetPageAsync(Detail(org, drawing.Id));
        Assert.Equal("Drawing saved. Components updated: area 1, system 0, package 0.", doc.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        Assert.Equal("Unit 5", doc.QuerySelector("[data-testid=fact-area]")!.TextContent.Trim());
        Assert.Equal("B", doc.QuerySelector("[data-testid=fact-revision]")!.TextContent.Trim());
        var stored = (await factory.ComponentsOnAsync(org, drawing.Id)).Single(c => c.Id == component.Id);
        Assert.Equal((await factory.DrawingAsync(org, drawing.Id)).AreaId, stored.AreaId);

        // TRK-070: the same name again (ignoring case) is refused with the spec message; nothing else changes.
        var again = await page.PostFormAsync(Detail(org, drawing.Id), new Dictionary<string, string>
        {
            ["Input.Title"] = "New title",
            ["Input.Revision"] = "B",
            ["Input.Area"] = "new",
            ["Input.NewArea"] = "UNIT 5",
            ["Input.System"] = "none",
            ["Input.Package"] = "none",
            ["Input.Version"] = (await factory.DrawingAsync(org, drawing.Id)).Version.ToString(),
        }, "[data-testid=edit-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("Area 'UNIT 5' already exists", (await again.DocumentAsync()).QuerySelector("[data-testid=edit-error]")!.TextContent.Trim());
    }

    [Fact]
    public async Task TRK078_stale_edit_on_the_page_answers_409_with_the_message_and_current_values()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "P-6", "Original");
        using var page = await factory.SignInAsync(org.Owner);
        using var api = await factory.ApiClientAsync(org.Owner);
        await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/projects/{org.ProjectId}/drawings/{drawing.Id}", new { title = "Theirs", version = drawing.Version });

        var response = await page.PostFormAsync(Detail(org, drawing.Id), new Dictionary<string, string>
        {
            ["Input.Title"] = "Mine",
            ["Input.Revision"] = "",
            ["Input.Area"] = "none",
            ["Input.System"] = "none",
            ["Input.Package"] = "none",
            ["Input.Version"] = drawing.Version.ToString(),
        }, "[data-testid=edit-form]");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var doc = await response.DocumentAsync();
        Assert.Equal("This drawing was changed by someone else. Review the current values and try again.", doc.QuerySelector("[data-testid=edit-error]")!.TextContent.Trim());
        Assert.Equal("Theirs", doc.QuerySelector<IHtmlInputElement>("#edit-title")!.Value);
        Assert.Equal("Theirs", (await factory.DrawingAsync(org, drawing.Id)).Title);
    }

    [Fact]
    public async Task TRK074_bulk_form_assigns_selected_drawings_and_shows_the_summary()
    {
        var org = await factory.CreateOrganizationAsync();
        var system = await factory.AddSystemAsync(org, "Firewater");
        var d1 = await factory.AddDrawingAsync(org, "Q-1");
        var d2 = await factory.AddDrawingAsync(org, "Q-2");
        await factory.AddComponentOnAsync(org, d1.Id);
        using var page = await factory.SignInAsync(org.Owner);

        var token = await page.AntiforgeryTokenAsync(List(org));
        var response = await page.Http.PostAsync($"{List(org)}?handler=BulkAssign", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("drawingIds", d1.Id.ToString()),
            new("drawingIds", d2.Id.ToString()),
            new("bulkArea", "new"),
            new("bulkNewArea", "Unit 9"),
            new("bulkSystem", system.ToString()),
            new("bulkPackage", "no_change"),
        ]));
        Assert.True(response.IsRedirectTo(List(org)), $"{(int)response.StatusCode}");
        var (_, doc) = await page.GetPageAsync(List(org));
        Assert.Equal("2 drawings updated; components updated: area 1, system 1, package 0", doc.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        var stored = await factory.DrawingAsync(org, d2.Id);
        Assert.Equal(system, stored.SystemId);
        // TRK-077: the new name was created and assigned; it is listed in the pickers.
        Assert.NotNull(stored.AreaId);
        Assert.Contains("Unit 9", doc.Texts("#filter-area option"));
    }

    [Fact]
    public async Task TRK061_retire_on_the_page_needs_a_reason_then_hides_the_drawing()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "R-9");
        using var page = await factory.SignInAsync(org.Owner);

        var refused = await page.PostFormAsync(Detail(org, drawing.Id), new Dictionary<string, string> { ["RetireReason"] = "short" }, "[data-testid=retire-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Retire reason must be at least 10 characters", (await refused.DocumentAsync()).QuerySelector("[data-testid=retire-error]")!.TextContent.Trim());

        var retired = await page.PostFormAsync(Detail(org, drawing.Id), new Dictionary<string, string> { ["RetireReason"] = "Deleted from the issued set" }, "[data-testid=retire-form]");
        Assert.True(retired.IsRedirectTo(Detail(org, drawing.Id)));
        var (_, list) = await page.GetPageAsync(List(org));
        Assert.Empty(list.Texts("[data-testid=drawing-number]"));
        var (_, withRetired) = await page.GetPageAsync($"{List(org)}?retired=true");
        Assert.Equal(["R-9"], withRetired.Texts("[data-testid=drawing-number]"));

        var restored = await page.PostFormAsync(Detail(org, drawing.Id), new Dictionary<string, string>(), "[data-testid=restore-form]");
        Assert.True(restored.IsRedirectTo(Detail(org, drawing.Id)));
        Assert.Null((await factory.DrawingAsync(org, drawing.Id)).RetiredAt);
    }

    [Fact]
    public async Task Viewer_sees_no_edit_controls_and_is_refused_with_403()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "V-1", "Viewer test");
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var page = await factory.SignInAsync(viewer);

        var (listResponse, list) = await page.GetPageAsync(List(org));
        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.Null(list.QuerySelector("[data-testid=bulk-form]"));
        var (_, detail) = await page.GetPageAsync(Detail(org, drawing.Id));
        Assert.Null(detail.QuerySelector("[data-testid=edit-form]"));
        Assert.Null(detail.QuerySelector("[data-testid=retire-form]"));

        var token = await page.AntiforgeryTokenAsync(Detail(org, drawing.Id));
        var edit = await page.Http.PostAsync($"{Detail(org, drawing.Id)}?handler=Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Title"] = "Hijacked",
            ["Input.Area"] = "none",
            ["Input.System"] = "none",
            ["Input.Package"] = "none",
            ["Input.Version"] = drawing.Version.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal("You don't have permission to assign work.", await edit.ErrorMessageAsync());
        var bulk = await page.Http.PostAsync($"{List(org)}?handler=BulkAssign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["drawingIds"] = drawing.Id.ToString(),
            ["bulkSystem"] = "none",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        var retire = await page.Http.PostAsync($"{Detail(org, drawing.Id)}?handler=Retire", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["RetireReason"] = "Viewer wants it gone",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, retire.StatusCode);
        Assert.Equal("Viewer test", (await factory.DrawingAsync(org, drawing.Id)).Title);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DrawingPagesTests_Sqlite(SqliteFactory factory) : DrawingPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DrawingPagesTests_Postgres(PostgresFactory factory) : DrawingPagesTests(factory);
