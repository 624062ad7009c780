using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds;

/// <summary>WLD-022..058 and WLD-084 on the weld page: every applicable action, its refusal message next to its form, roles.</summary>
public abstract class WeldActionPagesTests(PipeTrakFactory factory)
{
    private static Dictionary<string, string> Form(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    private static string? ErrorText(IHtmlDocument page) => page.QuerySelector("[data-testid=weld-error]")?.TextContent.Trim();

    [Fact]
    public async Task WLD084_PPL040_actions_follow_the_weld_state_and_the_role()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        await api.AddWelderAsync(org, "GG-7");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        var url = $"/projects/{org.ProjectId}/welds/{weldId}";

        using var owner = await factory.SignInAsync(org.Owner);
        var (_, unwelded) = await owner.GetPageAsync(url);
        foreach (var form in new[] { "assign-form", "specs-form", "reassign-form", "retire-form", "delete-form" })
        {
            Assert.True(unwelded.QuerySelector($"[data-testid={form}]") is not null, form);
        }
        foreach (var form in new[] { "edit-assignment-form", "clear-assignment-form", "update-nde-form", "clear-nde-form", "nde-form", "repair-form" })
        {
            Assert.True(unwelded.QuerySelector($"[data-testid={form}]") is null, form);
        }

        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var foremanPage = await factory.SignInAsync(foreman);
        var (_, asForeman) = await foremanPage.GetPageAsync(url);
        Assert.NotNull(asForeman.QuerySelector("[data-testid=retire-form]"));
        Assert.Null(asForeman.QuerySelector("[data-testid=delete-form]"));
        var refused = await foremanPage.PostActionAsync(url, url + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var viewerPage = await factory.SignInAsync(viewer);
        var (_, asViewer) = await viewerPage.GetPageAsync(url);
        Assert.Null(asViewer.QuerySelector("[data-testid=more-actions]"));
        Assert.Null(asViewer.QuerySelector("[data-testid=assign-form]"));
        var specs = await viewerPage.PostActionAsync(url, url + "?handler=UpdateSpecs", Form(("size", "3"), ("spec", "X"), ("xRayPercent", "5")));
        Assert.Equal(HttpStatusCode.Forbidden, specs.StatusCode);
        Assert.Equal("2", (await factory.WeldAsync(org.Id, weldId)).Size);
    }

    [Fact]
    public async Task WLD022_023_032_033_edit_and_clear_assignment_update_and_clear_NDE_with_their_refusals()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var first = await api.AddWelderAsync(org, "AA-1", "Ann Able");
        var second = await api.AddWelderAsync(org, "BB-2", "Bob Baker");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        await api.CommandAsync(org, weldId, "assignment", new { welderId = first, dateWelded = Day(factory, -3) });
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welds/{weldId}";

        // WLD-022: edit assignment changes the welder.
        var edit = await page.PostFormAsync(url, Form(("welderId", second.ToString()), ("dateWelded", Day(factory, -2))), "[data-testid=edit-assignment-form]");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var (_, edited) = await page.GetPageAsync(url);
        Assert.Equal("BB-2 – Bob Baker", edited.QuerySelector("[data-testid=weld-detail-welder]")!.TextContent.Trim());
        Assert.Equal("Assignment updated", edited.QuerySelector("[data-testid=weld-message]")!.TextContent.Trim());

        // WLD-023: clearing needs a reason; the refusal is shown in the clear-assignment section.
        await page.PostFormAsync(url, Form(("reason", "")), "[data-testid=clear-assignment-form]");
        var (_, noReason) = await page.GetPageAsync(url);
        Assert.Equal(RollbackReasons.ReasonRequiredMessage, noReason.QuerySelector("[data-testid=clear-assignment-section] [data-testid=weld-error]")!.TextContent.Trim());

        // With an NDE result the form is replaced by the spec message, and a forced post is refused with it.
        await api.CommandAsync(org, weldId, "nde", new { type = "RT", result = "PASS", date = Day(factory, 0) });
        var (_, withNde) = await page.GetPageAsync(url);
        Assert.Equal(WeldRules.ClearNdeFirstMessage, withNde.QuerySelector("[data-testid=clear-assignment-blocked]")!.TextContent.Trim());
        Assert.Null(withNde.QuerySelector("[data-testid=clear-assignment-form]"));
        await page.PostActionAsync(url, url + "?handler=ClearAssignment", Form(("reason", RollbackReasons.DataEntryError)));
        var (_, forced) = await page.GetPageAsync(url);
        Assert.Equal(WeldRules.ClearNdeFirstMessage, ErrorText(forced));

        // WLD-032: PASS → FAIL needs a rollback reason, shown next to the update form.
        var updateFields = Form(("ndeType", "RT"), ("ndeResult", "FAIL"), ("ndeDate", Day(factory, 0)), ("ndeNotes", ""), ("reason", ""));
        await page.PostFormAsync(url, updateFields, "[data-testid=update-nde-form]");
        var (_, needReason) = await page.GetPageAsync(url);
        Assert.Equal(RollbackReasons.ReasonRequiredMessage, needReason.QuerySelector("[data-testid=update-nde-section] [data-testid=weld-error]")!.TextContent.Trim());
        updateFields["reason"] = RollbackReasons.QcRejection;
        await page.PostFormAsync(url, updateFields, "[data-testid=update-nde-form]");
        Assert.Equal((NdeResult?)NdeResult.Fail, (await factory.WeldAsync(org.Id, weldId)).NdeResult);

        // WLD-033: clear the NDE, then the assignment.
        await page.PostFormAsync(url, Form(("reason", RollbackReasons.DataEntryError)), "[data-testid=clear-nde-form]");
        Assert.Null((await factory.WeldAsync(org.Id, weldId)).NdeResult);
        await page.PostFormAsync(url, Form(("reason", RollbackReasons.DataEntryError)), "[data-testid=clear-assignment-form]");
        var cleared = await factory.WeldAsync(org.Id, weldId);
        Assert.Equal(((Guid?)null, (DateOnly?)null), (cleared.WelderId, cleared.DateWelded));
        var (_, unwelded) = await page.GetPageAsync(url);
        Assert.NotNull(unwelded.QuerySelector("[data-testid=assign-form]"));
    }

    [Fact]
    public async Task WLD055_056_057_specs_reassign_and_retire_from_the_page()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        var target = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welds/{weldId}";

        var specs = Form(("weldType", "SW"), ("size", "3"), ("schedule", "80"), ("spec", "SS316"), ("baseMetal", "A312"), ("xRayPercent", "200"), ("notes", "n"), ("ndeRequired", "true"));
        await page.PostFormAsync(url, specs, "[data-testid=specs-form]");
        var (_, badXRay) = await page.GetPageAsync(url);
        Assert.Equal(WeldRules.XRayMessage, badXRay.QuerySelector("[data-testid=specs-section] [data-testid=weld-error]")!.TextContent.Trim());
        specs["xRayPercent"] = "10";
        await page.PostFormAsync(url, specs, "[data-testid=specs-form]");
        var updated = await factory.WeldAsync(org.Id, weldId);
        Assert.Equal((WeldType.SW, "3", "80", "SS316", "A312", 10m, true), (updated.WeldType, updated.Size, updated.Schedule, updated.Spec, updated.BaseMetal, updated.XRayPercent, updated.NdeRequired));

        await page.PostFormAsync(url, Form(("drawingId", target.Id.ToString())), "[data-testid=reassign-form]");
        var moved = await factory.WithDbAsync(db => db.Components.AsNoTracking().SingleAsync(c => c.Id == updated.ComponentId), org.Id);
        Assert.Equal((target.Id, target.AreaId, target.PackageId), (moved.DrawingId!.Value, moved.AreaId!.Value, moved.PackageId!.Value));

        await page.PostFormAsync(url, Form(("retireReason", "too short")), "[data-testid=retire-form]");
        var (_, shortReason) = await page.GetPageAsync(url);
        Assert.Equal(WeldRules.RetireReasonMessage, shortReason.QuerySelector("[data-testid=retire-section] [data-testid=weld-error]")!.TextContent.Trim());
        await page.PostFormAsync(url, Form(("retireReason", "Deleted from the isometric in rev B")), "[data-testid=retire-form]");
        var (_, retired) = await page.GetPageAsync(url);
        Assert.Equal("active (retired)", retired.QuerySelector("[data-testid=weld-detail-status]")!.TextContent.Trim());
        Assert.Null(retired.QuerySelector("[data-testid=specs-form]"));
        Assert.NotNull(retired.QuerySelector("[data-testid=delete-form]")); // owners may still delete a retired weld
    }

    [Fact]
    public async Task WLD058_delete_is_refused_while_repairs_exist_and_deleting_the_repair_lifts_the_lock()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "CC-3");
        var parentId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        await api.CommandAsync(org, parentId, "assignment", new { welderId, dateWelded = Day(factory, -2) });
        await api.CommandAsync(org, parentId, "nde", new { type = "RT", result = "FAIL", date = Day(factory, 0) });
        var repair = await api.CommandAsync(org, parentId, "repair", expected: HttpStatusCode.Created);
        var repairId = repair.WeldId();
        var repairComponentId = repair.GetProperty("weld").GetProperty("componentId").GetGuid();
        using var page = await factory.SignInAsync(org.Owner);
        var parentUrl = $"/projects/{org.ProjectId}/welds/{parentId}";

        var (_, locked) = await page.GetPageAsync(parentUrl);
        Assert.Equal(WeldRules.RepairLockMessage, locked.QuerySelector("[data-testid=nde-locked]")!.TextContent.Trim());
        Assert.Equal(WeldRules.DeleteWithRepairsMessage, locked.QuerySelector("[data-testid=delete-blocked]")!.TextContent.Trim());
        Assert.Equal(WeldRules.RetireWithRepairsMessage, locked.QuerySelector("[data-testid=retire-blocked]")!.TextContent.Trim());
        var refused = await api.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welds/{parentId}"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(WeldRules.DeleteWithRepairsMessage, await refused.ProblemDetailAsync());
        await page.PostActionAsync(parentUrl, parentUrl + "?handler=Delete");
        var (_, stillThere) = await page.GetPageAsync(parentUrl);
        Assert.Equal(WeldRules.DeleteWithRepairsMessage, ErrorText(stillThere));

        var repairUrl = $"/projects/{org.ProjectId}/welds/{repairId}";
        var deleted = await page.PostFormAsync(repairUrl, new Dictionary<string, string>(), "[data-testid=delete-form]");
        Assert.True(deleted.IsRedirectTo($"/projects/{org.ProjectId}/welds"), deleted.Headers.Location?.ToString());
        var (_, log) = await page.GetPageAsync(deleted.Location());
        Assert.Equal($"Weld {repair.Field("number")} deleted", log.QuerySelector("[data-testid=weld-log-message]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await page.Http.GetAsync(repairUrl)).StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Components.AnyAsync(c => c.Id == repairComponentId));
            Assert.False(await db.WeldEvents.AnyAsync(e => e.WeldId == repairId));
            Assert.False(await db.MilestoneEvents.AnyAsync(e => e.ComponentId == repairComponentId));
            Assert.False(await db.MilestoneValues.AnyAsync(v => v.ComponentId == repairComponentId));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ProjectId == org.ProjectId && a.Action == "weld.deleted"));
        }, org.Id);

        // The parent's WLD-034 lock is lifted: its NDE can be changed again.
        var (_, unlocked) = await page.GetPageAsync(parentUrl);
        Assert.Null(unlocked.QuerySelector("[data-testid=nde-locked]"));
        Assert.NotNull(unlocked.QuerySelector("[data-testid=update-nde-form]"));
        await api.CommandAsync(org, parentId, "nde/clear", new { reason = RollbackReasons.DataEntryError });
    }

    [Fact]
    public async Task WLD058_API_delete_is_for_owners_and_admins_only()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var owner = await factory.ApiClientAsync(org.Owner);
        var weldId = (await owner.CreateWeldAsync(org, drawing.Id)).WeldId();
        var pm = await factory.CreateUserAsync(org.Id, OrgRole.ProjectManager, "pm");
        using var pmApi = await factory.ApiClientAsync(pm);
        var forbidden = await pmApi.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welds/{weldId}"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("You don't have permission to administer the organization.", await forbidden.ProblemDetailAsync());

        var admin = await factory.CreateUserAsync(org.Id, OrgRole.Admin, "admin");
        using var adminApi = await factory.ApiClientAsync(admin);
        Assert.Equal(HttpStatusCode.NoContent, (await adminApi.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welds/{weldId}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminApi.Http.GetAsync(Url(org, $"/welds/{weldId}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminApi.SendJsonAsync(HttpMethod.Delete, Url(org, $"/welds/{weldId}"))).StatusCode);
    }

    [Fact]
    public async Task WLD050_051_unplanned_weld_form_proposes_the_number_and_refuses_a_duplicate()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var page = await factory.SignInAsync(org.Owner);
        var url = $"/projects/{org.ProjectId}/welds/new";

        var (_, choose) = await page.GetPageAsync(url);
        Assert.NotNull(choose.QuerySelector("[data-testid=unplanned-drawing-form]"));
        Assert.Null(choose.QuerySelector("[data-testid=unplanned-form]"));
        var (_, log) = await page.GetPageAsync($"/projects/{org.ProjectId}/welds");
        Assert.Equal(url, log.QuerySelector("[data-testid=add-unplanned-weld]")!.GetAttribute("href"));

        var formUrl = $"{url}?drawing={drawing.Id}";
        var (_, form) = await page.GetPageAsync(formUrl);
        var number = form.QuerySelector<IHtmlInputElement>("#unplanned-number")!;
        Assert.True(number.IsReadOnly);
        Assert.Equal("W-001", number.Value);
        Assert.Equal("5", form.QuerySelector<IHtmlInputElement>("#unplanned-xray")!.Value);

        var fields = Form(("drawingId", drawing.Id.ToString()), ("Input.Number", "W-001"), ("Input.WeldType", "SW"), ("Input.Size", "1"),
            ("Input.Spec", "CS300"), ("Input.Schedule", ""), ("Input.BaseMetal", ""), ("Input.Notes", "field change"), ("Input.XRayPercent", "5"));
        var created = await page.PostFormAsync(formUrl, fields, "[data-testid=unplanned-form]");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, detail) = await page.GetPageAsync(created.Location());
        Assert.Equal("Weld W-001", detail.QuerySelector("[data-testid=weld-title]")!.TextContent.Trim());
        var weldId = Guid.Parse(created.Location().Split('/')[^1]);
        var weld = await factory.WeldAsync(org.Id, weldId);
        Assert.Equal((true, WeldType.SW, 5m, false), (weld.IsUnplanned, weld.WeldType, weld.XRayPercent, weld.NdeRequired));

        var duplicate = await page.PostFormAsync(formUrl, fields, "[data-testid=unplanned-form]");
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var refused = await duplicate.DocumentAsync();
        Assert.Equal(WeldCommands.DuplicateNumber("W-001"), refused.QuerySelector("[data-testid=unplanned-error]")!.TextContent.Trim());
        var (_, next) = await page.GetPageAsync(formUrl);
        Assert.Equal("W-002", next.QuerySelector<IHtmlInputElement>("#unplanned-number")!.Value);

        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var viewerPage = await factory.SignInAsync(viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerPage.Http.GetAsync(formUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerPage.PostActionAsync($"/projects/{org.ProjectId}/welds", url, fields)).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WeldActionPagesTests_Sqlite(SqliteFactory factory) : WeldActionPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WeldActionPagesTests_Postgres(PostgresFactory factory) : WeldActionPagesTests(factory);
