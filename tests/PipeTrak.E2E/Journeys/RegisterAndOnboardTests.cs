using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PipeTrak.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// Journey (a), PPL-001/003/004/015: a stranger registers, confirms the email from the real SMTP
/// mail, is signed in, creates the organization and first project, and lands on its dashboard.
/// </summary>
public sealed partial class RegisterAndOnboardTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task Register_verify_email_onboard_and_land_on_the_project_dashboard(string viewport) => JourneyAsync(viewport, async () =>
    {
        var email = App.UniqueEmail("newcomer");
        var fullName = "Riley Newcomer";
        var organization = AppHost.Unique("Gulf Coast Piping");
        var project = AppHost.Unique("Unit 7 Tie-ins");
        var page = await NewPageAsync(viewport, "newcomer");

        // PPL-001 register.
        await page.GotoAsync("/account/register");
        await ExpectNoSidewaysScrollAsync(page, viewport);
        var form = page.Locator("main form[method='post']:has(input[name='Input.ConfirmPassword'])");
        await form.GetByLabel("Full name").FillAsync(fullName);
        await form.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync(AppHost.Password);
        await form.GetByLabel("Confirm password").FillAsync(AppHost.Password);
        await form.GetByLabel(TermsLabel()).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { NameRegex = RegisterButton() }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/check-email"));
        await Expect(Content(page)).ToContainTextAsync("Check your email");
        await Expect(Content(page)).ToContainTextAsync(email);
        await ExpectNoSidewaysScrollAsync(page, viewport);

        // PPL-003: the verification mail went out over SMTP; its link verifies and signs in.
        var link = await App.Mail.WaitForLinkAsync(email, "/account/verify");
        Assert.StartsWith(App.BaseUrl + "/account/verify?token=", link, StringComparison.Ordinal);
        await page.GotoAsync(link);

        // PPL-015/004: no organization yet, so the landing page sends the user to onboarding.
        await Expect(page).ToHaveURLAsync(new Regex("/onboarding"));
        await ExpectSignedInAsync(page);
        var onboarding
         = page.Locator("main form[method='post']:has(input[name='Input.OrganizationName'])");
        await onboarding.GetByLabel("Organization name").FillAsync(organization);
        await onboarding.GetByLabel("Project name").FillAsync(project);
        var description = onboarding.Locator("[name='Input.ProjectDescription']");
        await description.FillAsync("Hydrotest tie-ins for unit 7");
        await onboarding.GetByRole(AriaRole.Button, new() { NameRegex = OnboardingButton() }).ClickAsync();

        await Expect(page).ToHaveURLAsync(DashboardUrl());
        await Expect(Content(page)).ToContainTextAsync(project);
        await ExpectSignedInAsync(page);
        await ExpectNoSidewaysScrollAsync(page, viewport);
    });

    [GeneratedRegex("accept the terms", RegexOptions.IgnoreCase)]
    private static partial Regex TermsLabel();

    [GeneratedRegex("^(create( an| my)? account|register|sign up)$", RegexOptions.IgnoreCase)]
    private static partial Regex RegisterButton();

    [GeneratedRegex("^(create|continue|get started|save)", RegexOptions.IgnoreCase)]
    private static partial Regex OnboardingButton();
}
