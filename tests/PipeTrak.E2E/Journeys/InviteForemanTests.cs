using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PipeTrak.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// Journey (c), PPL-050..055, PPL-060, PPL-040/041: the owner invites a foreman from the team page,
/// the invitation arrives over SMTP, the invitee registers from the link in a separate browser,
/// sees the team page read-only, and the server refuses the foreman's invite attempts (page
/// handler and API) with 403: hiding is never the protection.
/// </summary>
public sealed partial class InviteForemanTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task Owner_invites_a_foreman_who_joins_and_cannot_manage_the_team(string viewport) => JourneyAsync(viewport, async () =>
    {
        var org = await App.CreateOrganizationAsync(AppHost.Unique("Bayou Mechanical"));
        var inviteeEmail = App.UniqueEmail("foreman");
        var inviteeName = "Sam Foreman";

        // The owner invites from the team page (PPL-050, PPL-053 feedback).
        var owner = await NewPageAsync(viewport, "owner");
        await SignInAsync(owner, org.Owner.Email, org.Owner.Password);
        await owner.GotoAsync("/team");
        await Expect(owner.GetByText("Add Team Member").First).ToBeVisibleAsync();
        await ExpectNoSidewaysScrollAsync(owner, viewport);
        // "Add Team Member" is either an always-open section or a button/link that opens the form.
        if (await AddTeamMemberButton(owner).Filter(new() { Visible = true }).CountAsync() > 0)
        {
            await AddTeamMemberButton(owner).Filter(new() { Visible = true }).First.ClickAsync();
        }
        var invite = InviteForm(owner).Filter(new() { Visible = true }).First;
        await invite.GetByLabel("Email").FillAsync(inviteeEmail);
        var role = invite.GetByLabel("Role", new() { Exact = true });
        if (await role.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await role.SelectOptionAsync(new SelectOptionValue { Label = "Foreman" });
        }
        else
        {
            await invite.GetByLabel("Foreman", new() { Exact = true }).CheckAsync();
        }
        await invite.GetByRole(AriaRole.Button, new() { NameRegex = InviteButton() }).ClickAsync();
        await Expect(owner.GetByText($"Invitation sent to {inviteeEmail}").First).ToBeVisibleAsync();

        // PPL-052: the mail arrives over SMTP with the accept link.
        var mail = await App.Mail.WaitForAsync(inviteeEmail, m => (m.TextBody ?? "").Contains("/accept-invitation", StringComparison.Ordinal));
        Assert.Equal($"You've been invited to join {org.Name} on PipeTrak", mail.Subject);
        var link = SmtpSink.LinkIn(mail, "/accept-invitation?token=");
        Assert.StartsWith(App.BaseUrl + "/accept-invitation?token=", link, StringComparison.Ordinal);

        // PPL-054/055: the invitee, in a browser of their own, registers from the link.
        var foreman = await NewPageAsync(viewport, "foreman");
        await foreman.GotoAsync(link);
        await Expect(Content(foreman)).ToContainTextAsync($"You've been invited to join {org.Name} as Foreman");
        await ExpectNoSidewaysScrollAsync(foreman, viewport);
        var accept = foreman.Locator("main form[method='post']:has([name='Input.ConfirmPassword'])");
        var fixedEmail = accept.GetByLabel("Email", new() { Exact = true });
        await Expect(fixedEmail).ToHaveValueAsync(inviteeEmail);
        await Expect(fixedEmail).Not.ToBeEditableAsync();
        await accept.GetByLabel("Full name").FillAsync(inviteeName);
        await accept.GetByLabel("Password", new() { Exact = true }).FillAsync(AppHost.Password);
        await accept.GetByLabel("Confirm password").FillAsync(AppHost.Password);
        await accept.GetByLabel(TermsLabel()).CheckAsync();
        await accept.GetByRole(AriaRole.Button, new() { NameRegex = AcceptButton() }).ClickAsync();
        await Expect(foreman).Not.ToHaveURLAsync(new Regex("/accept-invitation"));
        await ExpectSignedInAsync(foreman);

        // PPL-060: the team page is read-only below admin.
        await foreman.GotoAsync("/team");
        await Expect(Content(foreman)).ToContainTextAsync(org.Owner.Email);
        await Expect(Content(foreman)).ToContainTextAsync(inviteeEmail);
        // PPL-055: a member with the invited role.
        var ownRow = Content(foreman).GetByTestId("member-row").Filter(new() { HasText = inviteeEmail });
        await Expect(ownRow.GetByTestId("role-badge")).ToHaveTextAsync("Foreman");
        await Expect(ownRow).ToContainTextAsync(inviteeName);
        await ExpectNoSidewaysScrollAsync(foreman, viewport);
        await Expect(foreman.GetByText("Add Team Member")).ToHaveCountAsync(0);
        await Expect(InviteForm(foreman)).ToHaveCountAsync(0);
        await Expect(Content(foreman).GetByRole(AriaRole.Button, new() { NameRegex = RemoveControl() })).ToHaveCountAsync(0);
        await Expect(Content(foreman).GetByRole(AriaRole.Button, new() { NameRegex = ChangeRoleControl() })).ToHaveCountAsync(0);
        await Expect(Content(foreman).GetByRole(AriaRole.Link, new() { NameRegex = ChangeRoleControl() })).ToHaveCountAsync(0);
        await Expect(Content(foreman).Locator("[name='Role'], [name='UserId'], [name='InvitationId']")).ToHaveCountAsync(0);

        // PPL-041: the server refuses, whatever the UI shows. Page handler, with a valid antiforgery token:
        var pageStatus = await foreman.EvaluateAsync<int>(
            """
            async (email) => {
              const token = document.querySelector('meta[name="request-verification-token"]').content;
              const body = new URLSearchParams({ 'Input.Email': email, 'Input.Role': 'viewer', 'Input.Message': '' });
              const response = await fetch('/team?handler=Invite', {
                method: 'POST',
                headers: { 'RequestVerificationToken': token, 'Content-Type': 'application/x-www-form-urlencoded' },
                body,
                redirect: 'manual',
              });
              return response.status;
            }
            """,
            App.UniqueEmail("sneaky"));
        Assert.Equal(403, pageStatus);

        // ... and the API with the foreman's session cookie.
        var api = await foreman.Context.APIRequest.PostAsync("/api/v1/invitations", new APIRequestContextOptions
        {
            DataObject = new { email = App.UniqueEmail("sneaky-api"), role = "viewer", message = "" },
            MaxRedirects = 0,
        });
        Assert.Equal(403, api.Status);
        var problem = await api.JsonAsync();
        Log($"API refusal: {problem?.GetRawText()}");
        Assert.Equal(JsonValueKind.Object, problem?.ValueKind);
        Assert.StartsWith("You don't have permission to", problem!.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
    });

    private static ILocator AddTeamMemberButton(IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Add Team Member" })
            .Or(page.GetByRole(AriaRole.Link, new() { Name = "Add Team Member" }));

    private static ILocator InviteForm(IPage page) =>
        page.GetByTestId("invite-form").Or(page.Locator("form:has([name='Input.Email']):has([name='Input.Role'])"));

    [GeneratedRegex("accept the terms", RegexOptions.IgnoreCase)]
    private static partial Regex TermsLabel();

    [GeneratedRegex("^(send|invite|add)", RegexOptions.IgnoreCase)]
    private static partial Regex InviteButton();

    [GeneratedRegex("^(accept|join|create)", RegexOptions.IgnoreCase)]
    private static partial Regex AcceptButton();

    [GeneratedRegex("^remove", RegexOptions.IgnoreCase)]
    private static partial Regex RemoveControl();

    [GeneratedRegex("change role", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeRoleControl();
}
