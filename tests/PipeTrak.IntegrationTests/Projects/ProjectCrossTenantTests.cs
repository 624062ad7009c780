using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Projects;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Projects;

/// <summary>PPL-041 step 2: another organization's project is answered 404, exactly like an unknown id, and nothing changes.</summary>
public abstract class ProjectCrossTenantTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task Pages_answer_404_for_another_organizations_project()
    {
        var (a, b, before) = await TwoOrganizationsAsync();
        using var client = await factory.SignInAsync(a.Owner);
        var target = b.ProjectId!.Value;

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/projects/{target}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/projects/{target}/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/projects/{Guid.NewGuid()}/settings")).StatusCode);
        var fields = ProjectFields("Taken over");
        fields["Input.Version"] = before.Version.ToString();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostActionAsync("/projects", $"/projects/{target}/settings", fields)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostActionAsync("/projects", $"/projects/{target}/settings?handler=Archive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostActionAsync("/projects", $"/projects/{target}/settings?handler=Unarchive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostActionAsync("/projects", $"/projects/{target}/settings?handler=Delete", new Dictionary<string, string> { ["ConfirmName"] = before.Name })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostActionAsync("/projects", $"/projects/{target}/select")).StatusCode);

        await AssertUnchangedAsync(a, b, before);
    }

    [Fact]
    public async Task Api_answers_404_for_another_organizations_project()
    {
        var (a, b, before) = await TwoOrganizationsAsync();
        using var api = await factory.ApiClientAsync(a.Owner);
        var url = $"/api/v1/projects/{b.ProjectId}";

        var get = await api.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Patch, url, new { name = "Taken over", version = before.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Delete, url, new { confirmName = before.Name })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Post, url + "/archive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Post, url + "/unarchive")).StatusCode);
        var list = await (await api.Http.GetAsync("/api/v1/projects")).JsonAsync();
        Assert.DoesNotContain(b.ProjectId!.Value, list.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        await AssertUnchangedAsync(a, b, before);
    }

    [Fact]
    public async Task Lists_and_switcher_show_only_the_callers_projects()
    {
        var (a, b, before) = await TwoOrganizationsAsync();
        using var client = await factory.SignInAsync(a.Owner);
        var (_, doc) = await client.GetPageAsync("/projects");
        var ids = doc.QuerySelectorAll("[data-testid=project-row]").Select(r => r.GetAttribute("data-project-id")).ToList();
        Assert.Equal([a.ProjectId.ToString()], ids);
        Assert.DoesNotContain(before.Name, doc.QuerySelectorAll(".project-switcher .dropdown-item").Select(i => i.TextContent.Trim()));
    }

    private async Task<(TestOrg A, TestOrg B, Project BeforeB)> TwoOrganizationsAsync()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        var before = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == b.ProjectId), b.Id);
        return (a, b, before);
    }

    private async Task AssertUnchangedAsync(TestOrg a, TestOrg b, Project before)
    {
        var after = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == before.Id), b.Id);
        Assert.Equal((before.Name, before.Description, before.TimeZone, before.IsArchived, before.Version), (after.Name, after.Description, after.TimeZone, after.IsArchived, after.Version));
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(), b.Id));
        Assert.Equal(0, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(), a.Id));
        var selected = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == a.Owner.Id).Select(u => u.SelectedProjectId).SingleAsync());
        Assert.NotEqual(before.Id, selected);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectCrossTenantTests_Sqlite(SqliteFactory factory) : ProjectCrossTenantTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ProjectCrossTenantTests_Postgres(PostgresFactory factory) : ProjectCrossTenantTests(factory);
