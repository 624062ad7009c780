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
/// Journey: a project manager opens the component list, ticks Receive (TRK-040): the row's percent and
/// the drawing's progress (TRK-050) change in place without a reload; then lowers it again, which asks
/// for a rollback reason (TRK-042).
/// </summary>
public sealed class MilestoneJourneyTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task PM_ticks_Receive_and_progress_updates_in_place_then_lowers_it_with_a_reason(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("Tank Farm"));
        var pm = await App.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        var (drawingId, valveId) = await SeedAsync(org);
        var page = await NewPageAsync(viewport, "pm");
        await SignInAsync(page, pm.Email, pm.Password, $"/projects/{org.ProjectId}/components");
        await Expect(page).ToHaveURLAsync($"{App.BaseUrl}/projects/{org.ProjectId}/components");

        var row = page.Locator($"#component-{valveId}");
        var drawingProgress = page.Locator($"#drawing-progress-{drawingId}");
        await Expect(row.GetByTestId("component-identity")).ToHaveTextAsync("GV-150 3/4\" 1 of 2");
        await Expect(drawingProgress).ToHaveTextAsync("0/2 • 0%");
        await ExpectNoSidewaysScrollAsync(page, viewport);
        // A marker on the window survives only if the page is not reloaded.
        await page.EvaluateAsync("() => { window.__noReload = true; }");

        await row.Locator("[data-milestone='Receive'] label").ClickAsync();
        await Expect(row.Locator("td[data-testid='component-percent']")).ToHaveTextAsync("10%");
        await Expect(drawingProgress).ToHaveTextAsync("0/2 • 5%");
        await Expect(row.Locator("[data-milestone='Receive'] input[type='checkbox']")).ToBeCheckedAsync();

        // Lowering asks for a reason in place (TRK-042).
        await row.Locator("[data-milestone='Receive'] label").ClickAsync();
        var rollback = row.GetByTestId("rollback-form");
        await Expect(rollback).ToBeVisibleAsync();
        await Expect(row.GetByTestId("milestone-error")).ToHaveTextAsync("A reason is required to lower a milestone");
        await ExpectNoSidewaysScrollAsync(page, viewport);
        await rollback.GetByLabel("Reason").SelectOptionAsync("qc_rejection");
        await rollback.GetByRole(AriaRole.Button, new() { Name = "Lower Receive" }).ClickAsync();
        await Expect(row.GetByTestId("rollback-form")).ToHaveCountAsync(0);
        await Expect(row.Locator("td[data-testid='component-percent']")).ToHaveTextAsync("0%");
        await Expect(drawingProgress).ToHaveTextAsync("0/2 • 0%");
        await Expect(row.Locator("[data-milestone='Receive'] input[type='checkbox']")).Not.ToBeCheckedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"));

        // The history on the component page shows both changes, newest first.
        await row.GetByTestId("component-identity").ClickAsync();
        await Expect(page.GetByTestId("history-item")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("history-item").First).ToHaveAttributeAsync("data-action", "rollback");
        await ExpectNoSidewaysScrollAsync(page, viewport);
    });

    private async Task<(Guid DrawingId, Guid ValveId)> SeedAsync(SeededOrg org) => await App.WithDbAsync(async db =>
    {
        var project = await db.Projects.SingleAsync(p => p.Id == org.ProjectId);
        if (!await db.ProjectTemplateRows.AnyAsync(r => r.ProjectId == project.Id))
        {
            ProjectTemplates.CopyDefaults(db, project);
        }
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = project.Id, Title = "Tank farm piping" };
        drawing.SetNumber("ISO-22");
        db.Drawings.Add(drawing);
        Guid first = Guid.Empty;
        foreach (var seq in new[] { 1, 2 })
        {
            var component = new Component
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                ProjectId = project.Id,
                Type = ComponentType.Valve,
                IdentityKey = ComponentIdentity.ForCounted("ISO-22", "GV-150", "3/4\"", seq),
                DrawingId = drawing.Id,
                Attributes = "{\"size\":\"3/4\\\"\",\"cmdty_code\":\"GV-150\"}",
                CreatedAt = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc),
            };
            db.Components.Add(component);
            if (seq == 1)
            {
                first = component.Id;
            }
        }
        await db.SaveChangesAsync();
        return (drawing.Id, first);
    }, org.Id);
}
