using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Team;
using static PipeTrak.IntegrationTests.Imports.ImportTestHelpers;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Imports;

/// <summary>IMP-001..047 through /api/v1/projects/{projectId}/imports on both providers.</summary>
public abstract class ImportApiTests(PipeTrakFactory factory)
{
    private static readonly byte[] Sample = CsvBytes(
        "P-1001,Spool,1,SP-1,,,Area 1,Sys A,PKG-1,H1",
        "P-1001,Valve,2,VLV-2,2,CS150_X,area 1,Sys A,,",
        "P-1001,Pipe,12.5,CS-PIPE,2,,Area 1,,,",
        "P-1001,Pipe,30,CS-PIPE,2,,,,,",
        "P-1002,Instrument,3,FT-1,1,,,,,",
        "P-1002,Bolt,4,B-1,,,,,,",
        "P-1002,Field_Weld,1,W-1,2,,,,,");

    private async Task<(TestOrg Org, AppClient Api)> OrgAsync()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.EnsureTemplatesAsync(org.Id, org.ProjectId!.Value);
        return (org, await factory.ApiClientAsync(org.Owner));
    }

    [Fact]
    public async Task IMP030_040_upload_previews_without_writing_and_confirm_commits_everything()
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var projectId = org.ProjectId!.Value;

        var preview = await api.PreviewAsync(projectId, Sample);
        var p = preview.GetProperty("preview");
        Assert.True(p.GetProperty("canImport").GetBoolean());
        Assert.Equal(7, p.GetProperty("rows").GetInt32());
        Assert.Equal(",", p.GetProperty("delimiter").GetString());
        Assert.Equal(6, p.GetProperty("componentCount").GetInt32());
        Assert.Equal(6, p.GetProperty("componentsToCreate").GetInt32());
        Assert.Equal(1, p.GetProperty("skippedCount").GetInt32());
        var skipped = p.GetProperty("skipped")[0];
        Assert.Equal("unsupported_type", skipped.GetProperty("code").GetString());
        Assert.Equal("Row 6 (line 7): type 'Bolt' is not tracked; row skipped", skipped.GetProperty("rows")[0].GetProperty("message").GetString());
        Assert.Equal(2, p.GetProperty("countsByType").GetProperty("valve").GetInt32());
        Assert.Equal(["Area 1"], p.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.False(p.GetProperty("areas")[0].GetProperty("exists").GetBoolean());
        Assert.Equal(2, p.GetProperty("drawingsToCreate").GetInt32());
        Assert.Contains(p.GetProperty("unmapped").EnumerateArray(), u => u.GetString() == "Heat No");
        Assert.Contains(p.GetProperty("mappings").EnumerateArray(), m => m.GetProperty("field").GetString() == "CMDTY CODE" && m.GetProperty("score").GetInt32() == 100);
        Assert.Equal(6, p.GetProperty("firstRows").GetArrayLength());
        Assert.Equal("previewed", preview.GetProperty("status").GetString());
        // IMP-030: uploading writes nothing to the project.
        Assert.Equal(new ProjectCounts(0, 0, 0, 0, 0), await factory.CountsAsync(org));

        var importId = preview.GetProperty("id").GetGuid();
        var response = await api.ConfirmAsync(projectId, importId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.JsonAsync()).GetProperty("result");
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal(6, result.GetProperty("componentsCreated").GetInt32());
        Assert.Equal(0, result.GetProperty("componentsSkipped").GetInt32());
        Assert.Equal(2, result.GetProperty("drawingsCreated").GetInt32());
        Assert.Equal(3, result.GetProperty("metadataCreated").GetInt32());
        Assert.Equal(new ProjectCounts(6, 2, 1, 1, 1), await factory.CountsAsync(org));

        await factory.WithDbAsync(async db =>
        {
            var components = await db.Components.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync();
            Assert.All(components, c => Assert.Equal(0m, c.Percent));
            Assert.All(components, c => Assert.NotNull(c.DrawingId));
            var area = await db.Areas.SingleAsync(a => a.ProjectId == projectId);
            Assert.Equal("Area 1", area.Name); // TRK-070: first spelling kept, "area 1" matched
            Assert.Equal(2, components.Count(c => c.Type == ComponentType.Valve && c.AreaId == area.Id));
            var pipe = components.Single(c => c.Type == ComponentType.Pipe);
            var (lf, lines) = TakeoffAnalysis.AggregateOf(pipe.Attributes);
            Assert.Equal(42.5m, lf); // TRK-085
            Assert.Equal("3,4", lines);
            var spool = components.Single(c => c.Type == ComponentType.Spool);
            using var attributes = JsonDocument.Parse(spool.Attributes);
            Assert.Equal("H1", attributes.RootElement.GetProperty("Heat No").GetString());
            Assert.Single(components, c => c.Type == ComponentType.Instrument);
            var drawing = await db.Drawings.SingleAsync(d => d.ProjectId == projectId && d.Number == "P-1001");
            Assert.Equal("1", drawing.Sheet);
        }, org.Id);

        // IMP-047: history.
        var history = await (await api.Http.GetAsync($"/api/v1/projects/{projectId}/imports")).JsonAsync();
        var run = history[0];
        Assert.Equal("committed", run.GetProperty("status").GetString());
        Assert.Equal(6, run.GetProperty("componentsCreated").GetInt32());
        Assert.Equal("takeoff.csv", run.GetProperty("fileName").GetString());
        Assert.Equal(org.Owner.Id, run.GetProperty("userId").GetGuid());

        // A second confirm of the same run does nothing.
        var again = await api.ConfirmAsync(projectId, importId);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(ImportCommands.AlreadyCommittedMessage, await again.ProblemDetailAsync());
        Assert.Equal(new ProjectCounts(6, 2, 1, 1, 1), await factory.CountsAsync(org));
    }

    [Fact]
    public async Task IMP048_confirm_parses_the_stored_file_again_when_the_upload_parse_is_not_held()
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var projectId = org.ProjectId!.Value;
        var preview = await api.PreviewAsync(projectId, Sample);
        var importId = preview.GetProperty("id").GetGuid();
        // As after a restart or on another instance: confirm reads and validates the stored file itself.
        factory.Services.GetRequiredService<TakeoffParseCache>().Remove(importId);

        var response = await api.ConfirmAsync(projectId, importId);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.JsonAsync()).GetProperty("result");
        Assert.Equal((6, 2, 3), (result.GetProperty("componentsCreated").GetInt32(), result.GetProperty("drawingsCreated").GetInt32(), result.GetProperty("metadataCreated").GetInt32()));
        Assert.Equal(new ProjectCounts(6, 2, 1, 1, 1), await factory.CountsAsync(org));
        var pipe = await factory.WithDbAsync(db => db.Components.AsNoTracking().SingleAsync(c => c.ProjectId == projectId && c.Type == ComponentType.Pipe), org.Id);
        Assert.Equal((42.5m, "3,4"), TakeoffAnalysis.AggregateOf(pipe.Attributes));
    }

    [Fact]
    public async Task IMP042_reimporting_the_same_file_creates_nothing_and_reports_skipped()
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var projectId = org.ProjectId!.Value;
        var first = await api.PreviewAsync(projectId, Sample);
        Assert.Equal(HttpStatusCode.OK, (await api.ConfirmAsync(projectId, first.GetProperty("id").GetGuid())).StatusCode);
        var before = await factory.CountsAsync(org);

        var second = await api.PreviewAsync(projectId, Sample);
        Assert.Equal(0, second.GetProperty("preview").GetProperty("componentsToCreate").GetInt32());
        Assert.True(second.GetProperty("preview").GetProperty("areas")[0].GetProperty("exists").GetBoolean());
        var response = await api.ConfirmAsync(projectId, second.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.JsonAsync()).GetProperty("result");
        Assert.Equal(0, result.GetProperty("componentsCreated").GetInt32());
        Assert.Equal(6, result.GetProperty("componentsSkipped").GetInt32());
        Assert.Equal(0, result.GetProperty("drawingsCreated").GetInt32());
        Assert.Equal(2, result.GetProperty("drawingsUpdated").GetInt32());
        Assert.Equal(0, result.GetProperty("metadataCreated").GetInt32());
        Assert.Equal(before, await factory.CountsAsync(org));
    }

    [Fact]
    public async Task TRK087_reimport_replaces_aggregate_feet_and_lines_and_keeps_milestones()
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var projectId = org.ProjectId!.Value;
        var first = await api.PreviewAsync(projectId, CsvBytes("ISO-7,Pipe,12.5,CS-PIPE,2,,,,,", "ISO-7,Pipe,30,CS-PIPE,2,,,,,"));
        await api.ConfirmAsync(projectId, first.GetProperty("id").GetGuid());
        var pipe = await factory.WithDbAsync(db => db.Components.AsNoTracking().SingleAsync(c => c.ProjectId == projectId), org.Id);
        var set = await api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{projectId}/components/{pipe.Id}/milestones/Receive", new { value = 100 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var percent = (await factory.ReloadAsync(org.Id, pipe.Id)).Percent;
        Assert.True(percent > 0);

        var second = await api.PreviewAsync(projectId, CsvBytes("ISO-7,Pipe,20,CS-PIPE,2,,,,,", "ISO-7,Spool,1,SP-9,,,,,,"));
        Assert.Equal(1, second.GetProperty("preview").GetProperty("componentsToUpdate").GetInt32());
        var result = (await (await api.ConfirmAsync(projectId, second.GetProperty("id").GetGuid())).JsonAsync()).GetProperty("result");
        Assert.Equal((1, 1, 0), (result.GetProperty("componentsCreated").GetInt32(), result.GetProperty("componentsUpdated").GetInt32(), result.GetProperty("componentsSkipped").GetInt32()));

        var stored = await factory.ReloadAsync(org.Id, pipe.Id);
        Assert.Equal((20m, "1"), TakeoffAnalysis.AggregateOf(stored.Attributes));
        Assert.Equal(percent, stored.Percent);
        Assert.Equal(100, (await factory.ValuesAsync(org.Id, pipe.Id))["Receive"].Value);
    }

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "takeoff.txt", "DRAWING,TYPE,QTY,CMDTY CODE\nP-1,Spool,1,A\n", ImportFileRules.UnsupportedTypeMessage },
        { "takeoff.xlsx", "DRAWING,TYPE,QTY,CMDTY CODE\nP-1,Spool,1,A\n", ImportFileRules.UnsupportedTypeMessage },
        { "takeoff.csv", "DRAWING,TYPE,QTY,CMDTY CODE\n", ImportFileRules.EmptyFileMessage },
        { "takeoff.csv", "", ImportFileRules.EmptyFileMessage },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task IMP001_refused_files_answer_422_with_the_message_and_change_nothing(string name, string content, string message)
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var response = await api.UploadAsync(org.ProjectId!.Value, Encoding.UTF8.GetBytes(content), name);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message, await response.ProblemDetailAsync());
        Assert.Equal(new ProjectCounts(0, 0, 0, 0, 0), await factory.CountsAsync(org));
        Assert.Empty(await factory.RunsAsync(org));
    }

    [Fact]
    public async Task IMP013_020_missing_columns_and_error_rows_preview_but_confirm_refuses_and_changes_nothing()
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var projectId = org.ProjectId!.Value;

        var missing = await api.PreviewAsync(projectId, Encoding.UTF8.GetBytes("Dwg No,TYPE,QTY\nP-1,Spool,1\n"));
        Assert.False(missing.GetProperty("preview").GetProperty("canImport").GetBoolean());
        Assert.Equal(["Missing required column: CMDTY CODE"], missing.GetProperty("preview").GetProperty("columnErrors").EnumerateArray().Select(e => e.GetString()));
        var refused = await api.ConfirmAsync(projectId, missing.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        // The error is on the last row: nothing of the valid rows before it is written.
        var rows = CsvBytes("P-1,Spool,1,SP-1,,,Area X,,,", "P-1,Valve,1,V-1,,,,,,", "P-2,Valve,1.5,V-2,,,,,,");
        var errors = await api.PreviewAsync(projectId, rows);
        var group = errors.GetProperty("preview").GetProperty("errors")[0];
        Assert.Equal("invalid_quantity", group.GetProperty("code").GetString());
        Assert.Equal("Row 3 (line 4): QTY must be an integer", group.GetProperty("rows")[0].GetProperty("message").GetString());
        var response = await api.ConfirmAsync(projectId, errors.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = (await response.JsonAsync()).GetProperty("result").GetProperty("details")[0];
        Assert.Equal((3, 4, "invalid_quantity"), (detail.GetProperty("row").GetInt32(), detail.GetProperty("line").GetInt32(), detail.GetProperty("code").GetString()));
        Assert.Equal(new ProjectCounts(0, 0, 0, 0, 0), await factory.CountsAsync(org));
    }

    [Fact]
    public async Task IMP032_confirm_refuses_when_project_data_changed_since_the_preview()
    {
        var (org, api) = await OrgAsync();
        using var _ = api;
        var projectId = org.ProjectId!.Value;
        var preview = await api.PreviewAsync(projectId, CsvBytes("P-1,Spool,1,SP-1,,,,,,", "P-1,Spool,1,SP-2,,,,,,"));
        await factory.AddComponentAsync(org, ComponentType.Spool, identity: "SP-1");

        var response = await api.ConfirmAsync(projectId, preview.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ImportFileRules.PreviewChangedMessage, await response.ProblemDetailAsync());
        Assert.Equal(1, (await factory.CountsAsync(org)).Components);
        // The updated preview is kept; confirming it now works.
        var updated = await (await api.Http.GetAsync($"/api/v1/projects/{projectId}/imports/{preview.GetProperty("id").GetGuid()}")).JsonAsync();
        Assert.Equal(1, updated.GetProperty("preview").GetProperty("componentsToSkip").GetInt32());
        var ok = await api.ConfirmAsync(projectId, preview.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2, (await factory.CountsAsync(org)).Components);
    }

    [Theory]
    [InlineData(OrgRole.Foreman)]
    [InlineData(OrgRole.QcInspector)]
    [InlineData(OrgRole.Viewer)]
    public async Task PPL040_only_owner_admin_and_project_manager_import(OrgRole role)
    {
        var (org, owner) = await OrgAsync();
        using var _ = owner;
        var projectId = org.ProjectId!.Value;
        var preview = await owner.PreviewAsync(projectId, Sample);
        var user = await factory.CreateUserAsync(org.Id, role, "member");
        using var api = await factory.ApiClientAsync(user);

        Assert.Equal(HttpStatusCode.Forbidden, (await api.UploadAsync(projectId, Sample)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ConfirmAsync(projectId, preview.GetProperty("id").GetGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.GetAsync($"/api/v1/projects/{projectId}/imports")).StatusCode);
        Assert.Equal(new ProjectCounts(0, 0, 0, 0, 0), await factory.CountsAsync(org));

        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        using var pmApi = await factory.ApiClientAsync(pm);
        Assert.Equal(HttpStatusCode.OK, (await pmApi.ConfirmAsync(projectId, preview.GetProperty("id").GetGuid())).StatusCode);
    }

    [Fact]
    public async Task PPL070_another_organizations_project_and_import_are_404()
    {
        var (a, apiA) = await OrgAsync();
        using var _ = apiA;
        var (b, apiB) = await OrgAsync();
        using var __ = apiB;
        var bPreview = await apiB.PreviewAsync(b.ProjectId!.Value, Sample);
        var bImport = bPreview.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await apiA.UploadAsync(b.ProjectId!.Value, Sample)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiA.ConfirmAsync(b.ProjectId!.Value, bImport)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiA.ConfirmAsync(a.ProjectId!.Value, bImport)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiA.Http.GetAsync($"/api/v1/projects/{a.ProjectId}/imports/{bImport}")).StatusCode);
        Assert.Equal(new ProjectCounts(0, 0, 0, 0, 0), await factory.CountsAsync(b));
        Assert.Equal("previewed", (await (await apiB.Http.GetAsync($"/api/v1/projects/{b.ProjectId}/imports/{bImport}")).JsonAsync()).GetProperty("status").GetString());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ImportApiTests_Sqlite(SqliteFactory factory) : ImportApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ImportApiTests_Postgres(PostgresFactory factory) : ImportApiTests(factory);
