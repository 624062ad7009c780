using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Navigation;

/// <summary>The sidebar's project section: it follows the project on the page and the caller's role.</summary>
public abstract class ProjectNavTests(PipeTrakFactory factory)
{
    private static List<string> Links(AngleSharp.Dom.IDocument doc) =>
        doc.QuerySelectorAll("[data-testid=project-nav] a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task Project_pages_link_to_the_screens_of_the_project_on_the_page()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateProjectAsync(org.Id, "Other " + Guid.NewGuid().ToString("N")[..6]);
        using var client = await factory.SignInAsync(org.Owner);

        var (_, doc) = await client.GetPageAsync($"/projects/{other.Id}/dashboard");

        Assert.Equal(other.Name, doc.QuerySelector("[data-testid=nav-project]")!.TextContent.Trim());
        Assert.Contains($"/projects/{other.Id}/dashboard", Links(doc));
        Assert.Contains($"/projects/{other.Id}/settings", Links(doc));
        Assert.Equal($"/projects/{other.Id}/dashboard", doc.QuerySelector("[data-testid=project-nav] a.active")!.GetAttribute("href"));
        Assert.All(Links(doc), href => Assert.StartsWith($"/projects/{other.Id}/", href, StringComparison.Ordinal));
        // Every link leads to a page that exists for the owner.
        foreach (var href in Links(doc))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.Http.GetAsync(href)).StatusCode);
        }
    }

    [Fact]
    public async Task A_viewer_is_not_offered_management_screens()
    {
        var org = await factory.CreateOrganizationAsync();
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        using var client = await factory.SignInAsync(viewer);

        var (_, doc) = await client.GetPageAsync($"/projects/{org.ProjectId}/dashboard");

        Assert.Contains($"/projects/{org.ProjectId}/dashboard", Links(doc));
        Assert.Contains($"/projects/{org.ProjectId}/welds", Links(doc));
        foreach (var managed in new[] { "settings", "imports", "manhours", "settings/rules-of-credit" })
        {
            Assert.DoesNotContain($"/projects/{org.ProjectId}/{managed}", Links(doc));
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectNavTests_Sqlite(SqliteFactory factory) : ProjectNavTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ProjectNavTests_Postgres(PostgresFactory factory) : ProjectNavTests(factory);
