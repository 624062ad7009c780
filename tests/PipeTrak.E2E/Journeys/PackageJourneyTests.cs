using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PipeTrak.E2E.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// Journeys (issue 5): (a) a project manager creates a test package from drawings on the new package
/// page (PKG-003/004) and its readiness (PKG-030: total, completed, average) equals the components page
/// and a recomputation from the component rows (PKG-033); (b) a hydrostatic package is walked through
/// every stage to FINAL (PKG-050..059): out-of-order actions are refused with the spec's messages
/// (PKG-053), missing sign-offs too (PKG-054), a foreman sees no stage actions and the server refuses
/// his crafted requests (PKG-061), then a QC inspector records the sign-offs and completes each stage;
/// the History tab lists the stage transitions with who did them.
/// </summary>
public sealed partial class PackageJourneyTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    private static readonly string[] HydroStages =
        ["Pre-Hydro Acceptance", "Test Acceptance", "Drain/Flush Acceptance", "Post-Hydro Acceptance", "Final Package Acceptance"];

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task PM_creates_a_package_from_drawings_and_its_readiness_equals_the_components(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Cooling Water"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        await SeedDrawingAsync(org, "PK-1", 100, 50);
        await SeedDrawingAsync(org, "PK-2", 100, 0, 25);
        await SeedDrawingAsync(org, "PK-3", 80);
        var projectUrl = $"/projects/{org.ProjectId}";
        var page = await NewPageAsync(viewport, "pm");
        await SignInAsync(page, pm.Email, pm.Password, $"{projectUrl}/packages/new");
        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}{projectUrl}/packages/new");

        await ExpectNoSidewaysScrollAsync(page, viewport);
        var form = page.GetByTestId("new-package-form");
        await form.GetByLabel("Package name", new() { Exact = true }).FillAsync("CW Loop 100");
        await form.GetByLabel("Test type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Hydrostatic Test" });
        await form.GetByLabel("Test pressure", new() { Exact = true }).FillAsync("150");
        var drawings = form.GetByTestId("candidate-drawings");
        await drawings.GetByRole(AriaRole.Checkbox, new() { NameRegex = DrawingName("PK-1") }).CheckAsync();
        await drawings.GetByRole(AriaRole.Checkbox, new() { NameRegex = DrawingName("PK-2") }).CheckAsync();
        // PKG-003 preview, live.
        await Expect(form.GetByTestId("package-preview")).ToHaveTextAsync("5 components from 2 drawings");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create package" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(PackageUrl());
        var packageId = Guid.Parse(PackageUrl().Match(page.Url).Groups[1].Value);
        await Expect(page.GetByTestId("package-title")).ToHaveTextAsync("CW Loop 100");
        await Expect(page.GetByTestId("flash")).ToHaveTextAsync("Package created with 5 component(s)");

        // PKG-030: members 100, 50, 100, 0, 25 → total 5, completed 2, average 55%.
        await Expect(page.GetByTestId("package-components")).ToHaveTextAsync("5 components");
        await Expect(page.GetByTestId("package-completed")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("package-progress")).ToHaveTextAsync("55%");
        await Expect(page.GetByTestId("package-member")).ToHaveCountAsync(5);
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // PKG-033: the same as a recomputation from the component rows ...
        var stored = await App.WithDbAsync(db => PackageQueries.Members(db, org.ProjectId, packageId).Select(c => c.Percent).ToListAsync(), org.Id);
        Assert.Equal(5, stored.Count);
        Assert.Equal(2, stored.Count(p => p >= 100));
        Assert.Equal(55m, Math.Round(stored.Average(), 0, MidpointRounding.AwayFromZero));

        // ... and as the components page filtered by this package (effective package, TRK-072).
        await page.GotoAsync($"{projectUrl}/components?package={packageId}");
        await Expect(page.GetByTestId("component-count")).ToHaveTextAsync("5 components");
        var percents = (await Content(page).Locator("td[data-testid='component-percent']").AllTextContentsAsync())
            .Select(t => decimal.Parse(t.Trim().TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, percents.Count);
        Assert.Equal(2, percents.Count(p => p >= 100));
        Assert.Equal(55m, Math.Round(percents.Average(), 0, MidpointRounding.AwayFromZero));
        Assert.Equal(stored.Order(), percents.Order());

        // The package list card agrees, and PK-3 (not chosen) is still free for another package.
        await page.GotoAsync($"{projectUrl}/packages");
        await Expect(Content(page).GetByTestId("package-card").Filter(new() { HasText = "CW Loop 100" })).ToContainTextAsync("55%");
        await ExpectNoSidewaysScrollAsync(page, viewport);
        await page.GotoAsync($"{projectUrl}/packages/new");
        await Expect(page.GetByTestId("candidate-drawings").GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("candidate-drawings")).ToContainTextAsync("PK-3");
    });

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task QC_walks_a_hydrostatic_package_to_FINAL_in_order_with_sign_offs_and_a_foreman_is_refused(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Steam"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        var qc = await App.CreateUserAsync(org.Id, OrgRole.QcInspector, "qc");
        var foreman = await App.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        await SeedDrawingAsync(org, "ST-1", 100, 100);
        var projectUrl = $"/projects/{org.ProjectId}";

        // The PM creates the hydrostatic package through the API with his session.
        var pmPage = await NewPageAsync(viewport, "pm");
        await SignInAsync(pmPage, pm.Email, pm.Password, $"{projectUrl}/packages");
        var created = await pmPage.Context.APIRequest.PostAsync($"/api/v1{projectUrl}/packages", new APIRequestContextOptions
        {
            DataObject = new { name = "Steam Loop 7", testType = "Hydrostatic Test", testPressure = 225m, pressureUnit = "PSIG" },
            MaxRedirects = 0,
        });
        Assert.True(created.Status == 201, $"POST packages answered {created.Status}: {await created.TextAsync()}");
        var packageId = (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();
        var packageUrl = $"{projectUrl}/packages/{packageId}";

        var page = await NewPageAsync(viewport, "qc");
        await SignInAsync(page, qc.Email, qc.Password, packageUrl);
        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}{packageUrl}");
        await Expect(page.GetByTestId("stage-name")).ToHaveTextAsync(HydroStages);
        await Expect(page.GetByTestId("package-state")).ToHaveTextAsync("DRAFT • Pre-Hydro Acceptance");
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // PKG-053: out of order, refused on the server with the spec's messages.
        await Stage(page, "Test Acceptance").GetByTestId("stage-start").ClickAsync();
        await Expect(page.GetByTestId("package-error")).ToHaveTextAsync(Workflow.StartOutOfOrderMessage);
        await Stage(page, "Drain/Flush Acceptance").GetByTestId("stage-complete").ClickAsync();
        await Expect(page.GetByTestId("package-error")).ToHaveTextAsync(Workflow.CompleteOutOfOrderMessage);
        await Expect(Stage(page, "Test Acceptance").GetByTestId("stage-status")).ToHaveTextAsync("Not started");
        await Expect(Stage(page, "Drain/Flush Acceptance").GetByTestId("stage-status")).ToHaveTextAsync("Not started");

        // PKG-061: a foreman sees no stage actions, and the server refuses him regardless.
        var foremanPage = await NewPageAsync(viewport, "foreman");
        await SignInAsync(foremanPage, foreman.Email, foreman.Password, packageUrl);
        await Expect(foremanPage.GetByTestId("package-title")).ToHaveTextAsync("Steam Loop 7");
        await Expect(foremanPage.GetByTestId("stage")).ToHaveCountAsync(5);
        await Expect(foremanPage.GetByTestId("stage-actions")).ToHaveCountAsync(0);
        await Expect(foremanPage.GetByTestId("signoffs-form")).ToHaveCountAsync(0);
        var first = await App.WithDbAsync(db => db.PackageStages.AsNoTracking().Where(s => s.PackageId == packageId).OrderBy(s => s.Number).FirstAsync(), org.Id);
        var pageStatus = await foremanPage.EvaluateAsync<int>(
            """
            async ([url, stageId, version]) => {
              const token = document.querySelector('meta[name="request-verification-token"]').content;
              const body = new URLSearchParams({ stageId, version, stageAction: 'start' });
              const response = await fetch(url + '?handler=Stage', {
                method: 'POST',
                headers: { 'RequestVerificationToken': token, 'Content-Type': 'application/x-www-form-urlencoded' },
                body,
                redirect: 'manual',
              });
              return response.status;
            }
            """,
            new[] { packageUrl, first.Id.ToString(), first.Version.ToString() });
        Assert.Equal(403, pageStatus);
        var api = await foremanPage.Context.APIRequest.PostAsync($"/api/v1{packageUrl}/stages/{first.Id}/complete", new APIRequestContextOptions
        {
            DataObject = new { version = first.Version },
            MaxRedirects = 0,
        });
        Assert.Equal(403, api.Status);
        var untouched = await App.WithDbAsync(db => db.PackageStages.AsNoTracking().SingleAsync(s => s.Id == first.Id), org.Id);
        Assert.Equal(StageStatus.NotStarted, untouched.Status);

        // PKG-054/055: each stage needs its sign-offs; the QC inspector records them and completes it, in order.
        await Stage(page, "Pre-Hydro Acceptance").GetByTestId("stage-start").ClickAsync();
        await Expect(Stage(page, "Pre-Hydro Acceptance").GetByTestId("stage-status")).ToHaveTextAsync("In progress");
        await Stage(page, "Pre-Hydro Acceptance").GetByTestId("stage-complete").ClickAsync();
        await Expect(page.GetByTestId("package-error")).ToHaveTextAsync("QC Representative sign-off is required");
        await SignOffAsync(page, viewport, "Pre-Hydro Acceptance", ("QC Representative", "Quinn Case"));
        await CompleteAsync(page, "Pre-Hydro Acceptance");

        await SignOffAsync(page, viewport, "Test Acceptance", ("QC Representative", "Quinn Case"));
        await Stage(page, "Test Acceptance").GetByTestId("stage-complete").ClickAsync();
        await Expect(page.GetByTestId("package-error")).ToHaveTextAsync("Client Representative sign-off is required");
        await SignOffAsync(page, viewport, "Test Acceptance", ("QC Representative", "Quinn Case"), ("Client Representative", "Carla Client"));
        await CompleteAsync(page, "Test Acceptance");

        await SignOffAsync(page, viewport, "Drain/Flush Acceptance", ("QC Representative", "Quinn Case"));
        await CompleteAsync(page, "Drain/Flush Acceptance");
        await SignOffAsync(page, viewport, "Post-Hydro Acceptance", ("QC Representative", "Quinn Case"));
        await CompleteAsync(page, "Post-Hydro Acceptance");
        await Expect(page.GetByTestId("package-state")).ToHaveTextAsync("DRAFT • Final Package Acceptance");

        await Stage(page, "Final Package Acceptance").GetByTestId("stage-complete").ClickAsync();
        await Expect(page.GetByTestId("package-error")).ToHaveTextAsync(
            "QC Representative, Client Representative and Manufacturer Representative sign-offs are required");
        await SignOffAsync(page, viewport, "Final Package Acceptance",
            ("QC Representative", "Quinn Case"), ("Client Representative", "Carla Client"), ("Manufacturer Representative", "Mo Maker"));
        await CompleteAsync(page, "Final Package Acceptance");

        // PKG-059: every stage completed → FINAL, workflow 100%.
        await Expect(page.GetByTestId("package-state")).ToHaveTextAsync("FINAL");
        await Expect(page.GetByTestId("package-workflow-percent")).ToHaveTextAsync("100%");
        await ExpectNoSidewaysScrollAsync(page, viewport);
        await Expect(page.GetByTestId("stage-status")).ToHaveTextAsync(Enumerable.Repeat("Completed", 5));
        await Expect(Stage(page, "Final Package Acceptance").GetByTestId("stage-signoffs")).ToContainTextAsync("Manufacturer Representative ✓ Mo Maker");
        await Expect(Stage(page, "Final Package Acceptance")).ToContainTextAsync($"by {qc.FullName}");

        // History (PKG-058): the transitions with who, newest first, and a link to project activity.
        var history = page.GetByTestId("history-entry");
        await Expect(history.First).ToHaveAttributeAsync("data-action", "stage_complete");
        await Expect(history.First.GetByTestId("history-summary")).ToHaveTextAsync("Complete Final Package Acceptance of Steam Loop 7");
        await Expect(history.First.GetByTestId("history-actor")).ToHaveTextAsync(qc.FullName);
        await Expect(history.First.GetByTestId("history-change")).ToHaveTextAsync(new Regex(@"Status:\s*Not started\s*→\s*Completed"));
        await Expect(history.Last).ToHaveAttributeAsync("data-action", "package_created");
        await Expect(history.Last.GetByTestId("history-actor")).ToHaveTextAsync(pm.FullName);
        await Expect(page.GetByTestId("project-activity-link")).ToHaveAttributeAsync("href", $"{projectUrl}/dashboard#dashboard-activity");

        // The foreman, reloading, sees FINAL too (viewing: everyone).
        await foremanPage.ReloadAsync();
        await Expect(foremanPage.GetByTestId("package-state")).ToHaveTextAsync("FINAL");
    });

    private static ILocator Stage(IPage page, string name) => page.Locator($"[data-testid=stage][data-stage='{name}']");

    /// <summary>Opens the stage's "Sign-offs and data", fills each representative's name and today's date, saves.</summary>
    private async Task SignOffAsync(IPage page, string viewport, string stage, params (string Role, string Name)[] signOffs)
    {
        var li = Stage(page, stage);
        await li.Locator("summary").Filter(new() { HasText = "Sign-offs and data" }).ClickAsync();
        var form = li.GetByTestId("signoffs-form");
        await Expect(form).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(page, viewport);
        foreach (var (role, name) in signOffs)
        {
            await form.GetByLabel($"{role} name").FillAsync(name);
            var date = form.GetByLabel($"{role} date");
            // PKG-055: not in the future; the input's max is the project's today.
            await date.FillAsync((await date.GetAttributeAsync("max"))!);
        }
        await form.GetByRole(AriaRole.Button, new() { Name = "Save sign-offs" }).ClickAsync();
        await Expect(page.GetByTestId("package-message")).ToHaveTextAsync($"{stage} saved");
        await Expect(page.GetByTestId("package-error")).ToHaveCountAsync(0);
    }

    private static async Task CompleteAsync(IPage page, string stage)
    {
        await Stage(page, stage).GetByTestId("stage-complete").ClickAsync();
        await Expect(page.GetByTestId("package-error")).ToHaveCountAsync(0);
        await Expect(Stage(page, stage).GetByTestId("stage-status")).ToHaveTextAsync("Completed");
    }

    private async Task SeedDrawingAsync(SeededOrg org, string number, params decimal[] percents) => await App.WithDbAsync(async db =>
    {
        var project = await db.Projects.SingleAsync(p => p.Id == org.ProjectId);
        if (!await db.ProjectTemplateRows.AnyAsync(r => r.ProjectId == project.Id))
        {
            ProjectTemplates.CopyDefaults(db, project);
        }
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = project.Id, Title = $"Loop drawing {number}" };
        drawing.SetNumber(number);
        db.Drawings.Add(drawing);
        var seq = 0;
        foreach (var percent in percents)
        {
            seq++;
            db.Components.Add(new Component
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                ProjectId = project.Id,
                Type = ComponentType.Valve,
                IdentityKey = ComponentIdentity.ForCounted(number, "GV-300", "2", seq),
                DrawingId = drawing.Id,
                Attributes = "{\"size\":\"2\",\"cmdty_code\":\"GV-300\"}",
                Percent = percent,
                CreatedAt = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc),
            });
        }
        await db.SaveChangesAsync();
        return drawing.Id;
    }, org.Id);

    private static Regex DrawingName(string number) => new($"^{Regex.Escape(number)}\\b");

    [GeneratedRegex(@"/packages/([0-9a-fA-F-]{36})(#.*)?$")]
    private static partial Regex PackageUrl();
}
