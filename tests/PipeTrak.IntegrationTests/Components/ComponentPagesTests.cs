using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.IntegrationTests.Components;

/// <summary>The component list, rows fragment, milestone controls and component page (TRK-010..080).</summary>
public abstract class ComponentPagesTests(PipeTrakFactory factory)
{
    private static string List(TestOrg org, string query = "") => $"/projects/{org.ProjectId}/components{query}";

    private static string Detail(TestOrg org, Guid componentId) => $"/projects/{org.ProjectId}/components/{componentId}";

    private static Task<HttpResponseMessage> SetMilestoneAsync(AppClient page, TestOrg org, Guid componentId, Dictionary<string, string> fields) =>
        page.PostActionAsync(List(org), Detail(org, componentId) + "?handler=Milestone", fields, htmx: true);

    [Fact]
    public async Task TRK050_TRK060_list_filters_search_sort_and_pages_on_the_server()
    {
        var org = await factory.CreateOrganizationAsync();
        var d1 = await factory.AddDrawingAsync(org, "ISO-100");
        var d2 = await factory.AddDrawingAsync(org, "ISO-200");
        var valve1 = await factory.AddOnDrawingAsync(org, d1, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-100", "GV-150", "3/4\"", 1), new { size = "3/4\"", cmdty_code = "GV-150" });
        var valve2 = await factory.AddOnDrawingAsync(org, d1, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-100", "GV-150", "3/4\"", 2), new { size = "3/4\"", cmdty_code = "GV-150" });
        var spool = await factory.AddOnDrawingAsync(org, d2, ComponentType.Spool, "SP-7");
        await factory.AddOnDrawingAsync(org, d2, ComponentType.Spool, "SP-OLD", configure: c => { c.RetiredAt = c.CreatedAt; c.RetiredReason = "Replaced by SP-7"; });
        await factory.SetValuesAsync(org, valve1, ("Receive", 100));
        await factory.SetValuesAsync(org, spool, ("Receive", 100), ("Erect", 100), ("Connect", 100), ("Punch", 100), ("Test", 100), ("Restore", 100));
        using var page = await factory.SignInAsync(org.Owner);

        async Task<IReadOnlyList<string>> IdentitiesAsync(string query)
        {
            var (response, doc) = await page.GetPageAsync(List(org, query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return doc.Texts("[data-testid=component-identity]");
        }

        // TRK-010/013 display; retired hidden by default (TRK-060).
        Assert.Equal(["GV-150 3/4\" 1 of 2", "GV-150 3/4\" 2 of 2", "SP-7"], await IdentitiesAsync(""));
        Assert.Contains("SP-OLD", await IdentitiesAsync("?retired=true"));
        Assert.Equal(["SP-7"], await IdentitiesAsync("?type=spool"));
        Assert.Equal(["GV-150 3/4\" 2 of 2"], await IdentitiesAsync("?progress=not_started"));
        Assert.Equal(["GV-150 3/4\" 1 of 2"], await IdentitiesAsync("?progress=in_progress"));
        Assert.Equal(["SP-7"], await IdentitiesAsync("?progress=complete"));
        Assert.Equal(["SP-7"], await IdentitiesAsync($"?drawing={d2.Id}"));
        Assert.Equal(["SP-7"], await IdentitiesAsync("?q=iso-2"));
        Assert.Equal(["GV-150 3/4\" 1 of 2", "GV-150 3/4\" 2 of 2"], await IdentitiesAsync("?q=gv-150"));
        Assert.Equal(["SP-7", "GV-150 3/4\" 1 of 2", "GV-150 3/4\" 2 of 2"], await IdentitiesAsync("?sort=percent&dir=desc"));

        var (_, paged) = await page.GetPageAsync(List(org, "?size=2&page=2"));
        Assert.Equal(["SP-7"], paged.Texts("[data-testid=component-identity]"));
        Assert.Equal("Page 2 of 2", paged.QuerySelector("[data-testid=page-info]")!.TextContent.Trim());
        Assert.Equal("3 components", paged.QuerySelector("[data-testid=component-count]")!.TextContent.Trim());
        // Filters stay in the URL: the form shows them back.
        var (_, filtered) = await page.GetPageAsync(List(org, "?type=spool&q=SP"));
        Assert.Equal("spool", filtered.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#component-type")!.Value);
        Assert.Equal("SP", filtered.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#component-search")!.Value);
    }

    [Fact]
    public async Task TRK072_package_filter_uses_the_effective_package()
    {
        var org = await factory.CreateOrganizationAsync();
        var package = await factory.AddNamedAsync(org, new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = "TP-1" });
        var drawing = await factory.AddDrawingAsync(org, "ISO-1", packageId: package.Id);
        await factory.AddOnDrawingAsync(org, drawing, ComponentType.Spool, "SP-INHERITS");
        await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-OWN", configure: c => c.PackageId = package.Id);
        await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-NONE");
        using var page = await factory.SignInAsync(org.Owner);

        var (_, doc) = await page.GetPageAsync(List(org, $"?package={package.Id}"));
        Assert.Equal(["SP-INHERITS", "SP-OWN"], doc.Texts("[data-testid=component-identity]"));
    }

    [Fact]
    public async Task TRK040_TRK050_htmx_tick_swaps_the_row_and_the_drawing_progress_out_of_band()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "ISO-7");
        var valve = await factory.AddOnDrawingAsync(org, drawing, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-7", "GV-1", "2", 1));
        await factory.AddOnDrawingAsync(org, drawing, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-7", "GV-1", "2", 2));
        using var page = await factory.SignInAsync(org.Owner);

        var response = await SetMilestoneAsync(page, org, valve.Id, new() { ["Milestone"] = "Receive", ["Value"] = "100", ["Discrete"] = "true", ["View"] = "row", ["Selectable"] = "true" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.FragmentAsync();
        var row = doc.QuerySelector($"#component-{valve.Id}")!;
        Assert.Equal("tr", row.LocalName);
        Assert.Equal("10%", row.QuerySelector("[data-testid=component-percent]")!.TextContent.Trim());
        Assert.True(row.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-milestone=Receive] input[type=checkbox]")!.IsChecked);

        // TRK-032: stored percent is the progress function; TRK-043: one event.
        var stored = await factory.ReloadAsync(org.Id, valve.Id);
        Assert.Equal(ProgressRules.PercentComplete(DefaultTemplates.For(ComponentType.Valve), await factory.ValuesAsync(org.Id, valve.Id)), stored.Percent);
        Assert.Equal(10m, stored.Percent);
        var evt = Assert.Single(await factory.EventsAsync(org.Id, valve.Id));
        Assert.Equal(MilestoneEventAction.Complete, evt.Action);

        // TRK-050 drawing roll-up, out of band: 0 of 2 complete, mean 5%.
        var oob = doc.OutOfBand($"drawing-progress-{drawing.Id}")!;
        Assert.Equal("true", oob.GetAttribute("hx-swap-oob"));
        var expected = await factory.WithDbAsync(db => DrawingRollups.ForDrawingAsync(db, org.ProjectId!.Value, drawing.Id, CancellationToken.None), org.Id);
        Assert.Equal(expected.Display, oob.TextContent.Trim());
        Assert.Equal("0/2 • 5%", oob.TextContent.Trim());

        // TRK-046: a duplicate submit writes nothing more.
        var again = await SetMilestoneAsync(page, org, valve.Id, new() { ["Milestone"] = "Receive", ["Value"] = "100", ["Discrete"] = "true", ["View"] = "row" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await factory.EventsAsync(org.Id, valve.Id));
    }

    [Fact]
    public async Task TRK042_lowering_needs_a_reason_shown_in_place_then_applies_with_one()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-42");
        using var page = await factory.SignInAsync(org.Owner);
        await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Erect", ["Value"] = "100", ["Discrete"] = "true", ["View"] = "row" });
        factory.Clock.Advance(TimeSpan.FromSeconds(10));

        // Clearing a checkbox sends no Value.
        var refused = await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Erect", ["Discrete"] = "true", ["View"] = "row" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var doc = await refused.FragmentAsync();
        Assert.Equal("A reason is required to lower a milestone", doc.QuerySelector("[data-testid=milestone-error]")!.TextContent.Trim());
        var form = doc.QuerySelector("[data-testid=rollback-form]")!;
        Assert.Equal("0", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=Value]")!.Value);
        Assert.Equal(RollbackReasons.All.Count, form.QuerySelectorAll("select[name=RollbackReason] option[value]:not([value=''])").Length);
        Assert.Single(await factory.EventsAsync(org.Id, spool.Id));

        var shortOther = await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Erect", ["Value"] = "0", ["RollbackReason"] = "other", ["RollbackDetails"] = "short", ["View"] = "row" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortOther.StatusCode);
        Assert.Equal("Describe the reason (10-500 characters)", (await shortOther.FragmentAsync()).QuerySelector("[data-testid=milestone-error]")!.TextContent.Trim());

        var ok = await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Erect", ["Value"] = "0", ["RollbackReason"] = "qc_rejection", ["View"] = "row" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Null((await ok.FragmentAsync()).QuerySelector("[data-testid=rollback-form]"));
        var rollback = (await factory.EventsAsync(org.Id, spool.Id)).Single(e => e.Action == MilestoneEventAction.Rollback);
        Assert.Equal("qc_rejection", rollback.RollbackReason);
        Assert.Equal(0m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
    }

    [Fact]
    public async Task TRK048_weld_complete_without_a_welder_shows_the_message_in_place()
    {
        var org = await factory.CreateOrganizationAsync();
        var weld = await factory.AddOnDrawingAsync(org, null, ComponentType.FieldWeld, "W-1");
        using var page = await factory.SignInAsync(org.Owner);
        var response = await SetMilestoneAsync(page, org, weld.Id, new() { ["Milestone"] = "Weld Complete", ["Value"] = "100", ["Discrete"] = "true", ["View"] = "row" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Assign a welder before marking Weld Complete", (await response.FragmentAsync()).QuerySelector("[data-testid=milestone-error]")!.TextContent.Trim());
        Assert.Empty(await factory.EventsAsync(org.Id, weld.Id));
    }

    [Fact]
    public async Task PPL041_viewer_sees_read_only_controls_and_the_server_refuses_with_403()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-V");
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var page = await factory.SignInAsync(viewer);

        var (_, doc) = await page.GetPageAsync(List(org));
        Assert.All(doc.QuerySelectorAll("[data-testid=milestone] input[type=checkbox]"), i => Assert.True(i.HasAttribute("disabled")));
        Assert.Null(doc.QuerySelector("[data-testid=bulk-form]"));

        var response = await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Receive", ["Value"] = "100", ["Discrete"] = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You don't have permission to update milestones", await response.Content.ReadAsStringAsync());
        Assert.Empty(await factory.EventsAsync(org.Id, spool.Id));
    }

    [Fact]
    public async Task Rows_fragment_for_a_drawing_returns_only_its_rows_with_controls()
    {
        var org = await factory.CreateOrganizationAsync();
        var d1 = await factory.AddDrawingAsync(org, "ISO-R1");
        var d2 = await factory.AddDrawingAsync(org, "ISO-R2");
        var pipe = await factory.AddOnDrawingAsync(org, d1, ComponentType.Pipe, ComponentIdentity.ForAggregate("ISO-R1", "2\"", "CS-PIPE"),
            new { size = "2\"", cmdty_code = "CS-PIPE", total_linear_feet = "42.5" });
        await factory.AddOnDrawingAsync(org, d2, ComponentType.Spool, "SP-R2");
        await factory.SetValuesAsync(org, pipe, ("Erect", 40));
        using var page = await factory.SignInAsync(org.Owner);

        var response = await page.Http.GetAsync($"/projects/{org.ProjectId}/components/rows?drawingId={d1.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.FragmentAsync();
        var rows = doc.QuerySelectorAll("tr[data-testid=component-row]");
        Assert.Single(rows);
        Assert.Equal("CS-PIPE 2\" (42.5 LF)", rows[0].QuerySelector("[data-testid=component-identity]")!.TextContent.Trim());
        // Partial milestones are number inputs; TRK-086 LF hint.
        var erect = rows[0].QuerySelector("[data-milestone=Erect] input[type=number]")!;
        Assert.Equal("numeric", erect.GetAttribute("inputmode"));
        Assert.Equal("40", erect.GetAttribute("value"));
        Assert.Equal("17 LF of 42.5 LF", rows[0].QuerySelector("[data-milestone=Erect] [data-testid=lf-hint]")!.TextContent.Trim());

        var table = await page.Http.GetAsync($"/projects/{org.ProjectId}/components/rows?drawingId={d1.Id}&table=true");
        Assert.Single((await table.DocumentAsync()).QuerySelectorAll("table tbody tr[data-testid=component-row]"));

        // A drawing of another project (or unknown) answers 404.
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync($"/projects/{org.ProjectId}/components/rows?drawingId={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task TRK061_TRK063_retire_needs_a_reason_restores_and_refuses_a_duplicate_identity()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-RET");
        using var page = await factory.SignInAsync(org.Owner);

        var shortReason = await page.PostFormAsync(Detail(org, spool.Id), new Dictionary<string, string> { ["reason"] = "too short" }, "[data-testid=retire-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shortReason.StatusCode);
        Assert.Equal("Retire reason must be at least 10 characters", (await shortReason.DocumentAsync()).QuerySelector("[data-testid=retire-error]")!.TextContent.Trim());
        Assert.Null((await factory.ReloadAsync(org.Id, spool.Id)).RetiredAt);

        var retired = await page.PostFormAsync(Detail(org, spool.Id), new Dictionary<string, string> { ["reason"] = "Duplicate of another spool" }, "[data-testid=retire-form]");
        Assert.True(retired.IsRedirectTo(Detail(org, spool.Id)));
        var stored = await factory.ReloadAsync(org.Id, spool.Id);
        Assert.NotNull(stored.RetiredAt);
        Assert.Equal("Duplicate of another spool", stored.RetiredReason);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "component.retired" && a.ProjectId == org.ProjectId), org.Id));
        var (_, list) = await page.GetPageAsync(List(org));
        Assert.DoesNotContain("SP-RET", list.Texts("[data-testid=component-identity]"));

        // TRK-063: an active component with the same identity blocks the restore.
        var replacement = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-RET");
        var blocked = await page.PostFormAsync(Detail(org, spool.Id), new Dictionary<string, string>(), "[data-testid=restore-form]");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        Assert.Equal("Cannot restore: an active component with the same identity exists", (await blocked.DocumentAsync()).QuerySelector("[data-testid=retire-error]")!.TextContent.Trim());

        await factory.WithDbAsync(async db => await db.Components.Where(c => c.Id == replacement.Id).ExecuteDeleteAsync(), org.Id);
        var restored = await page.PostFormAsync(Detail(org, spool.Id), new Dictionary<string, string>(), "[data-testid=restore-form]");
        Assert.True(restored.IsRedirectTo(Detail(org, spool.Id)));
        Assert.Null((await factory.ReloadAsync(org.Id, spool.Id)).RetiredAt);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "component.restored" && a.ProjectId == org.ProjectId), org.Id));
    }

    [Fact]
    public async Task TRK076_TRK077_TRK078_badges_create_new_and_stale_version_conflict()
    {
        var org = await factory.CreateOrganizationAsync();
        var package = await factory.AddNamedAsync(org, new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = "TP-9" });
        var drawing = await factory.AddDrawingAsync(org, "ISO-9", packageId: package.Id);
        var spool = await factory.AddOnDrawingAsync(org, drawing, ComponentType.Spool, "SP-EDIT");
        using var page = await factory.SignInAsync(org.Owner);

        var (_, doc) = await page.GetPageAsync(Detail(org, spool.Id));
        var packageCell = doc.QuerySelector("[data-testid=metadata-test-package]")!;
        Assert.Contains("TP-9", packageCell.TextContent, StringComparison.Ordinal);
        Assert.Equal("inherited", packageCell.QuerySelector("[data-testid=metadata-badge]")!.TextContent.Trim());
        Assert.Equal("From drawing ISO-9", packageCell.QuerySelector("[data-testid=metadata-badge]")!.GetAttribute("title"));
        Assert.Null(doc.QuerySelector("[data-testid=metadata-area] [data-testid=metadata-badge]"));
        var version = doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#component-version")!.Value;

        // TRK-077: create a name inline (htmx), then a duplicate ignoring case is refused.
        var created = await page.PostActionAsync(Detail(org, spool.Id), Detail(org, spool.Id) + "?handler=CreateName&kind=area",
            new Dictionary<string, string> { ["areaName"] = "  North Rack " }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var field = await created.DocumentAsync();
        var selected = field.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name=area]")!;
        Assert.Equal("North Rack", selected.SelectedOptions.Single().TextContent.Trim());
        var areaId = selected.Value ?? throw new InvalidOperationException("No area selected.");
        var duplicate = await page.PostActionAsync(Detail(org, spool.Id), Detail(org, spool.Id) + "?handler=CreateName&kind=area",
            new Dictionary<string, string> { ["areaName"] = "north rack" }, htmx: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Equal("Area 'north rack' already exists", (await duplicate.DocumentAsync()).QuerySelector("[data-testid=metadata-error]")!.TextContent.Trim());

        var saved = await page.PostFormAsync(Detail(org, spool.Id), new Dictionary<string, string>
        {
            ["area"] = areaId,
            ["system"] = "",
            ["package"] = package.Id.ToString(),
            ["Version"] = version,
        }, "[data-testid=edit-form]");
        Assert.True(saved.IsRedirectTo(Detail(org, spool.Id)));
        var (_, after) = await page.GetPageAsync(Detail(org, spool.Id));
        Assert.Equal("assigned", after.QuerySelector("[data-testid=metadata-area] [data-testid=metadata-badge]")!.TextContent.Trim());
        Assert.Equal("inherited", after.QuerySelector("[data-testid=metadata-test-package] [data-testid=metadata-badge]")!.TextContent.Trim());

        // TRK-078: the version loaded before the save is stale now.
        var stale = await page.PostFormAsync(Detail(org, spool.Id), new Dictionary<string, string>
        {
            ["area"] = "",
            ["system"] = "",
            ["package"] = "",
            ["Version"] = version,
        }, "[data-testid=edit-form]");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("This component was changed by someone else. Review the current values and try again.",
            (await stale.DocumentAsync()).QuerySelector("[data-testid=edit-error]")!.TextContent.Trim());
        Assert.Equal(Guid.Parse(areaId), (await factory.ReloadAsync(org.Id, spool.Id)).AreaId);
    }

    [Fact]
    public async Task Detail_shows_history_newest_first()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-HIST");
        using var page = await factory.SignInAsync(org.Owner);
        await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Receive", ["Value"] = "100", ["Discrete"] = "true", ["View"] = "detail" });
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var detailResponse = await SetMilestoneAsync(page, org, spool.Id, new() { ["Milestone"] = "Erect", ["Value"] = "100", ["Discrete"] = "true", ["View"] = "detail" });
        Assert.Equal(HttpStatusCode.OK, detailResponse.StatusCode);
        var fragment = await detailResponse.FragmentAsync();
        Assert.NotNull(fragment.OutOfBand("component-version"));

        var (_, doc) = await page.GetPageAsync(Detail(org, spool.Id));
        Assert.Equal("45%", doc.QuerySelector("[data-testid=component-percent]")!.TextContent.Trim());
        var items = doc.QuerySelectorAll("[data-testid=history-item] strong").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["Erect", "Receive"], items);
    }

    /// <summary>The antiforgery token of the bulk form itself (a browser posts exactly that form).</summary>
    private static async Task<string> BulkFormTokenAsync(AppClient page, TestOrg org)
    {
        var (_, doc) = await page.GetPageAsync(List(org));
        return doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=bulk-form] input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException("The bulk form has no antiforgery token.");
    }

    [Fact]
    public async Task TRK075_bulk_assignment_sets_no_change_none_or_a_value_per_field()
    {
        var org = await factory.CreateOrganizationAsync();
        var area = await factory.AddNamedAsync(org, new Area { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = "Rack 3" });
        var system = await factory.AddNamedAsync(org, new PlantSystem { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = "Cooling water" });
        var a = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-BA1", configure: c => c.SystemId = system.Id);
        var b = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-BA2", configure: c => c.SystemId = system.Id);
        var untouched = await factory.AddOnDrawingAsync(org, null, ComponentType.Spool, "SP-BA3", configure: c => c.SystemId = system.Id);
        using var page = await factory.SignInAsync(org.Owner);

        var content = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", await BulkFormTokenAsync(page, org)), new("ids", a.Id.ToString()), new("ids", b.Id.ToString()),
            new("area", area.Id.ToString()), new("system", "none"), new("package", ""),
        ]);
        var response = await page.Http.PostAsync(List(org, "?handler=BulkAssign"), content);
        Assert.True(response.IsRedirectTo(List(org)), $"{(int)response.StatusCode} {response.Headers.Location}");
        var (_, doc) = await page.GetPageAsync(response.Location());
        Assert.Equal("Selected 2 · Area updated on 2 · System updated on 2 · Package updated on 0", doc.QuerySelector("[data-testid=bulk-summary] div")!.TextContent.Trim());
        var stored = await factory.ReloadAsync(org.Id, a.Id);
        Assert.Equal((area.Id, (Guid?)null), (stored.AreaId!.Value, stored.SystemId));
        Assert.Equal(system.Id, (await factory.ReloadAsync(org.Id, untouched.Id)).SystemId);

        // A foreman may assign; a welder may not (PPL-040 row 3).
        var welder = await factory.CreateUserAsync(org.Id, OrgRole.Welder, "bulkwelder");
        using var welderPage = await factory.SignInAsync(welder);
        var refused = await welderPage.PostActionAsync(List(org), List(org, "?handler=BulkAssign"), new Dictionary<string, string> { ["ids"] = a.Id.ToString(), ["area"] = "none" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(area.Id, (await factory.ReloadAsync(org.Id, a.Id)).AreaId);
    }

    [Fact]
    public async Task TRK080_bulk_receive_from_the_list_shows_the_summary()
    {
        var org = await factory.CreateOrganizationAsync();
        var a = await factory.AddOnDrawingAsync(org, null, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-B", "V", "1", 1));
        var b = await factory.AddOnDrawingAsync(org, null, ComponentType.Valve, ComponentIdentity.ForCounted("ISO-B", "V", "1", 2));
        var weld = await factory.AddOnDrawingAsync(org, null, ComponentType.FieldWeld, "W-9");
        await factory.SetValuesAsync(org, b, ("Receive", 100));
        using var page = await factory.SignInAsync(org.Owner);

        var token = await BulkFormTokenAsync(page, org);
        var content = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("ids", a.Id.ToString()), new("ids", b.Id.ToString()), new("ids", weld.Id.ToString()),
            new("ids", Guid.NewGuid().ToString()), new("returnQuery", "?type=valve"),
        ]);
        var response = await page.Http.PostAsync(List(org, "?handler=BulkReceive"), content);
        Assert.True(response.IsRedirectTo(List(org, "?type=valve")));
        var (_, doc) = await page.GetPageAsync(response.Location());
        Assert.Equal("Attempted 4 · Updated 1 · Skipped 2 · Failed 1", doc.QuerySelector("[data-testid=bulk-summary] div")!.TextContent.Trim());
        Assert.Contains("Component not found in this project", doc.QuerySelector("[data-testid=bulk-failures]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(100, (await factory.ValuesAsync(org.Id, a.Id))["Receive"].Value);
        Assert.Single(await factory.EventsAsync(org.Id, a.Id));
        Assert.Empty(await factory.EventsAsync(org.Id, b.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ComponentPagesTests_Sqlite(SqliteFactory factory) : ComponentPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ComponentPagesTests_Postgres(PostgresFactory factory) : ComponentPagesTests(factory);
