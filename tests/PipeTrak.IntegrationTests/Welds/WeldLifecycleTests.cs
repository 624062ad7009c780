using System.Net;
using System.Text.Json;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;
using static PipeTrak.IntegrationTests.Welds.WeldTestSupport;

namespace PipeTrak.IntegrationTests.Welds;

/// <summary>WLD-020..059 through /api/v1/projects/{projectId}/welds/{weldId}/...: state, percent and events after every step.</summary>
public abstract class WeldLifecycleTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task WLD020_031_040_043_assign_fail_repair_weld_the_repair_and_pass_it()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, " k-07 ");
        var created = await api.CreateWeldAsync(org, drawing.Id);
        var weldId = created.WeldId();
        var componentId = created.GetProperty("weld").GetProperty("componentId").GetGuid();
        Assert.Equal(0m, created.Percent());

        // WLD-020: Fit-up and Weld Complete → 70%; WLD-021: a weld_completed QC item.
        var assigned = await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -2) });
        Assert.Equal(70m, assigned.Percent());
        Assert.Equal("K-07 – Kim Lee", assigned.Field("welder"));
        Assert.Equal(100, assigned.GetProperty("milestones").GetProperty(DefaultTemplates.WeldComplete).GetInt32());
        var item = Assert.Single(await factory.ReviewItemsAsync(org.Id, componentId));
        Assert.Equal((ReviewItemTypes.WeldCompleted, ReviewItemTypes.Pending), (item.Type, item.Status));
        using (var payload = JsonDocument.Parse(item.Payload))
        {
            Assert.Equal("K-07", payload.RootElement.GetProperty("welderStencil").GetString());
            Assert.Equal(drawing.Number, payload.RootElement.GetProperty("drawing").GetString());
            Assert.Equal("BW", payload.RootElement.GetProperty("weldType").GetString());
        }

        // WLD-031 FAIL: rejected and credited 100% (WLD-003).
        var failed = await api.CommandAsync(org, weldId, "nde", new { type = "rt", result = "fail", date = Day(factory, -1) });
        Assert.Equal(100m, failed.Percent());
        Assert.Equal(("rejected", "FAIL", "RT"), (failed.Field("status"), failed.Field("ndeResult"), failed.Field("ndeType")));

        // WLD-040..043: the repair.
        var repair = await api.CommandAsync(org, weldId, "repair", expected: HttpStatusCode.Created);
        var repairId = repair.WeldId();
        Assert.Equal("W-001.1", repair.Field("number"));
        Assert.Equal(10m, repair.Percent());
        Assert.Equal(weldId, repair.GetProperty("originalWeldId").GetGuid());
        Assert.Equal(1, repair.GetProperty("repairDepth").GetInt32());
        Assert.Equal(("active", null, null), (repair.Field("status"), repair.Field("welder"), repair.Field("ndeResult")));
        Assert.Equal((drawing.Id, drawing.AreaId, drawing.SystemId, drawing.PackageId),
            (repair.GetProperty("weld").GetProperty("drawingId").GetGuid(), repair.GetProperty("weld").GetProperty("areaId").GetGuid(),
             repair.GetProperty("weld").GetProperty("systemId").GetGuid(), repair.GetProperty("weld").GetProperty("packageId").GetGuid()));
        Assert.Equal(0m, (await factory.ReloadAsync(org.Id, repair.GetProperty("weld").GetProperty("componentId").GetGuid())).BudgetedManhours);

        // WLD-034: the parent is locked.
        await api.RefusedAsync(org, weldId, "nde/clear", new { reason = "data_entry_error" }, WeldRules.RepairLockMessage);
        await api.RefusedAsync(org, weldId, "nde", new { result = "PASS", reason = "data_entry_error" }, WeldRules.RepairLockMessage, HttpMethod.Put);
        await api.RefusedAsync(org, weldId, "assignment/clear", new { reason = "data_entry_error" }, WeldRules.ClearNdeFirstMessage);
        await api.RefusedAsync(org, weldId, "retire", new { reason = "Line was rerouted by engineering" }, WeldRules.RetireWithRepairsMessage);
        await api.RefusedAsync(org, weldId, "repair", null, RepairRules.AlreadyRepaired("W-001.1"));

        // The repair is welded (70%) and passes (100%, accepted).
        var repairWelded = await api.CommandAsync(org, repairId, "assignment", new { welderId, dateWelded = Day(factory, -1) });
        Assert.Equal(70m, repairWelded.Percent());
        var passed = await api.CommandAsync(org, repairId, "nde", new { type = "UT", result = "pass" });
        Assert.Equal(100m, passed.Percent());
        Assert.Equal("accepted", passed.Field("status"));
        Assert.All(passed.GetProperty("milestones").EnumerateObject(), m => Assert.Equal(100, m.Value.GetInt32()));

        // WLD-059: one weld event per command, and the history merges them with the milestone events.
        string[] parentActions = [WeldEventActions.Assign, WeldEventActions.NdeRecord, WeldEventActions.RepairCreated];
        Assert.Equal(parentActions.Order(StringComparer.Ordinal), (await factory.WeldEventsAsync(org.Id, weldId)).Select(e => e.Action).Order(StringComparer.Ordinal));
        var repairEvents = await factory.WeldEventsAsync(org.Id, repairId);
        Assert.Equal(3, repairEvents.Count);
        var nde = repairEvents.Single(e => e.Action == WeldEventActions.NdeRecord);
        Assert.Equal((NdeResult.Pass, (NdeResult?)null, NdeType.UT), (nde.NdeResult!.Value, nde.PreviousNdeResult, nde.NdeType!.Value));
        var detail = await (await api.Http.GetAsync(Url(org, $"/welds/{repairId}"))).JsonAsync();
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, h => h.GetProperty("kind").GetString() == "milestone" && h.GetProperty("milestone").GetString() == DefaultTemplates.Restore);
        Assert.Contains(history, h => h.GetProperty("kind").GetString() == "weld" && h.GetProperty("action").GetString() == WeldEventActions.NdeRecord);
        var times = history.Select(h => h.GetProperty("occurredAt").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task WLD032_033_023_update_and_clear_nde_then_clear_the_assignment_revert_credit_with_reasons()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "AB-1");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -3) });
        await api.CommandAsync(org, weldId, "nde", new { type = "RT", result = "PASS", notes = "Film 12" });

        // WLD-032: changing a PASS needs a reason; FAIL keeps 100%; PENDING reverts to 70%.
        await api.RefusedAsync(org, weldId, "nde", new { result = "FAIL" }, RollbackReasons.ReasonRequiredMessage, HttpMethod.Put);
        var rejected = await api.CommandAsync(org, weldId, "nde", new { result = "FAIL", reason = "qc_rejection" }, HttpMethod.Put);
        Assert.Equal((100m, "rejected", "Film 12"), (rejected.Percent(), rejected.Field("status"), rejected.GetProperty("ndeNotes").GetString()));
        var pending = await api.CommandAsync(org, weldId, "nde", new { result = "pending", reason = "other", details = "Film was unreadable, reshoot" }, HttpMethod.Put);
        Assert.Equal((70m, "active", "PENDING"), (pending.Percent(), pending.Field("status"), pending.Field("ndeResult")));
        var rollbacks = (await factory.EventsAsync(org.Id, pending.GetProperty("weld").GetProperty("componentId").GetGuid()))
            .Where(e => e.Action == MilestoneEventAction.Rollback).ToList();
        Assert.Equal(3, rollbacks.Count); // Punch, Test, Restore: each its own event with the reason.
        Assert.All(rollbacks, e => Assert.Equal(("other", "Film was unreadable, reshoot"), (e.RollbackReason, e.RollbackDetails)));

        // WLD-023 refused while a result exists, WLD-033 clears it.
        await api.RefusedAsync(org, weldId, "assignment/clear", new { reason = "data_entry_error" }, WeldRules.ClearNdeFirstMessage);
        await api.RefusedAsync(org, weldId, "nde/clear", new { }, RollbackReasons.ReasonRequiredMessage);
        var cleared = await api.CommandAsync(org, weldId, "nde/clear", new { reason = "data_entry_error" });
        Assert.Equal((70m, null, null), (cleared.Percent(), cleared.Field("ndeResult"), cleared.Field("ndeType")));

        // WLD-023: Weld Complete to 0, Fit-up stays (10%); the QC item is ignored.
        await api.RefusedAsync(org, weldId, "assignment/clear", new { reason = "other", details = "short" }, RollbackReasons.DetailsMessage);
        var unassigned = await api.CommandAsync(org, weldId, "assignment/clear", new { reason = "incorrect_welder" });
        Assert.Equal((10m, null, null), (unassigned.Percent(), unassigned.Field("welder"), unassigned.Field("dateWelded")));
        var item = Assert.Single(await factory.ReviewItemsAsync(org.Id, unassigned.GetProperty("weld").GetProperty("componentId").GetGuid()));
        Assert.Equal((ReviewItemTypes.Ignored, WeldCommands.UnassignedNote, org.Owner.Id), (item.Status, item.Note, item.ResolvedByUserId));
        var clear = (await factory.WeldEventsAsync(org.Id, weldId)).Single(e => e.Action == WeldEventActions.Clear);
        Assert.Equal((welderId, (Guid?)null, "incorrect_welder"), (clear.PreviousWelderId!.Value, clear.WelderId, clear.Reason));
    }

    [Fact]
    public async Task WLD020_030_refusals_carry_the_spec_messages_and_write_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "RF-1");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();

        await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "PASS" }, WeldRules.NdeNeedsWelderMessage);
        await api.RefusedAsync(org, weldId, "assignment", new { welderId }, WeldRules.DateRequiredMessage);
        await api.RefusedAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, 2) }, WeldRules.FutureDateMessage);
        await api.RefusedAsync(org, weldId, "assignment", new { welderId = Guid.NewGuid(), dateWelded = Day(factory, -1) }, WeldCommands.WelderNotFoundMessage, status: HttpStatusCode.NotFound);
        await api.RefusedAsync(org, weldId, "repair", null, RepairRules.OnlyFailedMessage);
        Assert.Equal(0m, (await factory.ReloadAsync(org.Id, (await factory.WeldAsync(org.Id, weldId)).ComponentId)).Percent);
        Assert.Empty(await factory.WeldEventsAsync(org.Id, weldId));

        await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -2) });
        await api.RefusedAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -1) }, WeldRules.AlreadyAssignedMessage);
        await api.RefusedAsync(org, weldId, "reassign", new { drawingId = drawing.Id }, WeldRules.WeldedCannotMoveMessage);
        await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "PASS", date = Day(factory, -3) }, WeldRules.NdeBeforeWeldMessage);
        await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "PASS", date = Day(factory, 2) }, WeldRules.NdeFutureMessage);
        await api.RefusedAsync(org, weldId, "nde", new { type = "XR", result = "PASS" }, WeldCommands.NdeTypeMessage);
        await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "maybe" }, WeldCommands.NdeResultMessage);
        await api.CommandAsync(org, weldId, "nde", new { type = "VT", result = "PENDING" });
        await api.RefusedAsync(org, weldId, "nde", new { type = "RT", result = "PASS" }, WeldRules.NdeAlreadyRecordedMessage);

        // WLD-022: editing the welder is allowed with an NDE result and keeps the previous values.
        var other = await api.AddWelderAsync(org, "RF-2", "Ann Moss");
        var edited = await api.CommandAsync(org, weldId, "assignment", new { welderId = other, dateWelded = Day(factory, -2), reason = "incorrect_welder" }, HttpMethod.Put);
        Assert.Equal("RF-2 – Ann Moss", edited.Field("welder"));
        var update = (await factory.WeldEventsAsync(org.Id, weldId)).Single(e => e.Action == WeldEventActions.Update);
        Assert.Equal((welderId, other, "incorrect_welder"), (update.PreviousWelderId!.Value, update.WelderId!.Value, update.Reason));
    }

    [Fact]
    public async Task WLD055_056_057_specs_reassign_and_retire()
    {
        var org = await factory.CreateOrganizationAsync();
        var first = await factory.AddDrawingAsync(org);
        var second = await factory.AddDrawingAsync(org);
        var retiredDrawing = await factory.AddDrawingAsync(org, retired: true);
        using var api = await factory.ApiClientAsync(org.Owner);
        var weldId = (await api.CreateWeldAsync(org, first.Id)).WeldId();

        await api.RefusedAsync(org, weldId, "specs", new { weldType = "XX" }, WeldCommands.WeldTypeMessage);
        await api.RefusedAsync(org, weldId, "specs", new { xRayPercent = 101 }, WeldRules.XRayMessage);
        var specs = await api.CommandAsync(org, weldId, "specs", new { weldType = "sw", schedule = "80", xRayPercent = 10, ndeRequired = true });
        Assert.Equal(("SW", "80", "2", 10m), (specs.Field("weldType"), specs.Field("schedule"), specs.Field("size"), specs.GetProperty("weld").GetProperty("xRayPercent").GetDecimal()));
        Assert.True(specs.GetProperty("ndeRequired").GetBoolean());
        var specEvent = (await factory.WeldEventsAsync(org.Id, weldId)).Single(e => e.Action == WeldEventActions.UpdateSpecs);
        Assert.Contains("\"before\"", specEvent.Details, StringComparison.Ordinal);

        await api.RefusedAsync(org, weldId, "reassign", new { drawingId = retiredDrawing.Id }, WeldCommands.DrawingNotFoundMessage, status: HttpStatusCode.NotFound);
        var moved = await api.CommandAsync(org, weldId, "reassign", new { drawingId = second.Id });
        Assert.Equal((second.Id, second.AreaId, second.SystemId, second.PackageId),
            (moved.GetProperty("weld").GetProperty("drawingId").GetGuid(), moved.GetProperty("weld").GetProperty("areaId").GetGuid(),
             moved.GetProperty("weld").GetProperty("systemId").GetGuid(), moved.GetProperty("weld").GetProperty("packageId").GetGuid()));

        await api.RefusedAsync(org, weldId, "retire", new { reason = "too short" }, WeldRules.RetireReasonMessage);
        var retired = await api.CommandAsync(org, weldId, "retire", new { reason = "Line deleted in revision C" });
        Assert.True(retired.GetProperty("weld").GetProperty("isRetired").GetBoolean());
        var retire = (await factory.WeldEventsAsync(org.Id, weldId)).Single(e => e.Action == WeldEventActions.Retire);
        Assert.Contains("\"Number\":\"W-001\"", retire.Snapshot, StringComparison.Ordinal);
        await api.RefusedAsync(org, weldId, "retire", new { reason = "Line deleted in revision C" }, WeldRules.AlreadyRetiredMessage);
        await api.RefusedAsync(org, weldId, "specs", new { size = "3" }, WeldRules.RetiredMessage);
        await api.RefusedAsync(org, weldId, "assignment", new { welderId = Guid.NewGuid(), dateWelded = Day(factory, -1) }, WeldRules.RetiredMessage);

        // The log hides retired welds unless asked (WLD-080).
        var log = await (await api.Http.GetAsync(Url(org, "/welds"))).JsonAsync();
        Assert.Equal(0, log.GetProperty("total").GetInt32());
        var all = await (await api.Http.GetAsync(Url(org, "/welds?showRetired=true"))).JsonAsync();
        Assert.Equal(1, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task WLD042_the_eleventh_repair_of_a_chain_is_refused()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "CH-1");
        var weldId = (await api.CreateWeldAsync(org, drawing.Id)).WeldId();
        await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -1) });
        await api.CommandAsync(org, weldId, "nde", new { type = "RT", result = "FAIL" });
        var repairId = (await api.CommandAsync(org, weldId, "repair", expected: HttpStatusCode.Created)).WeldId();
        // Shortcut to the end of a chain: the repair becomes the 10th.
        await factory.WithDbAsync(async db =>
        {
            var repair = await db.Welds.FindAsync(repairId);
            repair!.RepairDepth = RepairRules.ChainLimit;
            await db.SaveChangesAsync();
        }, org.Id);
        await api.CommandAsync(org, repairId, "assignment", new { welderId, dateWelded = Day(factory, -1) });
        await api.CommandAsync(org, repairId, "nde", new { type = "RT", result = "FAIL" });
        await api.RefusedAsync(org, repairId, "repair", null, RepairRules.LimitMessage);
    }

    [Fact]
    public async Task TRK048_weld_complete_follows_the_weld_record_and_lowering_it_clears_the_assignment()
    {
        var org = await factory.CreateOrganizationAsync();
        var drawing = await factory.AddDrawingAsync(org);
        using var api = await factory.ApiClientAsync(org.Owner);
        var welderId = await api.AddWelderAsync(org, "TK-48");
        var created = await api.CreateWeldAsync(org, drawing.Id);
        var weldId = created.WeldId();
        var componentId = created.GetProperty("weld").GetProperty("componentId").GetGuid();
        var milestoneUrl = Url(org, $"/components/{componentId}/milestones/{Uri.EscapeDataString(DefaultTemplates.WeldComplete)}");

        var refused = await api.SendJsonAsync(HttpMethod.Post, milestoneUrl, new { value = 100 });
        Assert.Equal(MilestoneUpdateRules.WelderRequiredMessage, await refused.ProblemDetailAsync());

        await api.CommandAsync(org, weldId, "assignment", new { welderId, dateWelded = Day(factory, -1) });
        await api.CommandAsync(org, weldId, "nde", new { type = "RT", result = "PENDING" });
        var blocked = await api.SendJsonAsync(HttpMethod.Post, milestoneUrl, new { value = 0, rollbackReason = "data_entry_error" });
        Assert.Equal(MilestoneUpdateRules.ClearNdeFirstMessage, await blocked.ProblemDetailAsync());

        await api.CommandAsync(org, weldId, "nde/clear", new { reason = "data_entry_error" });
        var lowered = await api.SendJsonAsync(HttpMethod.Post, milestoneUrl, new { value = 0, rollbackReason = "data_entry_error" });
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        var weld = await factory.WeldAsync(org.Id, weldId);
        Assert.Equal(((Guid?)null, (DateOnly?)null), (weld.WelderId, weld.DateWelded));
        Assert.Contains(await factory.WeldEventsAsync(org.Id, weldId), e => e.Action == WeldEventActions.Clear && e.Reason == "data_entry_error");
        Assert.Equal(10m, (await factory.ReloadAsync(org.Id, componentId)).Percent);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WeldLifecycleTests_Sqlite(SqliteFactory factory) : WeldLifecycleTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class WeldLifecycleTests_Postgres(PostgresFactory factory) : WeldLifecycleTests(factory);
