using System.Net;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Projects;

/// <summary>PPL-030..035 through the pages.</summary>
public abstract class ProjectPagesTests(PipeTrakFactory factory)
{
    private const string ArchivedMessage = "This project is archived. Unarchive it to make changes.";

    [Fact]
    public async Task PPL031_create_selects_the_project_audits_and_opens_its_dashboard()
    {
        var org = await factory.CreateOrganizationAsync();
        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager);
        using var client = await factory.SignInAsync(pm);
        var name = UniqueName("Unit");

        var response = await client.PostFormAsync("/projects/new", ProjectFields("  " + name + " ", "Hydrocracker piping", "Europe/Berlin"), "[data-testid=new-project-form]");

        var project = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Name == name), org.Id);
        Assert.True(response.IsRedirectTo($"/projects/{project.Id}/dashboard"));
        Assert.Equal("Europe/Berlin", project.TimeZone);
        Assert.Equal("Hydrocracker piping", project.Description);
        Assert.Equal(pm.Id, project.CreatedByUserId);
        Assert.Equal(project.Id, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == pm.Id).Select(u => u.SelectedProjectId).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ProjectId == project.Id && a.Action == "project.created" && a.ActorUserId == pm.Id), org.Id));
    }

    [Fact]
    public async Task PPL031_validation_messages()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);

        var response = await client.PostFormAsync("/projects/new", ProjectFields("", "", "Nowhere/Special"), "[data-testid=new-project-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.DocumentAsync();
        Assert.Equal("Project name is required", doc.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.Trim());
        Assert.Equal("Description is required", doc.QuerySelector("[data-valmsg-for='Input.Description']")!.TextContent.Trim());
        Assert.Equal("Choose a valid time zone", doc.QuerySelector("[data-valmsg-for='Input.TimeZone']")!.TextContent.Trim());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Projects.CountAsync(), org.Id));
    }

    [Fact]
    public async Task PPL031_name_is_unique_in_the_organization_ignoring_case_but_not_across_organizations()
    {
        var org = await factory.CreateOrganizationAsync();
        var other = await factory.CreateOrganizationAsync();
        var name = UniqueName("North Yard");
        await factory.CreateProjectAsync(org.Id, name, archived: true);
        using var client = await factory.SignInAsync(org.Owner);

        var duplicate = await client.PostFormAsync("/projects/new", ProjectFields(name.ToUpperInvariant()), "[data-testid=new-project-form]");
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Equal($"A project named '{name.ToUpperInvariant()}' already exists",
            (await duplicate.DocumentAsync()).QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent.Trim());

        using var otherClient = await factory.SignInAsync(other.Owner);
        var elsewhere = await otherClient.PostFormAsync("/projects/new", ProjectFields(name), "[data-testid=new-project-form]");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Theory]
    [InlineData(OrgRole.Foreman)]
    [InlineData(OrgRole.Viewer)]
    [InlineData(OrgRole.QcInspector)]
    public async Task PPL041_roles_without_project_management_get_403_on_create_and_settings(OrgRole role)
    {
        var org = await factory.CreateOrganizationAsync();
        var member = await factory.CreateUserAsync(org.Id, role);
        using var client = await factory.SignInAsync(member);
        const string message = "You don't have permission to manage projects.";

        var newPage = await client.Http.GetAsync("/projects/new");
        Assert.Equal(HttpStatusCode.Forbidden, newPage.StatusCode);
        Assert.Equal(message, await newPage.ErrorMessageAsync());

        var create = await client.PostActionAsync("/projects", "/projects/new", ProjectFields(UniqueName()));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);

        var settings = await client.Http.GetAsync($"/projects/{org.ProjectId}/settings");
        Assert.Equal(HttpStatusCode.Forbidden, settings.StatusCode);
        Assert.Equal(message, await settings.ErrorMessageAsync());

        var fields = ProjectFields("Renamed by " + role);
        fields["Input.Version"] = Guid.NewGuid().ToString();
        var save = await client.PostActionAsync("/projects", $"/projects/{org.ProjectId}/settings", fields);
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
        var archive = await client.PostActionAsync("/projects", $"/projects/{org.ProjectId}/settings?handler=Archive");
        Assert.Equal(HttpStatusCode.Forbidden, archive.StatusCode);

        Assert.Equal(1, await factory.WithDbAsync(db => db.Projects.CountAsync(p => !p.IsArchived), org.Id));
        var list = await client.GetPageAsync("/projects");
        Assert.Null(list.Document.QuerySelector("[data-testid=new-project]"));
        Assert.Null(list.Document.QuerySelector("[data-testid=show-archived]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync("/projects?archived=true")).StatusCode);
    }

    [Fact]
    public async Task PPL032_edit_is_saved_with_a_new_version_and_audited_before_and_after()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Before"));
        using var client = await factory.SignInAsync(org.Owner);
        var (_, page) = await client.GetPageAsync($"/projects/{project.Id}/settings");
        Assert.Equal(project.Version.ToString(), page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value"));
        var after = UniqueName("After");
        var fields = ProjectFields(after, "New description", "Asia/Tokyo");
        fields["Input.Version"] = project.Version.ToString();

        var response = await client.PostFormAsync($"/projects/{project.Id}/settings", fields, "[data-testid=project-settings-form]");

        Assert.True(response.IsRedirectTo($"/projects/{project.Id}/settings"));
        var stored = await factory.WithDbAsync(db => db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id), org.Id);
        Assert.Equal((after, "New description", "Asia/Tokyo"), (stored.Name, stored.Description, stored.TimeZone));
        Assert.NotEqual(project.Version, stored.Version);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.ProjectId == project.Id && a.Action == "project.updated"), org.Id);
        Assert.Contains(project.Name, audit.Details!, StringComparison.Ordinal);
        Assert.Contains(after, audit.Details!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PPL032_stale_version_is_refused_and_nothing_is_saved()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Stale"));
        using var client = await factory.SignInAsync(org.Owner);
        var first = ProjectFields(project.Name + " first");
        first["Input.Version"] = project.Version.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/projects/{project.Id}/settings", first, "[data-testid=project-settings-form]")).StatusCode);

        var stale = ProjectFields(project.Name + " second");
        stale["Input.Version"] = project.Version.ToString();
        var response = await client.PostFormAsync($"/projects/{project.Id}/settings", stale, "[data-testid=project-settings-form]");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("This project was changed by someone else. Reload to see the latest version.",
            (await response.DocumentAsync()).QuerySelector("[data-testid=validation-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(project.Name + " first", await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync(), org.Id));
    }

    [Fact]
    public async Task PPL033_archive_hides_the_project_makes_it_read_only_and_unarchive_restores_it()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Archive me"));
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        using var owner = await factory.SignInAsync(org.Owner);
        using var viewerClient = await factory.SignInAsync(viewer);

        var archive = await owner.PostFormAsync($"/projects/{project.Id}/settings", new Dictionary<string, string>(), "[data-testid=archive-form]");
        Assert.True(archive.IsRedirectTo($"/projects/{project.Id}/settings"));
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ProjectId == project.Id && a.Action == "project.archived"), org.Id));

        // Hidden from the list and the switcher, for everyone.
        foreach (var client in new[] { owner, viewerClient })
        {
            var (_, list) = await client.GetPageAsync("/projects");
            Assert.DoesNotContain(project.Id.ToString(), list.QuerySelectorAll("[data-testid=project-row]").Select(r => r.GetAttribute("data-project-id")));
            Assert.DoesNotContain(project.Name, list.QuerySelectorAll(".project-switcher .dropdown-item").Select(i => i.TextContent.Trim()));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await viewerClient.Http.GetAsync($"/projects/{project.Id}/dashboard")).StatusCode);
        var (_, archived) = await owner.GetPageAsync("/projects?archived=true");
        Assert.Contains(project.Id.ToString(), archived.QuerySelectorAll("[data-testid=project-row]").Select(r => r.GetAttribute("data-project-id")));
        var (_, settingsPage) = await owner.GetPageAsync($"/projects/{project.Id}/settings");
        Assert.True(settingsPage.QuerySelector("input[name='Input.Name']")!.HasAttribute("disabled"));
        Assert.Null(settingsPage.QuerySelector("[data-testid=archive-form]"));
        var (_, dashboard) = await owner.GetPageAsync($"/projects/{project.Id}/dashboard");
        Assert.Equal(ArchivedMessage, dashboard.QuerySelector("[data-testid=archived-banner]")!.TextContent.Trim());

        // Read-only: an edit is refused with the message and nothing changes.
        var fields = ProjectFields("Edited while archived");
        fields["Input.Version"] = (await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Version).SingleAsync(), org.Id)).ToString();
        var edit = await owner.PostActionAsync("/projects", $"/projects/{project.Id}/settings", fields);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(ArchivedMessage, await edit.ErrorMessageAsync());
        Assert.Equal(project.Name, await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.Name).SingleAsync(), org.Id));

        var unarchive = await owner.PostFormAsync($"/projects/{project.Id}/settings", new Dictionary<string, string>(), "[data-testid=unarchive-form]");
        Assert.True(unarchive.IsRedirectTo($"/projects/{project.Id}/settings"));
        var (_, editable) = await owner.GetPageAsync($"/projects/{project.Id}/settings");
        Assert.False(editable.QuerySelector("input[name='Input.Name']")!.HasAttribute("disabled"));
        var (_, again) = await viewerClient.GetPageAsync("/projects");
        Assert.Contains(project.Id.ToString(), again.QuerySelectorAll("[data-testid=project-row]").Select(r => r.GetAttribute("data-project-id")));
    }

    [Fact]
    public async Task PPL034_delete_requires_the_exact_name_and_leaves_an_organization_level_audit_entry()
    {
        var org = await factory.CreateOrganizationAsync();
        var project = await factory.CreateProjectAsync(org.Id, UniqueName("Doomed"));
        var bystander = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == bystander.Id);
            user.SelectedProjectId = project.Id;
            await db.SaveChangesAsync();
        });
        using var client = await factory.SignInAsync(org.Owner);
        // A project-level audit entry that goes with the project.
        await client.PostFormAsync($"/projects/{project.Id}/settings", new Dictionary<string, string>(), "[data-testid=archive-form]");

        var wrong = await client.PostFormAsync($"/projects/{project.Id}/settings", new Dictionary<string, string> { ["ConfirmName"] = project.Name.ToLowerInvariant() }, "[data-testid=delete-form]");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(ProjectRules.DeleteConfirmMismatch, (await wrong.DocumentAsync()).QuerySelector("[data-testid=confirm-name-error]")!.TextContent.Trim());
        Assert.True(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == project.Id), org.Id));

        var delete = await client.PostFormAsync($"/projects/{project.Id}/settings", new Dictionary<string, string> { ["ConfirmName"] = project.Name }, "[data-testid=delete-form]");

        Assert.True(delete.IsRedirectTo("/projects"));
        Assert.False(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == project.Id), org.Id));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.ProjectId == project.Id), org.Id));
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "project.deleted"), org.Id);
        Assert.Null(entry.ProjectId);
        Assert.Contains(project.Name, entry.Summary, StringComparison.Ordinal);
        Assert.Null(await factory.WithDbAsync(db => db.Users.Where(u => u.Id == bystander.Id).Select(u => u.SelectedProjectId).SingleAsync()));
        Assert.True(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == org.ProjectId), org.Id));
    }

    [Fact]
    public async Task PPL034_project_managers_cannot_delete()
    {
        var org = await factory.CreateOrganizationAsync();
        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager);
        using var client = await factory.SignInAsync(pm);
        var (_, page) = await client.GetPageAsync($"/projects/{org.ProjectId}/settings");
        Assert.Null(page.QuerySelector("[data-testid=delete-form]"));
        var name = await factory.WithDbAsync(db => db.Projects.Where(p => p.Id == org.ProjectId).Select(p => p.Name).SingleAsync(), org.Id);

        var delete = await client.PostActionAsync("/projects", $"/projects/{org.ProjectId}/settings?handler=Delete", new Dictionary<string, string> { ["ConfirmName"] = name });

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("You don't have permission to administer the organization.", await delete.ErrorMessageAsync());
        Assert.True(await factory.WithDbAsync(db => db.Projects.AnyAsync(p => p.Id == org.ProjectId), org.Id));
    }

    [Fact]
    public async Task PPL030_list_is_newest_first()
    {
        var org = await factory.CreateOrganizationAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await factory.CreateProjectAsync(org.Id, UniqueName("Newer"));
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer);
        using var client = await factory.SignInAsync(viewer);
        var (_, doc) = await client.GetPageAsync("/projects");
        var ids = doc.QuerySelectorAll("[data-testid=project-row]").Select(r => r.GetAttribute("data-project-id")).ToList();
        Assert.Equal([newer.Id.ToString(), org.ProjectId.ToString()], ids);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProjectPagesTests_Sqlite(SqliteFactory factory) : ProjectPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ProjectPagesTests_Postgres(PostgresFactory factory) : ProjectPagesTests(factory);
