using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Organizations;

/// <summary>PPL-015 landing and the dashboard redirect.</summary>
public abstract class LandingTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL015_anonymous_visitors_see_the_product_with_sign_in_and_register()
    {
        using var client = factory.NewClient();
        var (response, doc) = await client.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(doc.QuerySelector("[data-testid=landing] a[href='/account/sign-in']"));
        Assert.NotNull(doc.QuerySelector("[data-testid=landing] a[href='/account/register']"));
    }

    [Fact]
    public async Task PPL015_signed_in_without_organization_goes_to_onboarding()
    {
        var user = await factory.CreateUserAsync(null, null);
        using var client = await factory.SignInAsync(user);
        Assert.True((await client.Http.GetAsync("/")).IsRedirectTo("/onboarding"));
        var (_, doc) = await client.GetPageAsync("/onboarding");
        Assert.Equal("Create your organization", doc.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(OrgRole.Owner)]
    [InlineData(OrgRole.Welder)]
    [InlineData(OrgRole.Viewer)]
    public async Task PPL015_members_go_to_the_dashboard(OrgRole role)
    {
        var org = await factory.CreateOrganizationAsync();
        var member = await factory.CreateUserAsync(org.Id, role);
        using var client = await factory.SignInAsync(member);
        Assert.True((await client.Http.GetAsync("/")).IsRedirectTo("/dashboard"));
        Assert.True((await client.Http.GetAsync("/dashboard")).IsRedirectTo($"/projects/{org.ProjectId}/dashboard"));
    }

    [Fact]
    public async Task PPL015_dashboard_opens_the_newest_project_until_one_is_selected_then_the_selected_one()
    {
        var org = await factory.CreateOrganizationAsync();
        var older = org.ProjectId!.Value;
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await factory.CreateProjectAsync(org.Id, "Newer " + Guid.NewGuid().ToString("N")[..6]);
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        using var client = await factory.SignInAsync(viewer);

        Assert.True((await client.Http.GetAsync("/dashboard")).IsRedirectTo($"/projects/{newer.Id}/dashboard"));

        // The layout's project switcher posts to /projects/{id}/select with htmx.
        var (_, page) = await client.GetPageAsync("/projects");
        Assert.Equal($"/projects/{older}/select", page.QuerySelector($".project-switcher [data-project-id='{older}']")!.GetAttribute("hx-post"));
        var select = await client.PostActionAsync("/projects", $"/projects/{older}/select", htmx: true);
        Assert.Equal(HttpStatusCode.OK, select.StatusCode);
        Assert.Equal($"/projects/{older}/dashboard", select.Headers.GetValues("HX-Redirect").Single());
        Assert.True((await client.Http.GetAsync("/dashboard")).IsRedirectTo($"/projects/{older}/dashboard"));
    }

    [Fact]
    public async Task PPL015_an_archived_selection_falls_back_to_the_newest_active_project()
    {
        var org = await factory.CreateOrganizationAsync();
        var selected = await factory.CreateProjectAsync(org.Id, "Selected " + Guid.NewGuid().ToString("N")[..6]);
        using var client = await factory.SignInAsync(org.Owner);
        await client.PostActionAsync("/projects", $"/projects/{selected.Id}/select");
        await client.PostActionAsync("/projects", $"/projects/{selected.Id}/settings?handler=Archive");

        Assert.True((await client.Http.GetAsync("/dashboard")).IsRedirectTo($"/projects/{org.ProjectId}/dashboard"));
    }

    [Theory]
    [InlineData(OrgRole.Owner, true)]
    [InlineData(OrgRole.Admin, true)]
    [InlineData(OrgRole.ProjectManager, true)]
    [InlineData(OrgRole.Foreman, false)]
    [InlineData(OrgRole.Viewer, false)]
    public async Task PPL015_without_projects_managers_are_invited_to_create_one_others_to_ask(OrgRole role, bool canCreate)
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        var member = await factory.CreateUserAsync(org.Id, role);
        using var client = await factory.SignInAsync(member);

        var (response, doc) = await client.GetPageAsync("/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = doc.QuerySelector("[data-testid=no-projects]")!.TextContent;
        if (canCreate)
        {
            Assert.Contains("Create your first project", text, StringComparison.Ordinal);
            Assert.Equal("/projects/new", doc.QuerySelector("[data-testid=create-first-project]")!.GetAttribute("href"));
        }
        else
        {
            Assert.Equal("No projects available. Ask your administrator to create one.", text.Trim());
            Assert.Null(doc.QuerySelector("[data-testid=create-first-project]"));
        }
    }

    [Fact]
    public async Task Project_dashboard_shows_facts_and_selects_the_project()
    {
        var org = await factory.CreateOrganizationAsync();
        var second = await factory.CreateProjectAsync(org.Id, "Second " + Guid.NewGuid().ToString("N")[..6]);
        await factory.CreateUserAsync(org.Id, OrgRole.Foreman);
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        using var client = await factory.SignInAsync(viewer);

        var (response, doc) = await client.GetPageAsync($"/projects/{second.Id}/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(second.Name, doc.QuerySelector("[data-testid=project-name]")!.TextContent.Trim());
        Assert.Equal("UTC", doc.QuerySelector("[data-testid=project-time-zone]")!.TextContent.Trim());
        Assert.Equal("3 members", doc.QuerySelector("[data-testid=team-size]")!.TextContent.Trim());
        Assert.Null(doc.QuerySelector("[data-testid=project-settings-link]"));
        Assert.Null(doc.QuerySelector("[data-testid=archived-banner]"));
        Assert.True((await client.Http.GetAsync("/dashboard")).IsRedirectTo($"/projects/{second.Id}/dashboard"));
    }

    [Fact]
    public async Task Project_dashboard_offers_settings_to_project_managers()
    {
        var org = await factory.CreateOrganizationAsync();
        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager);
        using var client = await factory.SignInAsync(pm);
        var (_, doc) = await client.GetPageAsync($"/projects/{org.ProjectId}/dashboard");
        Assert.Equal($"/projects/{org.ProjectId}/settings", doc.QuerySelector("[data-testid=project-settings-link]")!.GetAttribute("href"));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LandingTests_Sqlite(SqliteFactory factory) : LandingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class LandingTests_Postgres(PostgresFactory factory) : LandingTests(factory);
