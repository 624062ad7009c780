using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PipeTrak.E2E.Infrastructure;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// Journey (issue 4): a project manager adds two welders, then takes a weld on a drawing through its
/// life: assign welder and date (WLD-020, 70%) → NDE FAIL (WLD-031: rejected, credited 100%, WLD-003) →
/// repair weld (WLD-040/041/043: "{number}.1", Fit-up only, 10%) → assign the repair's welder → NDE PASS
/// (accepted, 100%). The weld log lists both, and its welder + status filters (WLD-081) live in the URL,
/// so a reload keeps the filters and the results.
/// </summary>
public sealed partial class WeldJourneyTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task PM_takes_a_weld_through_NDE_fail_and_repair_to_accepted_and_the_log_filters_survive_a_reload(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Pipe Rack"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        var drawingId = await SeedDrawingAsync(org, "WD-100");
        var projectUrl = $"/projects/{org.ProjectId}";
        var page = await NewPageAsync(viewport, "pm");
        await SignInAsync(page, pm.Email, pm.Password, $"{projectUrl}/welders");
        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}{projectUrl}/welders");

        // Two welders through the welders page (WLD-010/011).
        await AddWelderAsync(page, "js-01", "Jo Smith");
        await AddWelderAsync(page, "KL-02", "Kim Lee");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // The weld on the drawing, created through the app's API with the PM's session (WLD-050).
        var created = await page.Context.APIRequest.PostAsync($"/api/v1{projectUrl}/welds", new APIRequestContextOptions
        {
            DataObject = new { drawingId, weldType = "BW", size = "2", spec = "CS-150", schedule = "40" },
            MaxRedirects = 0,
        });
        Assert.True(created.Status == 201, $"POST welds answered {created.Status}: {await created.TextAsync()}");
        var weld = (await created.JsonAsync())!.Value.GetProperty("weld");
        var weldId = weld.GetProperty("id").GetGuid();
        var number = weld.GetProperty("number").GetString()!;
        var repairNumber = number + ".1";

        await page.GotoAsync($"{projectUrl}/welds/{weldId}");
        await Expect(page.GetByTestId("weld-title")).ToHaveTextAsync($"Weld {number}");
        await ExpectWeldAsync(page, "active", "0%");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // WLD-020: welder and date → Fit-up and Weld Complete at 100 = 70%.
        await AssignAsync(page, "JS-01 – Jo Smith");
        await Expect(page.GetByTestId("weld-detail-welder")).ToContainTextAsync("JS-01");
        await ExpectWeldAsync(page, "active", "70%");

        // WLD-030/031: NDE FAIL → rejected and credited 100% (WLD-003).
        await RecordNdeAsync(page, "RT", "FAIL");
        await ExpectWeldAsync(page, "rejected", "100%");
        await Expect(page.GetByTestId("weld-detail-nde")).ToContainTextAsync("RT FAIL");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // WLD-040..043: the repair opens on its own page, "{number}.1", linked to the original, Fit-up only (10%).
        await page.GetByRole(AriaRole.Button, new() { NameRegex = CreateRepair() }).ClickAsync();
        await Expect(page.GetByTestId("weld-title")).ToHaveTextAsync($"Weld {repairNumber}");
        await ExpectWeldAsync(page, "active", "10%");
        await Expect(Content(page).GetByRole(AriaRole.Link, new() { Name = number, Exact = true })).ToBeVisibleAsync();
        var repairUrl = page.Url;

        // The repair: its own welder, then NDE PASS → accepted 100%.
        await AssignAsync(page, "KL-02 – Kim Lee");
        await ExpectWeldAsync(page, "active", "70%");
        await RecordNdeAsync(page, "RT", "PASS");
        await ExpectWeldAsync(page, "accepted", "100%");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // The original stays rejected at 100% and now points at its repair (WLD-034 lock: no Record NDE, no second repair).
        await Content(page).GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("weld-title")).ToHaveTextAsync($"Weld {number}");
        await ExpectWeldAsync(page, "rejected", "100%");
        await Expect(page.GetByTestId("repair-link")).ToHaveTextAsync(repairNumber);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = CreateRepair() })).ToHaveCountAsync(0);

        // The weld log shows both (WLD-080).
        await page.GotoAsync($"{projectUrl}/welds");
        var rows = Content(page).GetByTestId("weld-row");
        await Expect(rows).ToHaveCountAsync(2);
        await ExpectLogRowAsync(page, number, "rejected", "100%");
        await ExpectLogRowAsync(page, repairNumber, "accepted", "100%");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // WLD-081: welder + status filters combine (AND) and are kept in the URL.
        var filters = page.GetByTestId("weld-filters");
        await OpenFiltersAsync(page, filters);
        await filters.GetByLabel("Welder", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "KL-02 – Kim Lee" });
        await Expect(page).ToHaveURLAsync(new Regex("[?&]welder="));
        await filters.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("rejected");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]status=rejected"));
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(Content(page).GetByTestId("weld-log-empty")).ToBeVisibleAsync();
        await filters.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("accepted");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]status=accepted"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.GetByTestId("weld-number")).ToHaveTextAsync(repairNumber);
        var filteredUrl = page.Url;
        Assert.Contains("welder=", filteredUrl, StringComparison.Ordinal);

        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(filteredUrl);
        filters = page.GetByTestId("weld-filters");
        await Expect(filters.GetByLabel("Status", new() { Exact = true })).ToHaveValueAsync("accepted");
        await Expect(filters.GetByLabel("Welder", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("KL-02 – Kim Lee");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.GetByTestId("weld-number")).ToHaveTextAsync(repairNumber);
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // The filtered row opens the repair.
        await rows.First.GetByTestId("weld-number").ClickAsync();
        await Expect(page).ToHaveURLAsync(repairUrl);
        await ExpectWeldAsync(page, "accepted", "100%");
    });

    private static async Task AddWelderAsync(IPage page, string stencil, string name)
    {
        var form = page.GetByTestId("add-welder-form");
        await form.GetByLabel("Stencil").FillAsync(stencil);
        await form.GetByLabel("Name").FillAsync(name);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = AddWelder() }).ClickAsync();
        // WLD-010: stored upper-cased.
        await Expect(Content(page).GetByTestId("welder-stencil").Filter(new() { HasTextRegex = Whole(stencil.ToUpperInvariant()) })).ToHaveCountAsync(1);
    }

    private static async Task AssignAsync(IPage page, string welderLabel)
    {
        var form = page.GetByTestId("assign-form");
        await form.GetByLabel("Welder", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = welderLabel });
        // The date welded defaults to today (not in the future, WLD-020).
        await Expect(form.GetByLabel("Date welded")).Not.ToHaveValueAsync("");
        await form.GetByRole(AriaRole.Button, new() { NameRegex = AssignWelder() }).ClickAsync();
        await Expect(page.GetByTestId("assign-form")).ToHaveCountAsync(0);
    }

    private static async Task RecordNdeAsync(IPage page, string type, string result)
    {
        var form = page.GetByTestId("nde-form");
        await form.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync(type);
        await form.GetByLabel("Result", new() { Exact = true }).SelectOptionAsync(result);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = RecordNde() }).ClickAsync();
        await Expect(page.GetByTestId("nde-form")).ToHaveCountAsync(0);
    }

    private static async Task ExpectWeldAsync(IPage page, string status, string percent)
    {
        await Expect(page.GetByTestId("weld-detail-status")).ToHaveTextAsync(status);
        await Expect(page.GetByTestId("weld-detail-percent")).ToHaveTextAsync(percent);
    }

    /// <summary>At 390 px the status and progress columns are hidden (WLD-084); their text is still the row's.</summary>
    private static async Task ExpectLogRowAsync(IPage page, string number, string status, string percent)
    {
        var row = Content(page).GetByTestId("weld-row").Filter(new() { Has = page.GetByTestId("weld-number").Filter(new() { HasTextRegex = Whole(number) }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("weld-status")).ToHaveTextAsync(status);
        await Expect(row.GetByTestId("weld-percent")).ToHaveTextAsync(percent);
    }

    /// <summary>A small screen may fold the filters behind a toggle; open it when there is one.</summary>
    private static async Task OpenFiltersAsync(IPage page, ILocator filters)
    {
        if (await filters.GetByLabel("Welder", new() { Exact = true }).IsVisibleAsync())
        {
            return;
        }
        var toggle = Content(page).GetByRole(AriaRole.Button, new() { NameRegex = FiltersToggle() })
            .Or(Content(page).Locator("summary").Filter(new() { HasTextRegex = FiltersToggle() }));
        await toggle.First.ClickAsync();
        await Expect(filters.GetByLabel("Welder", new() { Exact = true })).ToBeVisibleAsync();
    }

    private async Task<Guid> SeedDrawingAsync(SeededOrg org, string number) => await App.WithDbAsync(async db =>
    {
        var project = await db.Projects.SingleAsync(p => p.Id == org.ProjectId);
        if (!await db.ProjectTemplateRows.AnyAsync(r => r.ProjectId == project.Id))
        {
            ProjectTemplates.CopyDefaults(db, project);
        }
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = project.Id, Title = "Pipe rack welds" };
        drawing.SetNumber(number);
        db.Drawings.Add(drawing);
        await db.SaveChangesAsync();
        return drawing.Id;
    }, org.Id);

    private static Regex Whole(string text) => new($"^{Regex.Escape(text)}$");

    [GeneratedRegex("^add welder$", RegexOptions.IgnoreCase)]
    private static partial Regex AddWelder();

    [GeneratedRegex("^assign welder$", RegexOptions.IgnoreCase)]
    private static partial Regex AssignWelder();

    [GeneratedRegex("^record nde$", RegexOptions.IgnoreCase)]
    private static partial Regex RecordNde();

    [GeneratedRegex("^create repair", RegexOptions.IgnoreCase)]
    private static partial Regex CreateRepair();

    [GeneratedRegex("filter", RegexOptions.IgnoreCase)]
    private static partial Regex FiltersToggle();
}
