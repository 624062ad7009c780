using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Projects;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Organizations;

/// <summary>PPL-020 organization settings (name; the logo is not implemented yet).</summary>
public abstract class OrganizationSettingsTests(PipeTrakFactory factory)
{
    private const string Refusal = "Only owners and admins can access organization settings.";

    [Theory]
    [InlineData(OrgRole.ProjectManager)]
    [InlineData(OrgRole.Viewer)]
    public async Task PPL020_others_get_403_with_the_message(OrgRole role)
    {
        var org = await factory.CreateOrganizationAsync();
        var member = await factory.CreateUserAsync(org.Id, role);
        using var client = await factory.SignInAsync(member);

        var get = await client.Http.GetAsync("/organization/settings");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(Refusal, await get.ErrorMessageAsync());

        var post = await client.PostActionAsync("/projects", "/organization/settings", new Dictionary<string, string> { ["Input.Name"] = "Hijacked" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(Refusal, await post.ErrorMessageAsync());
        Assert.Equal(org.Name, await factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
    }

    [Theory]
    [InlineData(OrgRole.Owner)]
    [InlineData(OrgRole.Admin)]
    public async Task PPL020_owner_and_admin_rename_and_it_is_audited(OrgRole role)
    {
        var org = await factory.CreateOrganizationAsync();
        var member = role == OrgRole.Owner ? org.Owner : await factory.CreateUserAsync(org.Id, role);
        using var client = await factory.SignInAsync(member);
        var (page, doc) = await client.GetPageAsync("/organization/settings");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(org.Name, doc.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));

        var response = await client.PostFormAsync("/organization/settings", new Dictionary<string, string> { ["Input.Name"] = " Renamed Mechanical " }, "[data-testid=organization-settings-form]");

        Assert.True(response.IsRedirectTo("/organization/settings"));
        Assert.Equal("Renamed Mechanical", await factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "organization.renamed"), org.Id);
        Assert.Equal(member.Id, audit.ActorUserId);
        Assert.Null(audit.ProjectId);
        Assert.Contains(org.Name, audit.Details!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PPL020_name_is_required()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);
        var response = await client.PostFormAsync("/organization/settings", new Dictionary<string, string> { ["Input.Name"] = "" }, "[data-testid=organization-settings-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Organization name is required", (await response.DocumentAsync()).QuerySelector("[data-testid=validation-summary]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task API_get_and_patch_the_organization()
    {
        var org = await factory.CreateOrganizationAsync();
        var admin = await factory.CreateUserAsync(org.Id, OrgRole.Admin);
        using var api = await factory.ApiClientAsync(admin);

        var get = await api.Http.GetAsync("/api/v1/organization");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(org.Name, (await get.JsonAsync()).GetProperty("name").GetString());

        var invalid = await api.SendJsonAsync(HttpMethod.Patch, "/api/v1/organization", new { name = " " });
        Assert.Equal("Organization name is required", await invalid.ProblemErrorAsync("name"));

        var patch = await api.SendJsonAsync(HttpMethod.Patch, "/api/v1/organization", new { name = "API Renamed" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("API Renamed", (await patch.JsonAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task API_patch_by_a_project_manager_is_403()
    {
        var org = await factory.CreateOrganizationAsync();
        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager);
        using var api = await factory.ApiClientAsync(pm);

        var patch = await api.SendJsonAsync(HttpMethod.Patch, "/api/v1/organization", new { name = "Nope" });

        Assert.Equal(HttpStatusCode.Forbidden, patch.StatusCode);
        Assert.Equal(Refusal, await patch.ProblemDetailAsync());
        Assert.Equal(org.Name, await factory.WithDbAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class OrganizationSettingsTests_Sqlite(SqliteFactory factory) : OrganizationSettingsTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class OrganizationSettingsTests_Postgres(PostgresFactory factory) : OrganizationSettingsTests(factory);
