using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Projects;

/// <summary>/api/v1/projects: PPL-030..034 for API clients.</summary>
public abstract class ProjectApiTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task Create_get_list_and_validation()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var name = UniqueName("Api");

        var created = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name, description = "Made by API", timeZone = "Europe/Oslo" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.JsonAsync();
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal("Europe/Oslo", json.GetProperty("timeZone").GetString());
        Assert.Equal($"/api/v1/projects/{id}", created.Headers.Location!.OriginalString);

        var get = await api.Http.GetAsync($"/api/v1/projects/{id}");
        Assert.Equal(name, (await get.JsonAsync()).GetProperty("name").GetString());
        var list = await (await api.Http.GetAsync("/api/v1/projects")).JsonAsync();
        Assert.Equal(id, list[0].GetProperty("id").GetGuid());

        Assert.Equal("Project name is required", await (await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { description = "x" })).ProblemErrorAsync("name"));
        Assert.Equal("Description is required", await (await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name = UniqueName() })).ProblemErrorAsync("description"));
        Assert.Equal("Choose a valid time zone", await (await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name = UniqueName(), description = "x", timeZone = "Moon/Base" })).ProblemErrorAsync("timeZone"));
        Assert.Equal($"A project named '{name.ToLowerInvariant()}' already exists",
            await (await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name = name.ToLowerInvariant(), description = "x" })).ProblemErrorAsync("name"));
    }

    [Fact]
    public async Task Endpoints_are_described_in_the_openapi_document()
    {
        using var client = factory.NewClient();
        var doc = await client.Http.GetStringAsync("/openapi/v1.json");
        foreach (var operation in new[] { "ListProjects", "CreateProject", "GetProject", "UpdateProject", "DeleteProject", "ArchiveProject", "UnarchiveProject", "GetOrganization", "UpdateOrganization" })
        {
            Assert.Contains($"\"{operation}\"", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Users_without_an_organization_are_refused()
    {
        var loner = await factory.CreateUserAsync(null, null);
        using var api = await factory.ApiClientAsync(loner);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync("/api/v1/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name = UniqueName(), description = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync("/api/v1/organization")).StatusCode);
    }

    [Fact]
    public async Task Viewer_cannot_create_or_list_archived()
    {
        var org = await factory.CreateOrganizationAsync();
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        using var api = await factory.ApiClientAsync(viewer);

        var create = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", new { name = UniqueName(), description = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("You don't have permission to manage projects.", await create.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync("/api/v1/projects?archived=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/api/v1/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync($"/api/v1/projects/{org.ProjectId}")).StatusCode);

        var patch = await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/projects/{org.ProjectId}", new { name = "Viewer was here" });
        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Equal("You don't have permission to manage projects.", await patch.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/archive")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.IsArchived || p.Name == "Viewer was here"), org.Id));
    }

    [Fact]
    public async Task Patch_with_a_stale_version_is_409_with_the_current_state()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Versioned"));
        using var api = await factory.ApiClientAsync(org.Owner);

        var first = await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/projects/{project.Id}", new { description = "First edit", version = project.Version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var newVersion = (await first.JsonAsync()).GetProperty("version").GetGuid();
        Assert.NotEqual(project.Version, newVersion);

        var stale = await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/projects/{project.Id}", new { description = "Second edit", version = project.Version });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal("This project was changed by someone else. Reload to see the latest version.", problem.GetProperty("detail").GetString());
        Assert.Equal("First edit", problem.GetProperty("current").GetProperty("description").GetString());
        Assert.Equal(newVersion, problem.GetProperty("current").GetProperty("version").GetGuid());
        Assert.Equal("First edit", await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Description).SingleAsync(), org.Id));
    }

    [Fact]
    public async Task Archive_refuses_patch_then_unarchive_allows_it()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Archived"));
        using var api = await factory.ApiClientAsync(org.Owner);

        var archive = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{project.Id}/archive");
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.True((await archive.JsonAsync()).GetProperty("isArchived").GetBoolean());
        var active = await (await api.Http.GetAsync("/api/v1/projects")).JsonAsync();
        Assert.DoesNotContain(project.Id, active.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        var archived = await (await api.Http.GetAsync("/api/v1/projects?archived=true")).JsonAsync();
        Assert.Contains(project.Id, archived.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        var patch = await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/projects/{project.Id}", new { name = "Nope" });
        Assert.Equal(HttpStatusCode.Conflict, patch.StatusCode);
        Assert.Equal("This project is archived. Unarchive it to make changes.", await patch.ProblemDetailAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{project.Id}/unarchive")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Patch, $"/api/v1/projects/{project.Id}", new { name = project.Name + " renamed" })).StatusCode);
    }

    [Fact]
    public async Task Delete_needs_owner_or_admin_and_the_exact_name()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Delete via API"));
        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager);
        using var pmApi = await factory.ApiClientAsync(pm);
        using var api = await factory.ApiClientAsync(org.Owner);

        var byPm = await pmApi.SendJsonAsync(HttpMethod.Delete, $"/api/v1/projects/{project.Id}", new { confirmName = project.Name });
        Assert.Equal(HttpStatusCode.Forbidden, byPm.StatusCode);
        Assert.Equal("You don't have permission to administer the organization.", await byPm.ProblemDetailAsync());

        var wrong = await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/projects/{project.Id}", new { confirmName = "something else" });
        Assert.Equal("Type the project name exactly to confirm deletion", await wrong.ProblemErrorAsync("confirmName"));

        var ok = await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/projects/{project.Id}", new { confirmName = project.Name });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/v1/projects/{project.Id}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "project.deleted" && a.ProjectId == null), org.Id));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectApiTests_Sqlite(SqliteFactory factory) : ProjectApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ProjectApiTests_Postgres(PostgresFactory factory) : ProjectApiTests(factory);
