using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PipeTrak.E2E.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// Issue 3 journeys, each at the desktop and the 390 px mobile viewport:
/// import a takeoff (IMP preview + confirm) and edit a component's area (TRK-072, TRK-077);
/// filter and sort the drawings table (natural number order, filters kept in the URL);
/// bulk-assign drawings (TRK-074) and see the value propagate to their components (TRK-073).
/// </summary>
public sealed partial class TrackingJourneyTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task TrackingJourney_PM_imports_a_takeoff_then_edits_a_component_area_TRK072_TRK077(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Import Yard"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        await EnsureTemplatesAsync(org);
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var drawing = $"ISO-{tag}-7";
        var file = Path.Combine(Path.GetTempPath(), $"takeoff-{tag}.csv");
        await File.WriteAllTextAsync(file,
            "DRAWING,TYPE,QTY,CMDTY CODE,SIZE,AREA\r\n" +
            $"{drawing},Valve,2,GV-{tag},2,North Rack\r\n" +
            $"{drawing},Flange,1,FL-{tag},2,North Rack\r\n");
        try
        {
            var page = await NewPageAsync(viewport, "pm");
            await SignInAsync(page, pm.Email, pm.Password, $"/projects/{org.ProjectId}/imports");
            await Expect(page.GetByTestId("imports-page")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("no-imports")).ToBeVisibleAsync();
            await ExpectNoSidewaysScrollAsync(page, viewport);

            // Upload: the preview comes first, nothing is imported yet.
            await page.GetByLabel("Takeoff file").SetInputFilesAsync(file);
            await page.GetByTestId("upload-button").ClickAsync();
            await Expect(page).ToHaveURLAsync(ImportDetailUrl());
            var preview = page.GetByTestId("import-preview");
            await Expect(preview).ToBeVisibleAsync();
            await Expect(page.GetByTestId("column-error")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("valid-count")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("error-count")).ToHaveTextAsync("0");
            await Expect(page.GetByTestId("component-count")).ToContainTextAsync("3 (3 new");
            await Expect(page.GetByTestId("new-drawings")).ToContainTextAsync(drawing);
            await Expect(page.GetByTestId("first-rows")).ToContainTextAsync($"GV-{tag}");
            await ExpectNoSidewaysScrollAsync(page, viewport);

            // Confirm: the panel is replaced in place with the result.
            await page.GetByTestId("confirm-button").ClickAsync();
            await Expect(page.GetByTestId("import-result")).ToContainTextAsync("Import complete");
            await Expect(page.GetByTestId("result-created")).ToHaveTextAsync("3");
            await Expect(page.GetByTestId("confirm-button")).ToHaveCountAsync(0);

            // The history lists the run.
            await page.GotoAsync($"/projects/{org.ProjectId}/imports");
            await Expect(page.GetByTestId("import-row")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("import-row")).ToContainTextAsync($"takeoff-{tag}.csv");

            // The new components are in the list.
            await page.GotoAsync($"/projects/{org.ProjectId}/components?q={Uri.EscapeDataString(drawing)}");
            var rows = page.GetByTestId("component-row");
            await Expect(rows).ToHaveCountAsync(3);
            await Expect(page.GetByTestId("component-identity").Filter(new() { HasText = $"GV-{tag}" })).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("component-identity").Filter(new() { HasText = $"FL-{tag}" })).ToHaveCountAsync(1);
            await ExpectNoSidewaysScrollAsync(page, viewport);

            // Open one and move it to a new area ("Create new…", TRK-077), then save.
            await page.GetByTestId("component-identity").Filter(new() { HasText = $"FL-{tag}" }).ClickAsync();
            await Expect(page.GetByTestId("component-title")).ToContainTextAsync($"FL-{tag}");
            await Expect(page.GetByTestId("metadata-area")).ToContainTextAsync("North Rack");
            var areaField = page.GetByTestId("metadata-field-area");
            await areaField.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Create new…" });
            var newArea = $"South Rack {tag}";
            await areaField.GetByTestId("new-area-name").FillAsync(newArea);
            await areaField.GetByTestId("create-area").ClickAsync();
            await Expect(page.Locator("#field-area-select option:checked")).ToHaveTextAsync(newArea);
            await ExpectNoSidewaysScrollAsync(page, viewport);
            await page.GetByTestId("edit-save").ClickAsync();
            await Expect(page.GetByTestId("flash")).ToHaveTextAsync("Component saved.");
            await Expect(page.GetByTestId("metadata-area")).ToContainTextAsync(newArea);
            await Expect(page.GetByTestId("metadata-area").GetByTestId("metadata-badge")).ToHaveTextAsync("assigned");
            await Expect(page.Locator("#field-area-select option:checked")).ToHaveTextAsync(newArea);

            // The other components keep the imported area.
            await page.GotoAsync($"/projects/{org.ProjectId}/components?q={Uri.EscapeDataString(drawing)}");
            await page.GetByTestId("component-identity").Filter(new() { HasText = $"GV-{tag}" }).First.ClickAsync();
            await Expect(page.GetByTestId("metadata-area")).ToContainTextAsync("North Rack");
        }
        finally
        {
            File.Delete(file);
        }
    });

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task TrackingJourney_drawings_filter_by_status_and_area_sort_naturally_and_keep_filters_in_the_url(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Drawing Yard"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        await EnsureTemplatesAsync(org);
        var east = await SeedAreaAsync(org, "East Rack");
        // P-1 complete, P-2 in progress, P-3 and P-10 not started in East Rack.
        await SeedDrawingAsync(org, "P-10", east, 0);
        await SeedDrawingAsync(org, "P-2", null, 50);
        await SeedDrawingAsync(org, "P-1", null, 100);
        await SeedDrawingAsync(org, "P-3", east, 0);

        var page = await NewPageAsync(viewport, "pm");
        await SignInAsync(page, pm.Email, pm.Password, $"/projects/{org.ProjectId}/drawings");
        var numbers = page.GetByTestId("drawing-number");
        // Natural order: P-2 before P-10.
        await Expect(numbers).ToHaveTextAsync(new[] { "P-1", "P-2", "P-3", "P-10" });
        await Expect(page.GetByTestId("drawing-total")).ToContainTextAsync("4 drawings");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        await Filters(page).GetByLabel("Sort", new() { Exact = true }).SelectOptionAsync("-number");
        await Expect(numbers).ToHaveTextAsync(new[] { "P-10", "P-3", "P-2", "P-1" });
        await Expect(page).ToHaveURLAsync(new Regex("sort=-number"));
        await Filters(page).GetByLabel("Sort", new() { Exact = true }).SelectOptionAsync("number");
        await Expect(numbers).ToHaveTextAsync(new[] { "P-1", "P-2", "P-3", "P-10" });

        // Status narrows the rows.
        await Filters(page).GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Complete" });
        await Expect(numbers).ToHaveTextAsync(new[] { "P-1" });
        await Filters(page).GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "In progress" });
        await Expect(numbers).ToHaveTextAsync(new[] { "P-2" });
        await Filters(page).GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Not started" });
        await Expect(numbers).ToHaveTextAsync(new[] { "P-3", "P-10" });
        await Filters(page).GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Any status" });
        await Expect(numbers).ToHaveTextAsync(new[] { "P-1", "P-2", "P-3", "P-10" });

        // Area narrows the rows; with a descending sort it keeps the natural order reversed.
        await Filters(page).GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "East Rack" });
        await Expect(numbers).ToHaveTextAsync(new[] { "P-3", "P-10" });
        await Filters(page).GetByLabel("Sort", new() { Exact = true }).SelectOptionAsync("-number");
        await Expect(numbers).ToHaveTextAsync(new[] { "P-10", "P-3" });
        await Expect(page).ToHaveURLAsync(new Regex($"area={east}"));
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // The filters live in the address: a reload shows the same rows and choices.
        await page.ReloadAsync();
        await Expect(numbers).ToHaveTextAsync(new[] { "P-10", "P-3" });
        await Expect(Filters(page).GetByLabel("Area", new() { Exact = true })).ToHaveValueAsync(east.ToString());
        await Expect(Filters(page).GetByLabel("Sort", new() { Exact = true })).ToHaveValueAsync("-number");

        // "Not Assigned" and Clear.
        await Filters(page).GetByLabel("Area", new() { Exact = true }).SelectOptionAsync("none");
        await Expect(numbers).ToHaveTextAsync(new[] { "P-2", "P-1" });
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear", Exact = true }).ClickAsync();
        await Expect(numbers).ToHaveTextAsync(new[] { "P-1", "P-2", "P-3", "P-10" });
    });

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task TrackingJourney_PM_bulk_assigns_two_drawings_and_their_components_follow_TRK073_TRK074(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Bulk Yard"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        await EnsureTemplatesAsync(org);
        await SeedAreaAsync(org, "West Rack");
        var d1 = await SeedDrawingAsync(org, "D-1", null, 0);
        var d2 = await SeedDrawingAsync(org, "D-2", null, 0);
        var d3 = await SeedDrawingAsync(org, "D-3", null, 0);
        var system = $"Steam {Guid.NewGuid().ToString("N")[..4]}";

        var page = await NewPageAsync(viewport, "pm");
        await SignInAsync(page, pm.Email, pm.Password, $"/projects/{org.ProjectId}/drawings");
        await Expect(page.GetByTestId("drawing-number")).ToHaveTextAsync(new[] { "D-1", "D-2", "D-3" });
        var bulk = page.GetByTestId("bulk-form");
        await Expect(bulk.GetByTestId("bulk-submit")).ToBeDisabledAsync();

        await page.GetByLabel("Select D-1", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Select D-3", new() { Exact = true }).CheckAsync();
        await Expect(page.GetByTestId("bulk-count")).ToHaveTextAsync("(2 selected)");
        await bulk.Locator("#bulkArea").SelectOptionAsync(new SelectOptionValue { Label = "West Rack" });
        await bulk.Locator("#bulkSystem").SelectOptionAsync(new SelectOptionValue { Label = "Create new…" });
        await bulk.GetByLabel("New system name").FillAsync(system);
        await ExpectNoSidewaysScrollAsync(page, viewport);
        await bulk.GetByTestId("bulk-submit").ClickAsync();

        // Back on the list: the two drawings carry the area and the new system, the third does not.
        await Expect(page.GetByTestId("flash")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("bulk-error")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("drawing-number")).ToHaveTextAsync(new[] { "D-1", "D-2", "D-3" });
        if (viewport == Viewports.Desktop)
        {
            await Expect(Row(page, d1).GetByTestId("drawing-area")).ToHaveTextAsync("West Rack");
            await Expect(Row(page, d1).GetByTestId("drawing-system")).ToHaveTextAsync(system);
            await Expect(Row(page, d3).GetByTestId("drawing-area")).ToHaveTextAsync("West Rack");
            await Expect(Row(page, d2).GetByTestId("drawing-area")).ToHaveTextAsync("—");
            await Expect(Row(page, d2).GetByTestId("drawing-system")).ToHaveTextAsync("—");

            // Expanded, the drawing's components show the propagated area and system (TRK-073).
            await Row(page, d1).GetByTestId("expand-drawing").ClickAsync();
            var components = page.Locator($"#drawing-components-{d1}");
            await Expect(components.GetByTestId("component-row")).ToHaveCountAsync(1);
            await Expect(components.GetByTestId("component-row")).ToContainTextAsync("West Rack");
            await Expect(components.GetByTestId("component-row")).ToContainTextAsync(system);
        }

        // At any width: the area filter now finds exactly those two drawings.
        await Filters(page).GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "West Rack" });
        await Expect(page.GetByTestId("drawing-number")).ToHaveTextAsync(new[] { "D-1", "D-3" });
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // A component of D-3 shows the area, inherited from its drawing.
        await Row(page, d3).GetByTestId("expand-drawing").ClickAsync();
        var d3Components = page.Locator($"#drawing-components-{d3}");
        await d3Components.GetByTestId("component-identity").First.ClickAsync();
        await Expect(page.GetByTestId("metadata-area")).ToContainTextAsync("West Rack");
        await Expect(page.GetByTestId("metadata-system")).ToContainTextAsync(system);
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // The drawing page agrees.
        await page.GotoAsync($"/projects/{org.ProjectId}/drawings/{d3}");
        await Expect(page.GetByTestId("fact-area")).ToHaveTextAsync("West Rack");
        await Expect(page.GetByTestId("fact-system")).ToHaveTextAsync(system);
        await page.GotoAsync($"/projects/{org.ProjectId}/drawings/{d2}");
        await Expect(page.GetByTestId("fact-area")).ToHaveTextAsync("—");
    });

    private static ILocator Filters(IPage page) => page.GetByTestId("drawing-filters");

    private static ILocator Row(IPage page, Guid drawingId) => page.Locator($"tr[data-testid='drawing-row'][data-drawing-id='{drawingId}']");

    [GeneratedRegex(@"/projects/[0-9a-fA-F-]{36}/imports/[0-9a-fA-F-]{36}$")]
    private static partial Regex ImportDetailUrl();

    private Task EnsureTemplatesAsync(SeededOrg org) => App.WithDbAsync(async db =>
    {
        var project = await db.Projects.SingleAsync(p => p.Id == org.ProjectId);
        if (!await db.ProjectTemplateRows.AnyAsync(r => r.ProjectId == project.Id))
        {
            ProjectTemplates.CopyDefaults(db, project);
            await db.SaveChangesAsync();
        }
        return true;
    }, org.Id);

    private Task<Guid> SeedAreaAsync(SeededOrg org, string name) => App.WithDbAsync(async db =>
    {
        var area = new Area { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId, Name = name };
        db.Areas.Add(area);
        await db.SaveChangesAsync();
        return area.Id;
    }, org.Id);

    /// <summary>A drawing with one valve at <paramref name="percent"/> (the drawing's status follows it, TRK-050).</summary>
    private Task<Guid> SeedDrawingAsync(SeededOrg org, string number, Guid? areaId, decimal percent) => App.WithDbAsync(async db =>
    {
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId, Title = $"Line {number}", AreaId = areaId };
        drawing.SetNumber(number);
        db.Drawings.Add(drawing);
        db.Components.Add(new Component
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            ProjectId = org.ProjectId,
            Type = ComponentType.Valve,
            IdentityKey = ComponentIdentity.ForCounted(number, "GV-300", "2\"", 1),
            DrawingId = drawing.Id,
            AreaId = areaId,
            Percent = percent,
            Attributes = "{\"size\":\"2\\\"\",\"cmdty_code\":\"GV-300\"}",
            CreatedAt = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc),
        });
        await db.SaveChangesAsync();
        return drawing.Id;
    }, org.Id);
}
