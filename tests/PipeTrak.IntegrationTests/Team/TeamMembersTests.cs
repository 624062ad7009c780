using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Team;

/// <summary>PPL-042, PPL-043, PPL-060, PPL-070: the team page, role changes, removal and isolation.</summary>
public abstract class TeamMembersTests(PipeTrakFactory factory)
{
    private Task<OrgRole?> RoleOfAsync(Guid userId) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Role).SingleAsync());

    [Fact]
    public async Task PPL060_team_page_lists_members_with_badges_and_is_read_only_below_admin()
    {
        var org = await factory.CreateOrganizationAsync();
        var welder = await factory.CreateUserAsync(org.Id, OrgRole.Welder, "welder");
        using var owner = await factory.SignInAsync(org.Owner);
        await factory.InviteAndGetLinkAsync(org, owner, factory.UniqueEmail("pending"), "viewer");

        var (_, page) = await owner.GetPageAsync("/team");
        var rows = page.QuerySelectorAll("[data-testid=member-row]");
        Assert.Equal(2, rows.Length);
        var welderRow = rows.Single(r => r.GetAttribute("data-user-id") == welder.Id.ToString());
        Assert.Equal("Welder", welderRow.QuerySelector("[data-testid=role-badge]")!.TextContent.Trim());
        Assert.StartsWith("Joined ", welderRow.QuerySelector("[data-testid=member-joined]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(welderRow.QuerySelector("[data-testid=remove-form]"));
        var removeConfirm = welderRow.QuerySelector("[data-testid=remove-form]")!.GetAttribute("data-confirm");
        Assert.Equal($"{welder.FullName} will lose access to {org.Name} immediately. Their past work stays in the history.", removeConfirm);
        // PPL-040 rows: a welder may view and update milestones, nothing else.
        var allowed = welderRow.QuerySelectorAll("[data-testid=permission]").Select(p => p.GetAttribute("data-allowed")).ToList();
        Assert.Equal(["true", "true", "false", "false", "false", "false", "false", "false", "false"], allowed);
        // The own row has no Remove and no role change.
        var ownRow = rows.Single(r => r.GetAttribute("data-user-id") == org.Owner.Id.ToString());
        Assert.Null(ownRow.QuerySelector("[data-testid=remove-form]"));
        Assert.Null(ownRow.QuerySelector("[data-testid=change-role-form]"));
        var invitation = page.QuerySelector("[data-testid=invitation-row]")!;
        Assert.Equal("Pending", invitation.QuerySelector("[data-testid=invitation-status]")!.TextContent.Trim());
        Assert.StartsWith("Expires ", invitation.QuerySelector("[data-testid=invitation-expires]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains(org.Owner.FullName, invitation.QuerySelector("[data-testid=invitation-inviter]")!.TextContent, StringComparison.Ordinal);

        using var welderClient = await factory.SignInAsync(welder);
        var (response, readOnly) = await welderClient.GetPageAsync("/team");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, readOnly.QuerySelectorAll("[data-testid=member-row]").Length);
        Assert.Null(readOnly.QuerySelector("[data-testid=invite-form]"));
        Assert.Null(readOnly.QuerySelector("[data-testid=remove-form]"));
        Assert.Null(readOnly.QuerySelector("[data-testid=change-role-form]"));
        Assert.Null(readOnly.QuerySelector("[data-testid=revoke-form]"));
    }

    [Fact]
    public async Task PPL060_search_role_status_filters_and_htmx_partial()
    {
        var org = await factory.CreateOrganizationAsync();
        var zed = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "zedfinder");
        await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var owner = await factory.SignInAsync(org.Owner);
        var pendingEmail = factory.UniqueEmail("zedpending");
        await factory.InviteAndGetLinkAsync(org, owner, pendingEmail, "welder");

        var (_, search) = await owner.GetPageAsync("/team?search=ZEDFIND");
        Assert.Equal([zed.Email], search.Texts("[data-testid=member-email]"));
        Assert.Empty(search.Texts("[data-testid=invitation-email]"));

        var (_, byRole) = await owner.GetPageAsync("/team?role=foreman");
        Assert.Equal([zed.Email], byRole.Texts("[data-testid=member-email]"));

        var (_, pending) = await owner.GetPageAsync("/team?status=pending");
        Assert.Empty(pending.Texts("[data-testid=member-email]"));
        Assert.Equal([pendingEmail], pending.Texts("[data-testid=invitation-email]"));

        var (_, active) = await owner.GetPageAsync("/team?status=active&sort=role");
        Assert.Equal(3, active.QuerySelectorAll("[data-testid=member-row]").Length);
        Assert.Equal("Owner", active.QuerySelector("[data-testid=role-badge]")!.TextContent.Trim());
        Assert.Empty(active.Texts("[data-testid=invitation-email]"));

        var (_, none) = await owner.GetPageAsync("/team?search=nobody-matches-this");
        Assert.Equal("No results found", none.QuerySelector("[data-testid=team-empty]")!.TextContent.Trim());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/team?search=zedfind");
        request.Headers.Add("HX-Request", "true");
        var partial = await owner.Http.SendAsync(request);
        var html = await partial.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(zed.Email, html, StringComparison.Ordinal);
        Assert.Contains("HX-Request", partial.Headers.Vary);

        var (_, full) = await owner.GetPageAsync("/team");
        var searchInput = full.QuerySelector("#team-search")!;
        Assert.Equal("input changed delay:300ms", searchInput.GetAttribute("hx-trigger"));
        Assert.Equal("true", searchInput.GetAttribute("hx-push-url"));
    }

    [Fact]
    public async Task PPL042_nobody_changes_their_own_role()
    {
        var org = await factory.CreateOrganizationAsync();
        var second = await factory.CreateUserAsync(org.Id, OrgRole.Owner, "owner2");
        using var owner = await factory.SignInAsync(org.Owner);

        var response = await owner.TeamActionAsync("ChangeRole", new Dictionary<string, string> { ["UserId"] = org.Owner.Id.ToString(), ["Role"] = "admin" }, htmx: true);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You cannot change your own role", await response.Content.ReadAsStringAsync());
        Assert.Equal(OrgRole.Owner, await RoleOfAsync(org.Owner.Id));
        _ = second;
    }

    [Fact]
    public async Task PPL042_admin_cannot_change_or_remove_an_owner_or_grant_owner()
    {
        var org = await factory.CreateOrganizationAsync();
        var admin = await factory.CreateUserAsync(org.Id, OrgRole.Admin, "admin");
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var client = await factory.SignInAsync(admin);

        var demote = await client.TeamActionAsync("ChangeRole", new Dictionary<string, string> { ["UserId"] = org.Owner.Id.ToString(), ["Role"] = "viewer" }, htmx: true);
        Assert.Equal(HttpStatusCode.Forbidden, demote.StatusCode);
        Assert.Equal("Only an owner can grant or remove the owner role", await demote.Content.ReadAsStringAsync());
        var grant = await client.TeamActionAsync("ChangeRole", new Dictionary<string, string> { ["UserId"] = viewer.Id.ToString(), ["Role"] = "owner" }, htmx: true);
        Assert.Equal("Only an owner can grant or remove the owner role", await grant.Content.ReadAsStringAsync());
        using var api = await factory.ApiClientAsync(admin);
        var remove = await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/members/{org.Owner.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal("Only an owner can grant or remove the owner role", (await remove.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(OrgRole.Owner, await RoleOfAsync(org.Owner.Id));
        Assert.Equal(OrgRole.Viewer, await RoleOfAsync(viewer.Id));

        // Admins handle the other six roles, with the toast.
        var ok = await client.TeamActionAsync("ChangeRole", new Dictionary<string, string> { ["UserId"] = viewer.Id.ToString(), ["Role"] = "foreman" }, htmx: true);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Role updated to Foreman", ok.Headers.GetValues("HX-Trigger").Single(), StringComparison.Ordinal);
        Assert.Equal(OrgRole.Foreman, await RoleOfAsync(viewer.Id));
    }

    [Fact]
    public async Task PPL042_last_owner_cannot_be_demoted_or_removed_and_self_removal_is_refused()
    {
        var org = await factory.CreateOrganizationAsync();
        var second = await factory.CreateUserAsync(org.Id, OrgRole.Owner, "owner2");
        using var api = await factory.ApiClientAsync(org.Owner);

        var self = await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/members/{org.Owner.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Equal("You cannot remove yourself", (await self.JsonAsync()).GetProperty("detail").GetString());

        var demote = await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{second.Id}", new { role = "admin" });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Equal("admin", (await demote.JsonAsync()).GetProperty("role").GetString());

        // The second user (now admin) cannot touch the last owner; and the owner cannot demote themselves.
        using var ownSelf = await factory.SignInAsync(org.Owner);
        var own = await ownSelf.TeamActionAsync("ChangeRole", new Dictionary<string, string> { ["UserId"] = org.Owner.Id.ToString(), ["Role"] = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(OrgRole.Owner, await RoleOfAsync(org.Owner.Id));
    }

    [Fact]
    public async Task PPL042_concurrent_demotions_of_two_owners_leave_at_least_one_owner()
    {
        for (var round = 0; round < 3; round++)
        {
            var org = await factory.CreateOrganizationAsync();
            var second = await factory.CreateUserAsync(org.Id, OrgRole.Owner, "owner2");
            using var a = await factory.ApiClientAsync(org.Owner);
            using var b = await factory.ApiClientAsync(second);

            var results = await Task.WhenAll(
                a.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{second.Id}", new { role = "admin" }),
                b.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{org.Owner.Id}", new { role = "admin" }));

            var owners = await factory.WithDbAsync(db => db.Users.CountAsync(u => u.OrganizationId == org.Id && u.Role == OrgRole.Owner));
            Assert.Equal(1, owners);
            Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
            var refused = Assert.Single(results, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden);
            var detail = (await refused.JsonAsync()).GetProperty("detail").GetString();
            Assert.Contains(detail, new[] { "The organization must have at least one owner", "Only an owner can grant or remove the owner role" });
        }
    }

    [Fact]
    public async Task PPL043_removed_member_loses_sessions_and_tokens_at_once()
    {
        var org = await factory.CreateOrganizationAsync();
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "leaver");
        using var phone = await factory.SignInAsync(foreman);
        using var token = await factory.ApiClientAsync(foreman);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/api/v1/members")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await token.Http.GetAsync("/api/v1/members")).StatusCode);
        using var owner = await factory.SignInAsync(org.Owner);

        var remove = await owner.TeamActionAsync("Remove", new Dictionary<string, string> { ["UserId"] = foreman.Id.ToString() });

        Assert.True(remove.IsRedirectTo("/team"));
        Assert.Equal($"{foreman.FullName} removed from organization", await owner.FlashAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync("/api/v1/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.Http.GetAsync("/api/v1/members")).StatusCode);
        var page = await phone.Http.GetAsync("/team");
        Assert.True(page.IsRedirectTo("http://localhost/account/sign-in") || page.IsRedirectTo("/account/sign-in"), page.Headers.Location?.ToString());
        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == foreman.Id));
        Assert.Null(user.OrganizationId);
        Assert.Null(user.Role);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "member.removed"), org.Id));

        // The account remains and can be invited again.
        var again = await owner.InviteAsync(foreman.Email, "viewer");
        Assert.True(again.IsRedirectTo("/team"));
    }

    [Fact]
    public async Task PPL070_cross_tenant_member_and_invitation_ids_are_404_and_change_nothing()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        var bMember = await factory.CreateUserAsync(b.Id, OrgRole.Foreman, "bmember");
        using var bOwner = await factory.SignInAsync(b.Owner);
        var bEmail = factory.UniqueEmail("binvite");
        await factory.InviteAndGetLinkAsync(b, bOwner, bEmail);
        var bInvitation = await factory.InvitationAsync(b.Id, bEmail);
        using var aApi = await factory.ApiClientAsync(a.Owner);
        using var aPage = await factory.SignInAsync(a.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await aApi.SendJsonAsync(HttpMethod.Patch, $"/api/v1/members/{bMember.Id}", new { role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aApi.SendJsonAsync(HttpMethod.Delete, $"/api/v1/members/{bMember.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aApi.SendJsonAsync(HttpMethod.Post, $"/api/v1/invitations/{bInvitation.Id}/resend")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aApi.SendJsonAsync(HttpMethod.Post, $"/api/v1/invitations/{bInvitation.Id}/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aPage.TeamActionAsync("ChangeRole", new Dictionary<string, string> { ["UserId"] = bMember.Id.ToString(), ["Role"] = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aPage.TeamActionAsync("Remove", new Dictionary<string, string> { ["UserId"] = b.Owner.Id.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aPage.TeamActionAsync("Resend", new Dictionary<string, string> { ["InvitationId"] = bInvitation.Id.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await aPage.TeamActionAsync("Revoke", new Dictionary<string, string> { ["InvitationId"] = bInvitation.Id.ToString() })).StatusCode);
        // Unknown ids look the same.
        Assert.Equal(HttpStatusCode.NotFound, (await aApi.SendJsonAsync(HttpMethod.Delete, $"/api/v1/members/{Guid.NewGuid()}")).StatusCode);

        Assert.Equal(OrgRole.Foreman, await RoleOfAsync(bMember.Id));
        Assert.Equal(b.Id, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == b.Owner.Id).Select(u => u.OrganizationId).SingleAsync()));
        var after = await factory.InvitationAsync(b.Id, bEmail);
        Assert.Equal((InvitationStatus.Pending, bInvitation.TokenHash), (after.Status, after.TokenHash));
        Assert.Single(factory.Mail.To(bEmail));

        // Lists contain only the caller's organization.
        var members = await (await aApi.Http.GetAsync("/api/v1/members")).JsonAsync();
        Assert.Equal([a.Owner.Email], members.EnumerateArray().Select(m => m.GetProperty("email").GetString()));
        var invitations = await (await aApi.Http.GetAsync("/api/v1/invitations")).JsonAsync();
        Assert.DoesNotContain(invitations.EnumerateArray(), i => i.GetProperty("email").GetString() == bEmail);
        var (_, page) = await aPage.GetPageAsync("/team");
        Assert.Equal([a.Owner.Email], page.Texts("[data-testid=member-email]"));
        Assert.DoesNotContain(bEmail, page.Texts("[data-testid=invitation-email]"));
    }

    [Fact]
    public async Task PPL070_anonymous_cannot_list_invitations_or_members()
    {
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/v1/invitations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/v1/members")).StatusCode);
        var page = await client.Http.GetAsync("/team");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    [Fact]
    public async Task PPL053_failed_email_shows_email_not_delivered_on_the_team_page()
    {
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var email = factory.UniqueEmail("bounce");
        factory.Mail.Fail = true;
        try
        {
            await owner.InviteAsync(email, "viewer");
        }
        finally
        {
            factory.Mail.Fail = false;
        }
        var invitation = await factory.InvitationAsync(org.Id, email);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await factory.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == invitation.LastEmailId).ExecuteUpdateAsync(u => u.SetProperty(m => m.FailedAt, now)));

        var (_, page) = await owner.GetPageAsync("/team");
        var row = page.QuerySelectorAll("[data-testid=invitation-row]").Single(r => r.GetAttribute("data-email") == email);
        Assert.Equal("Email not delivered", row.QuerySelector("[data-testid=email-not-delivered]")!.TextContent.Trim());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class TeamMembersTests_Sqlite(SqliteFactory factory) : TeamMembersTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class TeamMembersTests_Postgres(PostgresFactory factory) : TeamMembersTests(factory);
