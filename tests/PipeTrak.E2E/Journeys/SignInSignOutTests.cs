using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PipeTrak.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// Journey (b), PPL-010/014/015: a seeded owner signs in and lands on the project dashboard, signs
/// out (the server session ends, protected pages go back to sign-in), and signs in again.
/// </summary>
public sealed class SignInSignOutTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task Owner_signs_in_to_the_dashboard_signs_out_and_signs_in_again(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(projectName: AppHost.Unique("North Rack Piping"));
        var page = await NewPageAsync(viewport, "owner");

        await page.GotoAsync("/account/sign-in");
        await SubmitSignInAsync(page, org.Owner.Email, org.Owner.Password);

        // PPL-015: the owner lands on the dashboard of the (only, hence newest) project.
        await Expect(page).ToHaveURLAsync(new Regex($"/projects/{org.ProjectId}/dashboard/?$", RegexOptions.IgnoreCase));
        await Expect(Content(page)).ToContainTextAsync(org.ProjectName);
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // PPL-014: sign out ends the session; protected pages then redirect to sign-in.
        if (viewport == Viewports.Mobile)
        {
            // On a phone the sign-out button sits in the top bar, reachable without opening the menu.
            await Expect(page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        }
        await SignOutAsync(page);
        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(SignInUrl());
        Assert.Contains("returnUrl=%2Fprojects", page.Url, StringComparison.OrdinalIgnoreCase);

        // Signing in again works and honours the return URL.
        await SubmitSignInAsync(page, org.Owner.Email, org.Owner.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/projects/?$"));
        await ExpectSignedInAsync(page);
    });
}
