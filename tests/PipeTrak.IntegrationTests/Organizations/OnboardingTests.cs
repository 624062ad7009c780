using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Organizations;

/// <summary>PPL-004 onboarding.</summary>
public abstract class OnboardingTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL004_creates_organization_owner_and_selected_project_in_one_go()
    {
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);
        var orgName = $"Acme {Guid.NewGuid():N}"[..20];

        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "  " + orgName + " ",
            ["Input.ProjectName"] = "Unit 4 Revamp",
            ["Input.ProjectDescription"] = "Hydrocracker piping",
            ["Input.TimeZone"] = "America/Chicago",
        }, "[data-testid=onboarding-form]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Equal(OrgRole.Owner, stored.Role);
        Assert.NotNull(stored.OrganizationId);
        var orgId = stored.OrganizationId!.Value;
        var org = await factory.WithDbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == orgId));
        Assert.Equal(orgName, org.Name);
        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(), orgId);
        Assert.Equal("Unit 4 Revamp", project.Name);
        Assert.Equal("America/Chicago", project.TimeZone);
        Assert.Equal(project.Id, stored.SelectedProjectId);
        Assert.Equal($"/projects/{project.Id}/dashboard", response.Location());

        // The next request already carries the new organization and role.
        var dashboard = await client.Http.GetAsync(response.Location());
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("Unit 4 Revamp", (await dashboard.DocumentAsync()).QuerySelector("[data-testid=project-name]")!.TextContent.Trim());
    }

    [Fact]
    public async Task PPL004_project_is_optional()
    {
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);

        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string> { ["Input.OrganizationName"] = "Solo Org" }, "[data-testid=onboarding-form]");

        Assert.True(response.IsRedirectTo("/dashboard"));
        var orgId = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.OrganizationId).SingleAsync());
        Assert.NotNull(orgId);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Projects.CountAsync(), orgId));
        var empty = await client.Http.GetAsync("/dashboard");
        Assert.Contains("Create your first project", (await empty.DocumentAsync()).QuerySelector("[data-testid=no-projects]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PPL004_invalid_project_leaves_nothing_behind()
    {
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);
        var orgName = $"Nothing {Guid.NewGuid():N}"[..30];

        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = orgName,
            ["Input.ProjectName"] = "Unit 5",
            ["Input.ProjectDescription"] = "",
            ["Input.TimeZone"] = "Not/AZone",
        }, "[data-testid=onboarding-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.DocumentAsync();
        var summary = doc.QuerySelector("[data-testid=validation-summary]")!.TextContent;
        Assert.Contains("Description is required", summary, StringComparison.Ordinal);
        Assert.Contains("Choose a valid time zone", summary, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.OrganizationId).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == orgName)));
    }

    [Fact]
    public async Task PPL004_organization_name_is_required()
    {
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);

        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string> { ["Input.OrganizationName"] = "  " }, "[data-testid=onboarding-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Organization name is required", (await response.DocumentAsync()).QuerySelector("[data-testid=validation-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.OrganizationId).SingleAsync()));
    }

    [Fact]
    public async Task PPL004_members_are_sent_away_from_onboarding_and_cannot_create_a_second_organization()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);

        Assert.True((await client.Http.GetAsync("/onboarding")).IsRedirectTo("/"));
        var token = await client.AntiforgeryTokenAsync("/projects");
        using var post = await client.Http.PostAsync("/onboarding", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.OrganizationName"] = "Second org",
        }));

        Assert.True(post.IsRedirectTo("/"));
        var stillIn = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == org.Owner.Id).Select(u => u.OrganizationId).SingleAsync());
        Assert.Equal(org.Id, stillIn);
    }

    [Fact]
    public async Task PPL004_organization_names_need_not_be_unique()
    {
        var existing = await factory.CreateOrganizationAsync();
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);

        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string> { ["Input.OrganizationName"] = existing.Name }, "[data-testid=onboarding-form]");

        Assert.True(response.IsRedirectTo("/dashboard"));
        Assert.Equal(2, await factory.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == existing.Name)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OnboardingTests_Sqlite(SqliteFactory factory) : OnboardingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class OnboardingTests_Postgres(PostgresFactory factory) : OnboardingTests(factory);
