using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Team;

/// <summary>PPL-050..056: invitations end to end through the team page, the link and the accept form.</summary>
public abstract class InvitationTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL050_to_055_invite_email_accept_as_new_user_signs_in_as_member_with_role()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("invitee");

        var response = await owner.InviteAsync("  " + email.ToUpperInvariant() + " ", "qc_inspector", "Bring your stamp");

        Assert.True(response.IsRedirectTo("/team"), $"{(int)response.StatusCode}");
        Assert.Equal($"Invitation sent to {email}", await owner.FlashAsync());
        var invitation = await factory.InvitationAsync(org.Id, email);
        Assert.Equal(InvitationStatus.Pending, invitation.Status);
        Assert.Equal(invitation.CreatedAt.AddDays(7), invitation.ExpiresAt);
        Assert.Equal(64, invitation.TokenHash.Length);

        var mail = factory.Mail.LastTo(email);
        Assert.Equal($"You've been invited to join {org.Name} on PipeTrak", mail.Subject);
        Assert.Contains($"{org.Owner.FullName} has invited you to join {org.Name} on PipeTrak as QC Inspector.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bring your stamp", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"This invitation expires on {invitation.ExpiresAt.ToString("MMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)}.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"This invitation was sent to {email}. If you were not expecting it, you can ignore this email.", mail.TextBody, StringComparison.Ordinal);
        var link = factory.Mail.LinkIn(email, "/accept-invitation");
        Assert.StartsWith("http://localhost/accept-invitation?token=", link, StringComparison.Ordinal);
        var token = TeamTestSupport.TokenFrom(link);
        Assert.Equal(43, token.Length);
        Assert.Equal(PipeTrak.Web.Infrastructure.Security.SecureToken.Hash(token), invitation.TokenHash);

        using var invitee = factory.NewClient();
        var (page, doc) = await invitee.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal($"You've been invited to join {org.Name} as QC Inspector", doc.QuerySelector("[data-testid=invitation-message]")!.TextContent.Trim());
        Assert.Equal(email, doc.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-testid=invited-email]")!.Value);

        var accept = await invitee.PostFormAsync(TeamTestSupport.PathOf(link), TeamTestSupport.NewUserForm(token, "Quinn Inspector"), "[data-testid=accept-form]");

        Assert.True(accept.IsRedirectTo("/projects"), $"{(int)accept.StatusCode} {accept.Headers.Location}");
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.Equal(org.Id, user.OrganizationId);
        Assert.Equal(OrgRole.QcInspector, user.Role);
        Assert.True(user.EmailConfirmed);
        Assert.Equal("Quinn Inspector", user.FullName);
        var accepted = await factory.InvitationAsync(org.Id, email);
        Assert.Equal(InvitationStatus.Accepted, accepted.Status);
        Assert.Equal(user.Id, accepted.AcceptedByUserId);
        Assert.NotNull(accepted.AcceptedAt);
        // Signed in: the team page (members only) opens and lists the new member.
        var (teamResponse, team) = await invitee.GetPageAsync("/team");
        Assert.Equal(HttpStatusCode.OK, teamResponse.StatusCode);
        Assert.Contains(email, team.Texts("[data-testid=member-email]"));
    }

    [Fact]
    public async Task PPL054_no_token_says_invalid_invitation_link_on_get_and_post()
    {
        using var client = factory.NewClient();
        var (get, doc) = await client.GetPageAsync("/accept-invitation");
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("Invalid invitation link", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());

        var post = await client.PostActionAsync("/accept-invitation", "/accept-invitation", TeamTestSupport.NewUserForm(""));
        Assert.Equal("Invalid invitation link", (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
    }

    [Fact]
    public async Task PPL054_unknown_token_is_not_found_on_get_and_post()
    {
        using var client = factory.NewClient();
        var token = PipeTrak.Web.Infrastructure.Security.SecureToken.Generate();
        var (get, doc) = await client.GetPageAsync($"/accept-invitation?token={token}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("This invitation link is not valid.", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        Assert.Equal("INVITATION_NOT_FOUND", doc.QuerySelector("[data-testid=invitation-error]")!.GetAttribute("data-code"));

        var post = await client.PostActionAsync("/accept-invitation", "/accept-invitation", TeamTestSupport.NewUserForm(token));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("This invitation link is not valid.", (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
    }

    [Fact]
    public async Task PPL056_revoked_invitation_link_says_revoked_and_post_creates_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("revoked");
        var link = await factory.InviteAndGetLinkAsync(org, owner, email);
        var invitation = await factory.InvitationAsync(org.Id, email);

        var revoke = await owner.TeamActionAsync("Revoke", new Dictionary<string, string> { ["InvitationId"] = invitation.Id.ToString() });
        Assert.True(revoke.IsRedirectTo("/team"));
        Assert.Equal(InvitationStatus.Revoked, (await factory.InvitationAsync(org.Id, email)).Status);
        var (_, team) = await owner.GetPageAsync("/team");
        Assert.DoesNotContain(email, team.Texts("[data-testid=invitation-email]"));

        using var client = factory.NewClient();
        var (get, doc) = await client.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal("This invitation has been revoked. Ask your administrator for a new one.", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        var post = await client.PostActionAsync("/accept-invitation", "/accept-invitation", TeamTestSupport.NewUserForm(TeamTestSupport.TokenFrom(link)));
        Assert.Equal("This invitation has been revoked. Ask your administrator for a new one.", (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task PPL054_accepted_invitation_says_already_accepted_on_get_and_post()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("twice");
        var link = await factory.InviteAndGetLinkAsync(org, owner, email);
        var token = TeamTestSupport.TokenFrom(link);
        using (var first = factory.NewClient())
        {
            var ok = await first.PostFormAsync(TeamTestSupport.PathOf(link), TeamTestSupport.NewUserForm(token), "[data-testid=accept-form]");
            Assert.True(ok.IsRedirectTo("/projects"));
        }
        using var client = factory.NewClient();
        var (get, doc) = await client.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal(HttpStatusCode.Conflict, get.StatusCode);
        Assert.Equal("This invitation has already been accepted. Sign in to continue.", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        var post = await client.PostActionAsync("/accept-invitation", "/accept-invitation", TeamTestSupport.NewUserForm(token, "Second"));
        Assert.Equal("This invitation has already been accepted. Sign in to continue.", (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task PPL054_expired_invitation_says_expired_and_becomes_expired()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("late");
        var link = await factory.InviteAndGetLinkAsync(org, owner, email);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(db => db.Invitations.Where(i => i.Email == email).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, now)), org.Id);

        using var client = factory.NewClient();
        var post = await client.PostActionAsync("/accept-invitation", "/accept-invitation", TeamTestSupport.NewUserForm(TeamTestSupport.TokenFrom(link)));
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Equal("This invitation has expired. Ask your administrator to send a new one.", (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        var (get, doc) = await client.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal("This invitation has expired. Ask your administrator to send a new one.", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Equal(InvitationStatus.Expired, (await factory.InvitationAsync(org.Id, email)).Status);

        // PPL-056: an expired invitation cannot be resent; inviting again gives a fresh 7 days.
        var invitation = await factory.InvitationAsync(org.Id, email);
        var resend = await owner.TeamActionAsync("Resend", new Dictionary<string, string> { ["InvitationId"] = invitation.Id.ToString() });
        Assert.Equal(HttpStatusCode.Conflict, resend.StatusCode);
        var again = await owner.InviteAsync(email, "foreman");
        Assert.True(again.IsRedirectTo("/team"));
        var fresh = await factory.InvitationAsync(org.Id, email);
        Assert.NotEqual(invitation.Id, fresh.Id);
        Assert.Equal(fresh.CreatedAt.AddDays(7), fresh.ExpiresAt);
    }

    [Fact]
    public async Task PPL056_resend_replaces_the_token_and_keeps_the_expiry()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("resend");
        var oldLink = await factory.InviteAndGetLinkAsync(org, owner, email);
        var before = await factory.InvitationAsync(org.Id, email);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        try
        {
            var resend = await owner.TeamActionAsync("Resend", new Dictionary<string, string> { ["InvitationId"] = before.Id.ToString() });
            Assert.True(resend.IsRedirectTo("/team"));
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(-5));
        }
        Assert.Equal($"Invitation sent to {email}", await owner.FlashAsync());
        var after = await factory.InvitationAsync(org.Id, email);
        Assert.Equal(before.ExpiresAt, after.ExpiresAt);
        Assert.NotEqual(before.TokenHash, after.TokenHash);
        Assert.Equal(2, factory.Mail.To(email).Count);
        var newLink = factory.Mail.LinkIn(email, "/accept-invitation");
        Assert.NotEqual(oldLink, newLink);

        using var client = factory.NewClient();
        var (old, oldDoc) = await client.GetPageAsync(TeamTestSupport.PathOf(oldLink));
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal("INVITATION_NOT_FOUND", oldDoc.QuerySelector("[data-testid=invitation-error]")!.GetAttribute("data-code"));
        var (fresh, _) = await client.GetPageAsync(TeamTestSupport.PathOf(newLink));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task PPL050_duplicate_pending_invitation_is_refused_but_other_orgs_do_not_block()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        using var otherOwner = await factory.SignInAsync(other.Owner);
        var email = factory.UniqueEmail("dup");
        await factory.InviteAndGetLinkAsync(org, owner, email);

        var again = await owner.InviteAsync(email, "viewer");
        var doc = await again.DocumentAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("An invitation has already been sent to this email", doc.QuerySelector("[data-testid=invite-error]")!.TextContent.Trim());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Invitations.CountAsync(i => i.Email == email), org.Id));

        // The live check (PPL-050, after 500 ms) says the same without writing.
        using var live = new HttpRequestMessage(HttpMethod.Get, $"/team?handler=CheckEmail&Input.Email={Uri.EscapeDataString(email)}");
        live.Headers.Add("HX-Request", "true");
        Assert.Equal("An invitation has already been sent to this email", await (await owner.Http.SendAsync(live)).Content.ReadAsStringAsync());

        // Pending in another organization does not block (and reveals nothing).
        var elsewhere = await otherOwner.InviteAsync(email, "viewer");
        Assert.True(elsewhere.IsRedirectTo("/team"));
    }

    [Fact]
    public async Task PPL050_an_email_already_in_an_organization_cannot_be_invited()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);

        var response = await owner.InviteAsync(other.Owner.Email, "viewer");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("This email is already a member of an organization", (await response.DocumentAsync()).QuerySelector("[data-testid=invite-error]")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == other.Owner.Email), org.Id));
    }

    [Fact]
    public async Task PPL042_admin_cannot_invite_an_owner_but_an_owner_can()
    {
        var org = await factory.CreateOrganizationAsync();
        var admin = await factory.CreateUserAsync(org.Id, OrgRole.Admin, "admin");
        using var adminClient = await factory.SignInAsync(admin);
        var email = factory.UniqueEmail("would-be-owner");

        var (_, page) = await adminClient.GetPageAsync("/team");
        Assert.DoesNotContain("owner", page.QuerySelectorAll("#Input_Role option").Select(o => o.GetAttribute("value")));
        var refused = await adminClient.InviteAsync(email, "owner");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Only an owner can grant or remove the owner role", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == email), org.Id));

        using var api = await factory.ApiClientAsync(admin);
        var apiRefused = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/invitations", new { email, role = "owner" });
        Assert.Equal(HttpStatusCode.Forbidden, apiRefused.StatusCode);
        Assert.Equal("Only an owner can grant or remove the owner role", (await apiRefused.JsonAsync()).GetProperty("detail").GetString());

        using var owner = await factory.SignInAsync(org.Owner);
        Assert.True((await owner.InviteAsync(email, "owner")).IsRedirectTo("/team"));
    }

    [Fact]
    public async Task PPL053_email_failure_shows_the_link_once_and_the_api_returns_it()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("nomail");
        factory.Mail.Fail = true;
        HttpResponseMessage response;
        HttpResponseMessage apiResponse;
        var apiEmail = factory.UniqueEmail("nomail-api");
        try
        {
            response = await owner.InviteAsync(email, "welder");
            using var api = await factory.ApiClientAsync(org.Owner);
            apiResponse = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/invitations", new { email = apiEmail, role = "viewer" });
        }
        finally
        {
            factory.Mail.Fail = false;
        }
        Assert.True(response.IsRedirectTo("/team"));
        var (_, doc) = await owner.GetPageAsync("/team");
        var flash = doc.QuerySelector("[data-testid=flash]")!.TextContent.Trim();
        Assert.StartsWith("Invitation created but the email failed. Copy this link to share: http://localhost/accept-invitation?token=", flash, StringComparison.Ordinal);
        var token = flash[(flash.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        Assert.Equal(PipeTrak.Web.Infrastructure.Security.SecureToken.Hash(token), (await factory.InvitationAsync(org.Id, email)).TokenHash);
        // Shown only once.
        var (_, again) = await owner.GetPageAsync("/team");
        Assert.Null(again.QuerySelector("[data-testid=flash]"));
        Assert.DoesNotContain(token, again.DocumentElement.OuterHtml, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, apiResponse.StatusCode);
        var json = await apiResponse.JsonAsync();
        Assert.False(json.GetProperty("emailSent").GetBoolean());
        Assert.StartsWith("http://localhost/accept-invitation?token=", json.GetProperty("link").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PPL055_existing_account_signed_out_is_asked_to_sign_in_and_returns_to_accept()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var loner = await factory.CreateUserAsync(null, null, "loner");
        var link = await factory.InviteAndGetLinkAsync(org, owner, loner.Email, "project_manager");

        using var client = factory.NewClient();
        var (get, doc) = await client.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("An account with this email exists. Sign in to accept.", doc.QuerySelector("[data-testid=existing-account]")!.TextContent.Trim());
        var signInHref = doc.QuerySelector("[data-testid=sign-in-to-accept]")!.GetAttribute("href")!;
        Assert.Equal("/account/sign-in?returnUrl=" + Uri.EscapeDataString(TeamTestSupport.PathOf(link)), signInHref);
        Assert.Null(doc.QuerySelector("[data-testid=accept-form]"));

        // The new-user form cannot be used for an existing account.
        var post = await client.PostActionAsync("/accept-invitation", "/accept-invitation", TeamTestSupport.NewUserForm(TeamTestSupport.TokenFrom(link)));
        Assert.Contains("An account with this email exists. Sign in to accept.", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signIn = await client.PostFormAsync(signInHref, new Dictionary<string, string>
        {
            ["Input.Email"] = loner.Email,
            ["Input.Password"] = loner.Password,
        });
        Assert.True(signIn.IsRedirectTo(TeamTestSupport.PathOf(link)), signIn.Headers.Location?.ToString());
        var accept = await client.PostFormAsync(TeamTestSupport.PathOf(link), new Dictionary<string, string> { ["Input.Token"] = TeamTestSupport.TokenFrom(link) }, "[data-testid=accept-existing-form]");
        Assert.True(accept.IsRedirectTo("/projects"), $"{(int)accept.StatusCode}");
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == loner.Id));
        Assert.Equal((org.Id, OrgRole.ProjectManager), (user.OrganizationId!.Value, user.Role!.Value));
        var (team, _) = await client.GetPageAsync("/team");
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
    }

    [Fact]
    public async Task PPL055_signed_in_with_another_email_gets_email_mismatch_and_nothing_changes()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("target");
        var link = await factory.InviteAndGetLinkAsync(org, owner, email);
        var stranger = await factory.CreateUserAsync(null, null, "stranger");
        using var client = await factory.SignInAsync(stranger);

        var (get, doc) = await client.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal("This invitation was sent to a different email address. Sign in with that address to accept it.", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        Assert.Equal("EMAIL_MISMATCH", doc.QuerySelector("[data-testid=invitation-error]")!.GetAttribute("data-code"));

        var post = await client.PostActionAsync(TeamTestSupport.PathOf(link), "/accept-invitation?handler=AcceptExisting", new Dictionary<string, string> { ["Input.Token"] = TeamTestSupport.TokenFrom(link) });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("EMAIL_MISMATCH", (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!.GetAttribute("data-code"));
        Assert.Equal(InvitationStatus.Pending, (await factory.InvitationAsync(org.Id, email)).Status);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == stranger.Id).Select(u => u.OrganizationId).SingleAsync()));
    }

    [Fact]
    public async Task PPL055_signed_in_member_of_an_organization_is_refused()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var member = await factory.CreateUserAsync(null, null, "busy");
        var link = await factory.InviteAndGetLinkAsync(org, owner, member.Email);
        // The user joins another organization after the invitation was sent.
        await factory.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.Id == member.Id);
            u.JoinOrganization(other.Id, OrgRole.Viewer, factory.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        });
        using var client = await factory.SignInAsync(member);

        var (_, doc) = await client.GetPageAsync(TeamTestSupport.PathOf(link));
        Assert.Equal("You already belong to an organization.", doc.QuerySelector("[data-testid=invitation-error]")!.TextContent.Trim());
        var post = await client.PostActionAsync(TeamTestSupport.PathOf(link), "/accept-invitation?handler=AcceptExisting", new Dictionary<string, string> { ["Input.Token"] = TeamTestSupport.TokenFrom(link) });
        var error = (await post.DocumentAsync()).QuerySelector("[data-testid=invitation-error]")!;
        Assert.Equal("You already belong to an organization.", error.TextContent.Trim());
        Assert.Equal("USER_ALREADY_HAS_ORGANIZATION", error.GetAttribute("data-code"));
        Assert.Equal(other.Id, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.OrganizationId).SingleAsync()));
        Assert.Equal(InvitationStatus.Pending, (await factory.InvitationAsync(org.Id, member.Email)).Status);
    }

    [Fact]
    public async Task PPL055_new_user_form_validates_and_creates_nothing_on_error()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("careful");
        var link = await factory.InviteAndGetLinkAsync(org, owner, email);
        using var client = factory.NewClient();
        var form = TeamTestSupport.NewUserForm(TeamTestSupport.TokenFrom(link), "  ");
        form["Input.ConfirmPassword"] = "Different-Pass-77";
        form["Input.AcceptTerms"] = "false";

        var response = await client.PostFormAsync(TeamTestSupport.PathOf(link), form, "[data-testid=accept-form]");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Full name is required", html, StringComparison.Ordinal);
        Assert.Contains("Passwords do not match", html, StringComparison.Ordinal);
        Assert.Contains("You must accept the terms of service", html, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal(InvitationStatus.Pending, (await factory.InvitationAsync(org.Id, email)).Status);
    }

    [Fact]
    public async Task PPL041_foreman_gets_403_inviting_on_page_and_api()
    {
        var org = await factory.CreateOrganizationAsync();
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var client = await factory.SignInAsync(foreman);
        var email = factory.UniqueEmail("nope");

        var (_, page) = await client.GetPageAsync("/team");
        Assert.Null(page.QuerySelector("[data-testid=invite-form]"));
        var response = await client.PostActionAsync("/team", "/team?handler=Invite", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Role"] = "viewer" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You don't have permission to administer the organization.", (await response.DocumentAsync()).Body!.TextContent, StringComparison.Ordinal);

        using var api = await factory.ApiClientAsync(foreman);
        var apiResponse = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/invitations", new { email, role = "viewer" });
        Assert.Equal(HttpStatusCode.Forbidden, apiResponse.StatusCode);
        Assert.Equal("You don't have permission to administer the organization.", (await apiResponse.JsonAsync()).GetProperty("detail").GetString());
        Assert.False(await factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == email), org.Id));
    }

    [Fact]
    public async Task PPL050_api_invite_returns_201_and_duplicate_gets_problem_with_code()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var email = factory.UniqueEmail("api");

        var created = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/invitations", new { email, role = "foreman", message = "hi" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        Assert.True(json.GetProperty("emailSent").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("link").ValueKind);
        Assert.Equal("foreman", json.GetProperty("role").GetString());

        var duplicate = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/invitations", new { email, role = "viewer" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var problem = await duplicate.JsonAsync();
        Assert.Equal("An invitation has already been sent to this email", problem.GetProperty("detail").GetString());
        Assert.Equal("INVITATION_ALREADY_PENDING", problem.GetProperty("code").GetString());

        var invalid = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/invitations", new { email = "nope", role = "viewer" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("Invalid email address", (await invalid.JsonAsync()).GetProperty("errors").GetProperty("email")[0].GetString());

        var list = await (await api.Http.GetAsync("/api/v1/invitations")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("email").GetString() == email && i.GetProperty("status").GetString() == "pending");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class InvitationTests_Sqlite(SqliteFactory factory) : InvitationTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class InvitationTests_Postgres(PostgresFactory factory) : InvitationTests(factory);
