using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds;

/// <summary>WLD-010/011 welders, WLD-050/051 unplanned welds, WLD-080..083 log, PPL-040 roles.</summary>
public abstract class WeldCreationAndAccessTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task WLD050_051_unplanned_welds_are_numbered_inherit_the_drawing_and_duplicates_are_refused()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);

        var empty = await (await api.Http.GetAsync(Url(org, $"/welds/next-number?drawingId={drawing.Id}"))).JsonAsync();
        Assert.Equal(WeldNumbering.EmptyProjectNumber, empty.GetProperty("number").GetString());

        foreach (var number in new[] { "A-0007", "A-0008", "A-0010" })
        {
            await api.CreateWeldAsync(org, drawing.Id, number);
        }
        var next = await (await api.Http.GetAsync(Url(org, "/welds/next-number"))).JsonAsync();
        Assert.Equal("A-0009", next.GetProperty("number").GetString());

        var proposed = await api.CreateWeldAsync(org, drawing.Id);
        Assert.Equal("A-0009", proposed.Field("number"));
        Assert.Equal(0m, proposed.Percent());
        Assert.Equal(5.0m, proposed.GetProperty("weld").GetProperty("xRayPercent").GetDecimal());
        Assert.True(proposed.GetProperty("isUnplanned").GetBoolean());
        Assert.False(proposed.GetProperty("ndeRequired").GetBoolean());
        Assert.Equal((drawing.AreaId, drawing.SystemId, drawing.PackageId),
            (proposed.GetProperty("weld").GetProperty("areaId").GetGuid(), proposed.GetProperty("weld").GetProperty("systemId").GetGuid(),
             proposed.GetProperty("weld").GetProperty("packageId").GetGuid()));
        Assert.Equal("A-0011", (await (await api.Http.GetAsync(Url(org, "/welds/next-number"))).JsonAsync()).GetProperty("number").GetString());

        var duplicate = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welds"), new { drawingId = drawing.Id, number = "a-0008", weldType = "BW", size = "2", spec = "CS" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(WeldCommands.DuplicateNumber("a-0008"), await duplicate.ProblemDetailAsync());

        async Task InvalidAsync(object body, string message, HttpStatusCode status = HttpStatusCode.UnprocessableEntity)
        {
            var response = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welds"), body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(message, await response.ProblemDetailAsync());
        }
        var retired = await factory.AddDrawingAsync(org, retired: true);
        await InvalidAsync(new { drawingId = retired.Id, weldType = "BW", size = "2", spec = "CS" }, WeldCommands.DrawingNotFoundMessage, HttpStatusCode.NotFound);
        await InvalidAsync(new { weldType = "BW", size = "2", spec = "CS" }, WeldCommands.DrawingNotFoundMessage, HttpStatusCode.NotFound);
        await InvalidAsync(new { drawingId = drawing.Id, weldType = "ZZ", size = "2", spec = "CS" }, WeldCommands.WeldTypeMessage);
        await InvalidAsync(new { drawingId = drawing.Id, weldType = "BW", spec = "CS" }, WeldCommands.SizeRequiredMessage);
        await InvalidAsync(new { drawingId = drawing.Id, weldType = "BW", size = "2" }, WeldCommands.SpecRequiredMessage);
        await InvalidAsync(new { drawingId = drawing.Id, weldType = "BW", size = "2", spec = "CS", xRayPercent = 120 }, WeldRules.XRayMessage);

        // WLD-083: natural order in the log; WLD-082 search.
        await api.CreateWeldAsync(org, drawing.Id, "A-12");
        var log = await (await api.Http.GetAsync(Url(org, "/welds"))).JsonAsync();
        Assert.Equal(["A-0007", "A-0008", "A-0009", "A-0010", "A-12"],
            log.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        var search = await (await api.Http.GetAsync(Url(org, "/welds?search=a-001"))).JsonAsync();
        Assert.Equal(["A-0010"], search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        var byDrawing = await (await api.Http.GetAsync(Url(org, $"/welds?search={Uri.EscapeDataString(drawing.Number.ToLowerInvariant())}&welderId=unassigned&pageSize=2&page=2"))).JsonAsync();
        Assert.Equal((5, 2), (byDrawing.GetProperty("total").GetInt32(), byDrawing.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public async Task WLD010_011_welders_are_added_with_normalized_unique_stencils_edited_and_verified()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);
        var id = await api.AddWelderAsync(org, " jd-01 ", "Jo Dean");

        async Task RefusedAsync(HttpMethod method, string path, object body, string message, HttpStatusCode status)
        {
            var response = await api.SendJsonAsync(method, Url(org, path), body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(message, await response.ProblemDetailAsync());
        }
        await RefusedAsync(HttpMethod.Post, "/welders", new { stencil = "JD-01", name = "Other" }, WelderRules.StencilTaken("JD-01", "Jo Dean"), HttpStatusCode.Conflict);
        await RefusedAsync(HttpMethod.Post, "/welders", new { stencil = "J", name = "Other" }, WelderRules.StencilMessage, HttpStatusCode.UnprocessableEntity);
        await RefusedAsync(HttpMethod.Post, "/welders", new { stencil = "AB_1", name = "Other" }, WelderRules.StencilMessage, HttpStatusCode.UnprocessableEntity);
        await RefusedAsync(HttpMethod.Post, "/welders", new { stencil = "ZZ-9", name = " " }, WelderRules.NameRequiredMessage, HttpStatusCode.UnprocessableEntity);
        var second = await api.AddWelderAsync(org, "MM-2", "Mo Marsh");
        await RefusedAsync(HttpMethod.Put, $"/welders/{second}", new { stencil = "jd-01" }, WelderRules.StencilTaken("JD-01", "Jo Dean"), HttpStatusCode.Conflict);

        var edited = await api.SendJsonAsync(HttpMethod.Put, Url(org, $"/welders/{id}"), new { name = "Jo Deane", stencil = "jd-02" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var json = await edited.JsonAsync();
        Assert.Equal(("JD-02", "Jo Deane", "unverified"), (json.GetProperty("stencil").GetString(), json.GetProperty("name").GetString(), json.GetProperty("status").GetString()));

        var verified = await (await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/welders/{id}/verify"))).JsonAsync();
        Assert.Equal("verified", verified.GetProperty("status").GetString());
        Assert.Equal(org.Owner.Id, verified.GetProperty("verifiedByUserId").GetGuid());

        var list = await (await api.Http.GetAsync(Url(org, "/welders"))).JsonAsync();
        Assert.Equal(["JD-02", "MM-2"], list.EnumerateArray().Select(w => w.GetProperty("stencil").GetString()));
    }

    [Fact]
    public async Task PPL040_roles_are_refused_with_403_and_nothing_is_written()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var owner = await factory.ApiClientAsync(org.Owner);
        var welderId = await owner.AddWelderAsync(org, "PP-40");
        var weldId = (await owner.CreateWeldAsync(org, drawing.Id)).WeldId();

        var welderRole = await factory.CreateUserAsync(org.Id, OrgRole.Welder, "welder");
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        var qc = await factory.CreateUserAsync(org.Id, OrgRole.QcInspector, "qc");
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        const string manageWelds = "You don't have permission to manage welds.";
        const string qualityControl = "You don't have permission to perform quality control actions.";

        using (var api = await factory.ApiClientAsync(welderRole))
        {
            var add = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welders"), new { stencil = "WW-1", name = "Self" });
            Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
            Assert.Equal(manageWelds, await add.ProblemDetailAsync());
            await api.RefusedAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -1) }, manageWelds, status: HttpStatusCode.Forbidden);
            var create = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welds"), new { drawingId = drawing.Id, weldType = "BW", size = "2", spec = "CS" });
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
            // Reading is allowed to every role.
            Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(Url(org, $"/welds/{weldId}"))).StatusCode);
        }
        using (var api = await factory.ApiClientAsync(viewer))
        {
            await api.RefusedAsync(org, weldId, "retire", new { reason = "Viewer tries to retire" }, manageWelds, status: HttpStatusCode.Forbidden);
            await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "PASS" }, qualityControl, status: HttpStatusCode.Forbidden);
        }
        using (var api = await factory.ApiClientAsync(foreman))
        {
            await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -1) });
            await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "PASS" }, qualityControl, status: HttpStatusCode.Forbidden);
        }
        using (var api = await factory.ApiClientAsync(qc))
        {
            var passed = await api.CommandAsync(org, weldId, "nde", new { type = "RT", result = "PASS" });
            Assert.Equal(100m, passed.Percent());
        }
        var events = await factory.WeldEventsAsync(org.Id, weldId);
        string[] expected = [WeldEventActions.Assign, WeldEventActions.NdeRecord];
        Assert.Equal(expected.Order(StringComparer.Ordinal), events.Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.Single(await factory.WithDbAsync(db => Task.FromResult(db.Welders.Where(w => w.ProjectId == org.ProjectId).ToList()), org.Id));
    }

    [Fact]
    public async Task TRK045_PPL070_a_retried_command_writes_once_and_another_organizations_welder_or_drawing_is_unknown()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        var other = await factory.CreateOrganizationAsync();
        var otherDrawing = await factory.AddDrawingAsync(other);
        using var api = await factory.ApiClientAsync(org.Owner);
        using var otherApi = await factory.ApiClientAsync(other.Owner);
        var otherWelder = await otherApi.AddWelderAsync(other, "OB-1", "Other Org");
        var welderId = await api.AddWelderAsync(org, "ID-1");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();

        // PPL-070.3: naming another organization's welder or drawing answers 404 and changes nothing.
        await api.RefusedAsync(org, weldId, "assignment", new { welderId = otherWelder, dateWelded = Day(factory, -1) }, WeldCommands.WelderNotFoundMessage, status: HttpStatusCode.NotFound);
        await api.RefusedAsync(org, weldId, "reassign", new { drawingId = otherDrawing.Id }, WeldCommands.DrawingNotFoundMessage, status: HttpStatusCode.NotFound);
        var create = await api.SendJsonAsync(HttpMethod.Post, Url(org, "/welds"), new { drawingId = otherDrawing.Id, weldType = "BW", size = "2", spec = "CS" });
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Empty(await factory.WeldEventsAsync(org.Id, weldId));

        // TRK-045: the same Idempotency-Key and body replays the first answer and writes once.
        var body = new { welderId, dateWelded = Day(factory, -1) };
        var first = await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/welds/{weldId}/assignment"), body, "assign-once");
        var retry = await api.SendJsonAsync(HttpMethod.Post, Url(org, $"/welds/{weldId}/assignment"), body, "assign-once");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Single(await factory.WeldEventsAsync(org.Id, weldId));
        var componentId = (await factory.WeldAsync(org.Id, weldId)).ComponentId;
        Assert.Single(await factory.ReviewItemsAsync(org.Id, componentId));
    }

    [Fact]
    public async Task PPL033_archived_projects_refuse_weld_writes()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        await factory.WithDbAsync(async db =>
        {
            var project = await db.Projects.FindAsync(org.ProjectId);
            project!.IsArchived = true;
            await db.SaveChangesAsync();
        }, org.Id);
        await api.RefusedAsync(org, weldId, "specs", new { size = "3" }, PipeTrak.Web.Features.Projects.Project.ArchivedMessage, status: HttpStatusCode.Conflict);
        Assert.Equal("2", (await factory.WeldAsync(org.Id, weldId)).Size);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WeldCreationAndAccessTests_Sqlite(SqliteFactory factory) : WeldCreationAndAccessTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WeldCreationAndAccessTests_Postgres(PostgresFactory factory) : WeldCreationAndAccessTests(factory);
