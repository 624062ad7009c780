using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Packages;

/// <summary>PKG-001..061 through /api/v1/projects/{projectId}/packages on both providers.</summary>
public abstract class PackageApiTests(PipeTrakFactory factory)
{
    private static string Url(TestOrg org, string rest = "") => $"/api/v1/projects/{org.ProjectId}/packages{rest}";

    private static object Hydro(string name, object? content = null) => new
    {
        name,
        testType = "Hydrostatic Test",
        testPressure = 150m,
        pressureUnit = "PSIG",
        drawingIds = (content as Guid[]) ?? null,
    };

    private static async Task<Guid> CreateAsync(AppClient api, TestOrg org, object body)
    {
        var response = await api.SendJsonAsync(HttpMethod.Post, Url(org), body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> DetailAsync(AppClient api, TestOrg org, Guid id) =>
        await (await api.Http.GetAsync(Url(org, $"/{id}"))).JsonAsync();

    [Fact]
    public async Task PKG003_004_012_create_from_drawings_assigns_their_components_and_says_how_many()
    {
        var org = await factory.CreateOrganizationAsync();
        var d1 = await factory.AddDrawingAsync(org, "P-101", 100, 50);
        var d2 = await factory.AddDrawingAsync(org, "P-102", 0);
        using var api = await factory.ApiClientAsync(org.Owner);

        var preview = await (await api.SendJsonAsync(HttpMethod.Post, Url(org, "/preview"), new { drawingIds = new[] { d1.Id, d2.Id } })).JsonAsync();
        Assert.Equal("3 components from 2 drawings", preview.GetProperty("preview").GetString());

        var response = await api.SendJsonAsync(HttpMethod.Post, Url(org), Hydro("HT-001", new[] { d1.Id, d2.Id }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        Assert.Equal("Package created with 3 component(s)", created.GetProperty("message").GetString());
        var id = created.GetProperty("id").GetGuid();

        var detail = await DetailAsync(api, org, id);
        var readiness = detail.GetProperty("package").GetProperty("readiness");
        Assert.Equal(3, readiness.GetProperty("total").GetInt32());
        Assert.Equal(1, readiness.GetProperty("completed").GetInt32());
        Assert.Equal(50m, readiness.GetProperty("average").GetDecimal());
        // PKG-050: hydrostatic stages in order, then Final.
        Assert.Equal(["Pre-Hydro Acceptance", "Test Acceptance", "Drain/Flush Acceptance", "Post-Hydro Acceptance", "Final Package Acceptance"],
            detail.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        // PKG-017: members came through their drawing.
        var members = await (await api.Http.GetAsync(Url(org, $"/{id}/components"))).JsonAsync();
        Assert.All(members.EnumerateArray(), m => Assert.StartsWith("From drawing P-10", m.GetProperty("badge").GetString(), StringComparison.Ordinal));
        // PKG-012: a drawing already in a package cannot be chosen again.
        var again = await api.SendJsonAsync(HttpMethod.Post, Url(org), Hydro("HT-002", new[] { d1.Id }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(PackageCommands.DrawingTakenMessage, (await again.JsonAsync()).GetProperty("detail").GetString());
        Assert.False(await factory.WithDbAsync(db => db.TestPackages.AnyAsync(p => p.Name == "HT-002"), org.Id));
    }

    [Fact]
    public async Task PKG002_validation_messages_and_unique_name_ignoring_case()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        await CreateAsync(api, org, Hydro("Loop A"));

        async Task<JsonElement> ErrorsAsync(object body)
        {
            var response = await api.SendJsonAsync(HttpMethod.Post, Url(org), body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("errors");
        }

        Assert.Equal(PackageRules.NameTakenMessage, (await ErrorsAsync(Hydro("LOOP a"))).GetProperty("Name").GetString());
        Assert.Equal(PackageRules.NameEmptyMessage, (await ErrorsAsync(Hydro("  "))).GetProperty("Name").GetString());
        Assert.Equal("Test pressure is required and must be greater than 0 for Hydrostatic Test tests",
            (await ErrorsAsync(new { name = "P1", testType = "Hydrostatic Test" })).GetProperty("TestPressure").GetString());
        Assert.Equal(PackageRules.OtherDescriptionMessage, (await ErrorsAsync(new { name = "P2", testType = "Other" })).GetProperty("OtherDescription").GetString());
        Assert.Equal(PackageRules.DescriptionMessage, (await ErrorsAsync(new { name = "P3", testType = "In-service Test", description = new string('x', 101) })).GetProperty("Description").GetString());
    }

    [Fact]
    public async Task PKG030_readiness_follows_the_spec_example_and_equals_a_recomputation()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "R-1", 100, 100, 100, 80, 0);
        var loose = await factory.AddLooseComponentAsync(org, 0m, postHydro: true);
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, Hydro("Ready check", new[] { drawing.Id }));
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/components"), new { ids = new[] { loose.Id } })).StatusCode);

        var r = (await DetailAsync(api, org, id)).GetProperty("package").GetProperty("readiness");
        Assert.Equal(6, r.GetProperty("total").GetInt32());
        Assert.Equal(3, r.GetProperty("completed").GetInt32());
        Assert.Equal(63.33m, r.GetProperty("average").GetDecimal());
        Assert.Equal(63, r.GetProperty("averageDisplay").GetInt32());
        Assert.Equal(5, r.GetProperty("testable").GetInt32());
        Assert.Equal(60.00m, r.GetProperty("testReadyPercent").GetDecimal());
        Assert.Equal("In progress", r.GetProperty("status").GetString());

        // Recomputation from the component rows.
        var rows = await factory.WithDbAsync(db => PackageQueries.Members(db, org.ProjectId!.Value, id).Select(c => new { c.Percent, c.PostHydro }).ToListAsync(), org.Id);
        var expected = rows.Aggregate(PackageReadiness.Empty, (acc, c) => acc.Add(c.Percent, c.PostHydro));
        Assert.Equal(expected.TestReadyPercent, r.GetProperty("testReadyPercent").GetDecimal());
        Assert.Equal(Math.Round(expected.Average, 2), r.GetProperty("average").GetDecimal());

        // Retiring the 0% member leaves only complete testable members: Ready (PKG-032), live on the next read.
        var zero = (await factory.ComponentsOfAsync(org, drawing.Id)).Single(c => c.Percent == 0m);
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Components.SingleAsync(x => x.Id == zero.Id);
            c.RetiredAt = factory.Clock.GetUtcNow().UtcDateTime;
            c.RetiredReason = "Removed from scope";
            var eighty = await db.Components.SingleAsync(x => x.DrawingId == drawing.Id && x.Percent == 80m);
            eighty.Percent = 100m;
            await db.SaveChangesAsync();
        }, org.Id);
        var ready = await (await api.Http.GetAsync(Url(org, "?filter=ready"))).JsonAsync();
        Assert.Equal(id, ready.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal("Ready", ready[0].GetProperty("readiness").GetProperty("status").GetString());
    }

    [Fact]
    public async Task PKG011_013_components_join_only_when_unassigned_and_leave_with_a_reason_unless_inherited()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "A-7", 10, 20);
        var loose = await factory.AddLooseComponentAsync(org, 0m);
        using var api = await factory.ApiClientAsync(org.Owner);
        var a = await CreateAsync(api, org, Hydro("A", new[] { drawing.Id }));
        var b = await CreateAsync(api, org, new { name = "B", testType = "Sensitive Leak Test" });

        var inherited = (await factory.ComponentsOfAsync(org, drawing.Id))[0];
        var taken = await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{b}/components"), new { ids = new[] { inherited.Id } });
        Assert.Equal(PackageCommands.ComponentTakenMessage, (await taken.JsonAsync()).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{b}/components"), new { ids = new[] { loose.Id } })).StatusCode);
        var member = (await (await api.Http.GetAsync(Url(org, $"/{b}/components"))).JsonAsync())[0];
        Assert.Equal("Manually assigned", member.GetProperty("badge").GetString());

        var noReason = await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{b}/components/{loose.Id}/remove"), new { reason = " " });
        Assert.Equal(PackageCommands.ReasonMessage, (await noReason.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{b}/components/{loose.Id}/remove"), new { reason = "Wrong system" })).StatusCode);
        Assert.Null((await factory.ReloadAsync(org.Id, loose.Id)).PackageId);

        var through = await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{a}/components/{inherited.Id}/remove"), new { reason = "Try" });
        Assert.Equal(HttpStatusCode.Conflict, through.StatusCode);
        Assert.Equal("This component belongs to the package through drawing A-7. Remove the drawing instead.", (await through.JsonAsync()).GetProperty("detail").GetString());

        // PKG-014: removing the drawing releases its components in this package, audited.
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{a}/drawings/{drawing.Id}/remove"), new { reason = "Moved to B" })).StatusCode);
        Assert.All(await factory.ComponentsOfAsync(org, drawing.Id), c => Assert.Null(c.PackageId));
        var audit = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "drawing_assignment_removed").Select(e => e.Details).SingleAsync(), org.Id);
        Assert.Contains("\"componentsReleased\":2", audit, StringComparison.Ordinal);
        Assert.Contains("Moved to B", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PKG041_042_certificate_draft_then_submit_numbers_per_project_and_starts_the_first_stage()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var first = await CreateAsync(api, org, Hydro("C1"));
        var second = await CreateAsync(api, org, Hydro("C2"));

        var draft = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{first}/certificate"), new { client = "ACME Refining" });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("Certificate PKG-001 saved as draft", (await draft.JsonAsync()).GetProperty("message").GetString());

        var refused = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{second}/certificate"), new { submit = true, temperature = -300m });
        var errors = (await refused.JsonAsync()).GetProperty("errors");
        Assert.Equal("Test pressure is required", errors.GetProperty("TestPressure").GetString());
        Assert.Equal("Test media is required", errors.GetProperty("TestMedia").GetString());
        Assert.Equal("Temperature must be above −273", errors.GetProperty("Temperature").GetString());

        var submit = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{second}/certificate"), new { submit = true, testPressure = 225m, testMedia = "Water", temperature = 60m });
        Assert.Equal("Certificate PKG-002 submitted", (await submit.JsonAsync()).GetProperty("message").GetString());
        var detail = await DetailAsync(api, org, second);
        Assert.Equal("submitted", detail.GetProperty("certificate").GetProperty("status").GetString());
        Assert.Equal("PKG-002", detail.GetProperty("certificate").GetProperty("number").GetString());
        Assert.Equal("in_progress", detail.GetProperty("stages")[0].GetProperty("status").GetString());

        // The number never changes on later saves (PKG-041).
        var resave = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{first}/certificate"), new { client = "ACME", testMedia = "Water" });
        Assert.Equal("Certificate PKG-001 saved as draft", (await resave.JsonAsync()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task PKG052_059_a_hydrostatic_workflow_walks_in_order_to_FINAL()
    {
        var org = await factory.CreateOrganizationAsync();
        var qc = await factory.CreateUserAsync(org.Id, OrgRole.QcInspector, "qc");
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var owner = await factory.ApiClientAsync(org.Owner);
        using var api = await factory.ApiClientAsync(qc);
        using var field = await factory.ApiClientAsync(foreman);
        var id = await CreateAsync(owner, org, Hydro("Walk"));
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");

        async Task<JsonElement> StagesAsync() => (await DetailAsync(api, org, id)).GetProperty("stages");
        async Task<HttpResponseMessage> ActAsync(int index, string action, object? extra = null)
        {
            var stage = (await StagesAsync())[index];
            var body = extra ?? new { version = stage.GetProperty("version").GetGuid() };
            return await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/stages/{stage.GetProperty("id").GetGuid()}/{action}"), body);
        }
        async Task SignAsync(int index, params string[] roles)
        {
            var stage = (await StagesAsync())[index];
            var response = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}/stages/{stage.GetProperty("id").GetGuid()}"), new
            {
                signOffs = roles.Select(r => new { role = r, name = r + " Rep", date = today }).ToArray(),
                version = stage.GetProperty("version").GetGuid(),
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Out of order: the Test stage before Pre-Hydro.
        var early = await ActAsync(1, "complete");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("Cannot complete stage: previous stage not completed or skipped", (await early.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("Complete previous stages first", (await (await ActAsync(1, "start")).JsonAsync()).GetProperty("detail").GetString());
        // A foreman may not act on stages (PKG-061).
        var stage0 = (await StagesAsync())[0];
        Assert.Equal(HttpStatusCode.Forbidden, (await field.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/stages/{stage0.GetProperty("id").GetGuid()}/start"), new { })).StatusCode);
        // Missing sign-off blocks completion.
        Assert.Equal("QC Representative sign-off is required", (await (await ActAsync(0, "complete")).JsonAsync()).GetProperty("detail").GetString());

        await SignAsync(0, "Qc");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(0, "complete")).StatusCode);
        Assert.Equal("QC Representative and Client Representative sign-offs are required", (await (await ActAsync(1, "complete")).JsonAsync()).GetProperty("detail").GetString());
        await SignAsync(1, "Qc", "Client");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(1, "complete")).StatusCode);
        // Skip needs a reason; Final can never be skipped.
        var stage2 = (await StagesAsync())[2];
        Assert.Equal(Workflow.SkipReasonMessage, (await (await ActAsync(2, "skip", new { reason = "", version = stage2.GetProperty("version").GetGuid() })).JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(2, "skip", new { reason = "Line drained by client", version = stage2.GetProperty("version").GetGuid() })).StatusCode);
        await SignAsync(3, "Qc");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(3, "complete")).StatusCode);
        var final = (await StagesAsync())[4];
        Assert.Equal(Workflow.FinalSkipMessage, (await (await ActAsync(4, "skip", new { reason = "No", version = final.GetProperty("version").GetGuid() })).JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal("DRAFT", (await DetailAsync(api, org, id)).GetProperty("package").GetProperty("state").GetString());
        await SignAsync(4, "Qc", "Client", "Manufacturer");
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(4, "complete")).StatusCode);

        var done = (await DetailAsync(api, org, id)).GetProperty("package");
        Assert.Equal("FINAL", done.GetProperty("state").GetString());
        Assert.Equal(100, done.GetProperty("workflowPercent").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("currentStage").ValueKind);
        // PKG-058: a completed stage keeps its required sign-offs.
        var last = (await StagesAsync())[4];
        var removal = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}/stages/{last.GetProperty("id").GetGuid()}"), new
        {
            signOffs = new[] { new { role = "Qc", name = "Qc Rep", date = today } },
            version = last.GetProperty("version").GetGuid(),
        });
        Assert.Equal(Workflow.KeepSignOffsMessage, (await removal.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PKG059_two_concurrent_completions_of_one_stage_one_wins_the_other_gets_409()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        using var other = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, new { name = "Race", testType = "In-service Test" });
        var stage = (await DetailAsync(api, org, id)).GetProperty("stages")[0];
        var stageId = stage.GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        var signed = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}/stages/{stageId}"), new
        {
            signOffs = new[] { "Qc", "Client", "Manufacturer" }.Select(r => new { role = r, name = r, date = today }).ToArray(),
            version = stage.GetProperty("version").GetGuid(),
        });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var version = (await DetailAsync(api, org, id)).GetProperty("stages")[0].GetProperty("version").GetGuid();

        var responses = await Task.WhenAll(
            api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/stages/{stageId}/complete"), new { version }),
            other.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/stages/{stageId}/complete"), new { version }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var detail = (await loser.JsonAsync()).GetProperty("detail").GetString();
        Assert.True(detail is Workflow.ConcurrencyMessage or Workflow.InvalidTransitionMessage, detail);
        Assert.Equal("FINAL", (await DetailAsync(api, org, id)).GetProperty("package").GetProperty("state").GetString());
        Assert.Equal(1, await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "stage_complete"), org.Id));
    }

    [Fact]
    public async Task PKG060_delete_needs_the_name_and_releases_drawings_and_components()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org, "D-1", 10, 20, 30);
        var loose = await factory.AddLooseComponentAsync(org, 0m);
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, Hydro("Gone", new[] { drawing.Id }));
        await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/components"), new { ids = new[] { loose.Id } });
        await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}/certificate"), new { client = "X" });

        var wrong = await api.SendJsonAsync(HttpMethod.Delete, Url(org, $"/{id}?confirmName=gone"));
        Assert.Equal(PackageCommands.ConfirmNameMessage, (await wrong.JsonAsync()).GetProperty("detail").GetString());
        var deleted = await api.SendJsonAsync(HttpMethod.Delete, Url(org, $"/{id}?confirmName=Gone"));
        Assert.Equal("Deleted Gone; 4 component(s) released", (await deleted.JsonAsync()).GetProperty("message").GetString());

        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.TestPackages.AnyAsync(p => p.Id == id));
            Assert.False(await db.PackageStages.AnyAsync(s => s.PackageId == id));
            Assert.False(await db.PackageCertificates.AnyAsync(c => c.PackageId == id));
            Assert.Null((await db.Drawings.SingleAsync(d => d.Id == drawing.Id)).PackageId);
            Assert.False(await db.Components.AnyAsync(c => c.PackageId == id));
            Assert.Contains("\"componentsReleased\":4", await db.AuditEntries.Where(e => e.Action == "package_deleted").Select(e => e.Details).SingleAsync(), StringComparison.Ordinal);
        }, org.Id);
    }

    [Theory]
    [InlineData(OrgRole.Foreman, false, true, false)]
    [InlineData(OrgRole.QcInspector, false, false, true)]
    [InlineData(OrgRole.Viewer, false, false, false)]
    [InlineData(OrgRole.ProjectManager, true, true, true)]
    public async Task PKG061_roles_are_enforced_on_the_server(OrgRole role, bool canCreate, bool canAssign, bool canCertify)
    {
        var org = await factory.CreateOrganizationAsync();
        var loose = await factory.AddLooseComponentAsync(org, 0m);
        using var owner = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(owner, org, Hydro("Roles"));
        var member = await factory.CreateUserAsync(org.Id, role, role.ToString().ToLowerInvariant());
        using var api = await factory.ApiClientAsync(member);

        var create = await api.SendJsonAsync(HttpMethod.Post, Url(org), Hydro("By " + role));
        Assert.Equal(canCreate ? HttpStatusCode.Created : HttpStatusCode.Forbidden, create.StatusCode);
        var assign = await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/components"), new { ids = new[] { loose.Id } });
        Assert.Equal(canAssign ? HttpStatusCode.OK : HttpStatusCode.Forbidden, assign.StatusCode);
        var certify = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}/certificate"), new { client = "C" });
        Assert.Equal(canCertify ? HttpStatusCode.OK : HttpStatusCode.Forbidden, certify.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(Url(org, $"/{id}"))).StatusCode);
        // Manhours only for owner/admin/PM.
        var card = (await (await api.Http.GetAsync(Url(org))).JsonAsync())[0];
        Assert.Equal(role == OrgRole.ProjectManager ? JsonValueKind.Number : JsonValueKind.Null, card.GetProperty("budgetedManhours").ValueKind);
    }

    [Fact]
    public async Task PKG051_the_test_type_locks_once_the_workflow_has_started_and_flags_insert_before_final()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await CreateAsync(api, org, new { name = "Flags", testType = "Pneumatic Test", testPressure = 50m });
        var detail = await DetailAsync(api, org, id);
        var version = detail.GetProperty("version").GetGuid();

        var insulated = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}"), new { name = "Flags", testType = "Pneumatic Test", testPressure = 50m, requiresInsulation = true, version });
        Assert.Equal(HttpStatusCode.OK, insulated.StatusCode);
        detail = await DetailAsync(api, org, id);
        Assert.Equal(["Pre-Hydro Acceptance", "Test Acceptance", "Post-Hydro Acceptance", "Insulation Acceptance", "Final Package Acceptance"],
            detail.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        // A stale editor is refused.
        var stale = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}"), new { name = "Flags", testType = "Pneumatic Test", testPressure = 50m, version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var first = detail.GetProperty("stages")[0];
        await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/{id}/stages/{first.GetProperty("id").GetGuid()}/start"), new { version = first.GetProperty("version").GetGuid() });
        var locked = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/{id}"), new { name = "Flags", testType = "Hydrostatic Test", testPressure = 50m, requiresInsulation = true, version = detail.GetProperty("version").GetGuid() });
        Assert.Equal(Workflow.TestTypeLockedMessage, (await locked.JsonAsync()).GetProperty("detail").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PackageApiTests_Sqlite(SqliteFactory factory) : PackageApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PackageApiTests_Postgres(PostgresFactory factory) : PackageApiTests(factory);
