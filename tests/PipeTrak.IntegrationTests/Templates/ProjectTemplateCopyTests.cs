using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Templates;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Templates;

/// <summary>TRK-023: every way a project is created copies the 65 default rows, summing to 100 per type.</summary>
public abstract class ProjectTemplateCopyTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task TRK023_project_created_on_the_page_gets_the_defaults()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);
        var name = UniqueName("Copy");
        var response = await client.PostFormAsync("/projects/new", ProjectFields(name), "[data-testid=new-project-form]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var projectId = await factory.WithDbAsync(db => db.Projects.Where(p => p.Name == name).Select(p => p.Id).SingleAsync(), org.Id);
        await AssertDefaultsAsync(org.Id, projectId);
    }

    [Fact]
    public async Task TRK023_project_created_by_the_api_gets_the_defaults()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var created = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name = UniqueName("Api"), description = "x" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var projectId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await AssertDefaultsAsync(org.Id, projectId);
    }

    [Fact]
    public async Task TRK023_project_created_at_onboarding_gets_the_defaults()
    {
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);
        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = "Org " + Guid.NewGuid().ToString("N")[..6],
            ["Input.ProjectName"] = "Unit 9",
            ["Input.ProjectDescription"] = "Piping",
            ["Input.TimeZone"] = "UTC",
        }, "[data-testid=onboarding-form]");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var orgId = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.OrganizationId).SingleAsync());
        var projectId = await factory.WithDbAsync(db => db.Projects.Select(p => p.Id).SingleAsync(), orgId);
        await AssertDefaultsAsync(orgId!.Value, projectId);
    }

    [Fact]
    public async Task TRK023_deleting_a_project_removes_its_rows()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var name = UniqueName("Gone");
        var created = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name, description = "x" });
        var projectId = (await created.JsonAsync()).GetProperty("id").GetGuid();
        var deleted = await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/projects/{projectId}", new { confirmName = name });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.ProjectTemplateRows.IgnoreQueryFilters().CountAsync(r => r.ProjectId == projectId)));
    }

    [Fact]
    public async Task TRK023_the_demo_project_gets_the_defaults()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        }
        var (orgId, projectId) = await factory.WithDbAsync(db => db.Projects.IgnoreQueryFilters()
            .Where(p => p.Name == DemoSeeder.ProjectName)
            .Select(p => new ValueTuple<Guid, Guid>(p.OrganizationId, p.Id))
            .SingleAsync());
        await AssertDefaultsAsync(orgId, projectId);
    }

    private async Task AssertDefaultsAsync(Guid orgId, Guid projectId)
    {
        var rows = await factory.WithDbAsync(db => db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync(), orgId);
        Assert.Equal(65, rows.Count);
        Assert.All(rows, r => Assert.Equal(orgId, r.OrganizationId));
        foreach (var type in ComponentTypes.All)
        {
            var ofType = rows.Where(r => r.ComponentType == type).OrderBy(r => r.Order).Select(r => r.ToRow()).ToList();
            Assert.Equal(100, ofType.Sum(r => r.Weight));
            Assert.Equal(DefaultTemplates.For(type), ofType);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectTemplateCopyTests_Sqlite(SqliteFactory factory) : ProjectTemplateCopyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ProjectTemplateCopyTests_Postgres(PostgresFactory factory) : ProjectTemplateCopyTests(factory);
