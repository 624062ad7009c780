using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Security;

/// <summary>Cross-cutting API behaviour: idempotent writes, ProblemDetails for bad bodies, OpenAPI.</summary>
public abstract class ApiBehaviourTests(PipeTrakFactory factory)
{
    private static object NewProject(string name) => new { name, description = "Idempotency test", timeZone = "UTC" };

    [Fact]
    public async Task Retried_write_with_same_idempotency_key_replays_the_first_response_and_writes_once()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        using var api = await factory.ApiClientAsync(org.Owner);
        var key = Guid.NewGuid().ToString();
        var name = $"Idem {Guid.NewGuid():N}"[..20];

        var first = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject(name), key);
        var second = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject(name), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotency-Replayed").Single());
        var count = await factory.WithDbAsync(db => db.Projects.CountAsync(p => p.Name == name), org.Id);
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task Same_idempotency_key_with_a_different_body_is_refused()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        using var api = await factory.ApiClientAsync(org.Owner);
        var key = Guid.NewGuid().ToString();

        await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject($"A {Guid.NewGuid():N}"[..20]), key);
        var other = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject($"B {Guid.NewGuid():N}"[..20]), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await other.Content.ReadAsStringAsync());
        Assert.Equal("Idempotency key reused with different content", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Idempotency_keys_are_per_user()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        var pm = await factory.CreateUserAsync(org.Id, PipeTrak.Web.Features.Team.OrgRole.ProjectManager);
        using var ownerApi = await factory.ApiClientAsync(org.Owner);
        using var pmApi = await factory.ApiClientAsync(pm);
        var key = Guid.NewGuid().ToString();

        var a = await ownerApi.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject($"O {Guid.NewGuid():N}"[..20]), key);
        var b = await pmApi.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject($"P {Guid.NewGuid():N}"[..20]), key);

        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.False(b.Headers.Contains("Idempotency-Replayed"));
    }

    [Fact]
    public async Task Malformed_field_gets_400_problem_details_naming_the_field()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", """{"name": 5, "description": "x", "timeZone": "UTC"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("name", out _), json.RootElement.ToString());
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_400_problem_details()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", "{ not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_api_route_gets_404_problem_details_not_the_html_error_page()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await api.Http.GetAsync("/api/v1/projects/" + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bearer_caller_without_permission_gets_403_problem_details()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        var viewer = await factory.CreateUserAsync(org.Id, PipeTrak.Web.Features.Team.OrgRole.Viewer);
        using var api = await factory.ApiClientAsync(viewer);

        var response = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", NewProject($"V {Guid.NewGuid():N}"[..20]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_v1_routes_and_bearer_auth()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");
        foreach (var route in new[] { "/api/v1/me", "/api/v1/projects", "/api/v1/members", "/api/v1/invitations", "/api/v1/organization" })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"OpenAPI lacks {route}");
        }
        Assert.True(json.RootElement.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task Data_protection_keys_are_stored_in_the_database()
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        using var _ = await factory.SignInAsync(org.Owner);
        var keys = await factory.WithDbAsync(db => db.DataProtectionKeys.CountAsync());
        Assert.True(keys > 0);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ApiBehaviourTests_Sqlite(SqliteFactory factory) : ApiBehaviourTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ApiBehaviourTests_Postgres(PostgresFactory factory) : ApiBehaviourTests(factory);
