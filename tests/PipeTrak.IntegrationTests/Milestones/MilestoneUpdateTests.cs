using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;
using static PipeTrak.IntegrationTests.Projects.ProjectTestHelpers;

namespace PipeTrak.IntegrationTests.Milestones;

/// <summary>TRK-040..047 through POST /api/v1/projects/{projectId}/components/{componentId}/milestones/{milestone}.</summary>
public abstract class MilestoneUpdateTests(PipeTrakFactory factory)
{
    private static Task<HttpResponseMessage> SetAsync(AppClient api, TestOrg org, Guid componentId, string milestone, object body, string? key = null) =>
        api.SendJsonAsync(HttpMethod.Post, $"/api/v1/projects/{org.ProjectId}/components/{componentId}/milestones/{Uri.EscapeDataString(milestone)}", body, key);

    private async Task AssertPercentIsRecomputedAsync(TestOrg org, Component component)
    {
        var stored = await factory.ReloadAsync(org.Id, component.Id);
        var values = await factory.ValuesAsync(org.Id, component.Id);
        Assert.Equal(ProgressRules.PercentComplete(DefaultTemplates.For(component.Type), values), stored.Percent);
    }

    [Fact]
    public async Task TRK030_032_stored_percent_is_the_progress_function_after_every_update()
    {
        var org = await factory.CreateOrganizationAsync();
        var pipe = await factory.AddComponentAsync(org, ComponentType.Pipe);
        using var api = await factory.ApiClientAsync(org.Owner);

        JsonElement last = default;
        foreach (var (milestone, value) in new[] { ("Receive", 100), ("Erect", 100), ("Connect", 40) })
        {
            var response = await SetAsync(api, org, pipe.Id, milestone, new { value });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await response.JsonAsync();
            await AssertPercentIsRecomputedAsync(org, pipe);
        }
        // TRK-030 example: 5 + 30 + 12 = 47.00.
        Assert.Equal(47.00m, last.GetProperty("percent").GetDecimal());
        Assert.Equal(47.00m, (await factory.ReloadAsync(org.Id, pipe.Id)).Percent);
        Assert.Equal(pipe.Id, last.GetProperty("componentId").GetGuid());
        var milestones = last.GetProperty("milestones");
        Assert.Equal(["Receive", "Erect", "Connect", "Support", "Punch", "Test", "Restore"], milestones.EnumerateObject().Select(p => p.Name));
        Assert.Equal(40, milestones.GetProperty("Connect").GetInt32());
        Assert.Equal(0, milestones.GetProperty("Support").GetInt32());
    }

    [Fact]
    public async Task TRK043_044_events_record_action_previous_weight_category_and_delta_manhours()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool, budgetedManhours: 8m);
        using var api = await factory.ApiClientAsync(org.Owner);

        var first = await (await SetAsync(api, org, spool.Id, "Connect", new { value = 100 })).JsonAsync();
        var evt = first.GetProperty("event");
        Assert.Equal("complete", evt.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, evt.GetProperty("previous").ValueKind);
        Assert.Equal(3.2m, evt.GetProperty("deltaManhours").GetDecimal());
        Assert.Equal("install", evt.GetProperty("category").GetString());
        Assert.Equal(40, evt.GetProperty("weight").GetInt32());

        var refused = await SetAsync(api, org, spool.Id, "Connect", new { value = 0 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("A reason is required to lower a milestone", await refused.ProblemDetailAsync());

        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var back = await (await SetAsync(api, org, spool.Id, "Connect", new { value = 0, rollbackReason = "qc_rejection" })).JsonAsync();
        Assert.Equal("rollback", back.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(0m, back.GetProperty("percent").GetDecimal());

        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var again = await (await SetAsync(api, org, spool.Id, "Connect", new { value = true })).JsonAsync();
        Assert.Equal("update", again.GetProperty("event").GetProperty("action").GetString());

        var events = (await factory.EventsAsync(org.Id, spool.Id)).OrderBy(e => e.RecordedAt).ToList();
        Assert.Equal(3, events.Count);
        Assert.Equal([MilestoneEventAction.Complete, MilestoneEventAction.Rollback, MilestoneEventAction.Update], events.Select(e => e.Action));
        Assert.Equal([3.2000m, -3.2000m, 3.2000m], events.Select(e => e.DeltaManhours));
        Assert.Equal([null, 100, 0], events.Select(e => e.Previous));
        Assert.Equal("qc_rejection", events[1].RollbackReason);
        Assert.All(events, e => Assert.Equal(MilestoneCategory.Install, e.Category));
        Assert.All(events, e => Assert.Equal(org.Owner.Id, e.UserId));
        Assert.All(events, e => Assert.Equal(org.ProjectId, e.ProjectId));
        Assert.Equal(40m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
    }

    [Fact]
    public async Task TRK041_refusals_answer_422_with_the_first_failing_checks_message_and_write_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        var retired = await factory.AddComponentAsync(org, ComponentType.Spool, retired: true);
        var weld = await factory.AddComponentAsync(org, ComponentType.FieldWeld);
        using var api = await factory.ApiClientAsync(org.Owner);
        await SetAsync(api, org, spool.Id, "Erect", new { value = 100 });
        var before = (await factory.EventsAsync(org.Id, spool.Id)).Count;

        async Task RefusedAsync(Guid componentId, string milestone, object body, string message)
        {
            var response = await SetAsync(api, org, componentId, milestone, body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal(message, await response.ProblemDetailAsync());
        }

        // 3 before 4, 5, 6.
        await RefusedAsync(retired.Id, "Nope", new { value = 50.5 }, "Retired components cannot be updated");
        // 4 before 5.
        await RefusedAsync(spool.Id, "connect", new { value = 500 }, "Milestone 'connect' is not part of the Spool rules of credit");
        await RefusedAsync(weld.Id, "Install", new { value = 100 }, "Milestone 'Install' is not part of the Field Weld rules of credit");
        // 5 before 6.
        await RefusedAsync(spool.Id, "Connect", new { value = 500 }, "Value must be between 0 and 100");
        await RefusedAsync(spool.Id, "Connect", new { value = -1 }, "Value must be between 0 and 100");
        await RefusedAsync(spool.Id, "Connect", new { value = 50.5 }, "Value must be between 0 and 100");
        await RefusedAsync(spool.Id, "Connect", new { value = "abc" }, "Value must be between 0 and 100");
        await RefusedAsync(spool.Id, "Connect", new { }, "Value must be between 0 and 100");
        // 6.
        await RefusedAsync(spool.Id, "Connect", new { value = 50 }, "'Connect' can only be 0 or 100");
        // 7. TRK-048: no welder can be assigned yet.
        await RefusedAsync(weld.Id, "Weld Complete", new { value = 100 }, "Assign a welder before marking Weld Complete");
        // 8. TRK-042.
        await RefusedAsync(spool.Id, "Erect", new { value = 0 }, "A reason is required to lower a milestone");
        await RefusedAsync(spool.Id, "Erect", new { value = 0, rollbackReason = "because" }, "A reason is required to lower a milestone");
        await RefusedAsync(spool.Id, "Erect", new { value = 0, rollbackReason = "other", rollbackDetails = "short" }, "Describe the reason (10-500 characters)");

        Assert.Equal(before, (await factory.EventsAsync(org.Id, spool.Id)).Count);
        Assert.Empty(await factory.EventsAsync(org.Id, weld.Id));
        Assert.Empty(await factory.EventsAsync(org.Id, retired.Id));
        Assert.Equal(100, (await factory.ValuesAsync(org.Id, spool.Id))["Erect"].Value);
        Assert.Equal(40m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);

        // 'other' with enough details is accepted and stored.
        var ok = await SetAsync(api, org, spool.Id, "Erect", new { value = 0, rollbackReason = "other", rollbackDetails = "  Wrong spool was erected  " });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var rollback = (await factory.EventsAsync(org.Id, spool.Id)).Single(e => e.Action == MilestoneEventAction.Rollback);
        Assert.Equal("Wrong spool was erected", rollback.RollbackDetails);
    }

    [Fact]
    public async Task TRK041_a_viewer_gets_403_and_nothing_is_written()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        var viewer = await factory.CreateUserAsync(org.Id, OrgRole.Viewer, "viewer");
        using var api = await factory.ApiClientAsync(viewer);

        var response = await SetAsync(api, org, spool.Id, "Receive", new { value = 100 });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You don't have permission to update milestones", await response.ProblemDetailAsync());
        Assert.Empty(await factory.EventsAsync(org.Id, spool.Id));
        Assert.Empty(await factory.ValuesAsync(org.Id, spool.Id));

        // Every other role may update milestones (PPL-040 row 2).
        var welder = await factory.CreateUserAsync(org.Id, OrgRole.Welder, "welder");
        using var welderApi = await factory.ApiClientAsync(welder);
        Assert.Equal(HttpStatusCode.OK, (await SetAsync(welderApi, org, spool.Id, "Receive", new { value = 100 })).StatusCode);
    }

    [Fact]
    public async Task TRK041_another_organizations_component_is_404_before_anything_else_and_unchanged()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        var theirs = await factory.AddComponentAsync(b, ComponentType.Spool, budgetedManhours: 8m);
        using var api = await factory.ApiClientAsync(a.Owner);

        // Their project and component ids, or our project with their component: both unknown.
        var direct = await SetAsync(api, b, theirs.Id, "Receive", new { value = 100 });
        var viaOurs = await SetAsync(api, a, theirs.Id, "Receive", new { value = 100 });
        var invalid = await SetAsync(api, b, theirs.Id, "Nope", new { value = 999 });
        foreach (var response in new[] { direct, viaOurs, invalid })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("The component does not exist.", await response.ProblemDetailAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await SetAsync(api, a, Guid.NewGuid(), "Receive", new { value = 100 })).StatusCode);
        Assert.Empty(await factory.EventsAsync(b.Id, theirs.Id));
        Assert.Empty(await factory.ValuesAsync(b.Id, theirs.Id));
        Assert.Equal(0m, (await factory.ReloadAsync(b.Id, theirs.Id)).Percent);
    }

    [Fact]
    public async Task TRK046_setting_the_current_value_writes_no_event()
    {
        var org = await factory.CreateOrganizationAsync();
        var valve = await factory.AddComponentAsync(org, ComponentType.Valve);
        using var api = await factory.ApiClientAsync(org.Owner);

        // Never set counts as 0.
        var zero = await SetAsync(api, org, valve.Id, "Receive", new { value = 0 });
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await zero.JsonAsync()).GetProperty("event").ValueKind);
        Assert.Empty(await factory.EventsAsync(org.Id, valve.Id));

        Assert.Equal(HttpStatusCode.OK, (await SetAsync(api, org, valve.Id, "Receive", new { value = 100 })).StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var same = await SetAsync(api, org, valve.Id, "Receive", new { value = 100 });
        var json = await same.JsonAsync();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("event").ValueKind);
        Assert.Equal(10m, json.GetProperty("percent").GetDecimal());
        Assert.Single(await factory.EventsAsync(org.Id, valve.Id));
    }

    [Fact]
    public async Task TRK046_the_same_users_identical_request_within_5_seconds_writes_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var owner = await factory.ApiClientAsync(org.Owner);
        using var other = await factory.ApiClientAsync(foreman);

        await SetAsync(owner, org, spool.Id, "Erect", new { value = 100 });
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await SetAsync(other, org, spool.Id, "Erect", new { value = 0, rollbackReason = "data_entry_error" });
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        // The owner's retry of the same change within 5 s: nothing is written.
        var retry = await SetAsync(owner, org, spool.Id, "Erect", new { value = 100 });
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await retry.JsonAsync()).GetProperty("event").ValueKind);
        Assert.Equal(2, (await factory.EventsAsync(org.Id, spool.Id)).Count);
        Assert.Equal(0, (await factory.ValuesAsync(org.Id, spool.Id))["Erect"].Value);

        factory.Clock.Advance(TimeSpan.FromSeconds(6));
        var later = await SetAsync(owner, org, spool.Id, "Erect", new { value = 100 });
        Assert.Equal("update", (await later.JsonAsync()).GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(3, (await factory.EventsAsync(org.Id, spool.Id)).Count);
    }

    [Fact]
    public async Task TRK045_an_idempotency_key_replay_writes_one_event()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        using var api = await factory.ApiClientAsync(org.Owner);
        var key = "field-" + Guid.NewGuid().ToString("N");

        var first = await SetAsync(api, org, spool.Id, "Receive", new { value = 100 }, key);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var replay = await SetAsync(api, org, spool.Id, "Receive", new { value = 100 }, key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        var evt = Assert.Single(await factory.EventsAsync(org.Id, spool.Id));
        Assert.Equal(key, evt.IdempotencyKey);
    }

    [Fact]
    public async Task TRK047_concurrent_updates_of_one_component_are_all_applied()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool, budgetedManhours: 10m);
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var owner = await factory.ApiClientAsync(org.Owner);
        using var other = await factory.ApiClientAsync(foreman);

        var responses = await Task.WhenAll(
            SetAsync(owner, org, spool.Id, "Receive", new { value = 100 }),
            SetAsync(other, org, spool.Id, "Erect", new { value = 100 }),
            SetAsync(owner, org, spool.Id, "Connect", new { value = 100 }),
            SetAsync(other, org, spool.Id, "Punch", new { value = 100 }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var values = await factory.ValuesAsync(org.Id, spool.Id);
        Assert.Equal(4, values.Count);
        Assert.All(values.Values, v => Assert.Equal(100, v.Value));
        Assert.Equal(90m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
        Assert.Equal(4, (await factory.EventsAsync(org.Id, spool.Id)).Count);
        await AssertPercentIsRecomputedAsync(org, spool);
    }

    [Fact]
    public async Task TRK023_without_project_rows_for_the_type_the_default_template_applies()
    {
        var org = await factory.CreateOrganizationAsync();
        var pipe = await factory.AddComponentAsync(org, ComponentType.Pipe);
        await factory.WithDbAsync(db => db.ProjectTemplateRows
            .Where(r => r.ProjectId == org.ProjectId && r.ComponentType == ComponentType.Pipe).ExecuteDeleteAsync(), org.Id);
        using var api = await factory.ApiClientAsync(org.Owner);

        var response = await SetAsync(api, org, pipe.Id, "Erect", new { value = 100 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(30m, body.GetProperty("percent").GetDecimal());
        Assert.Equal(DefaultTemplates.For(ComponentType.Pipe).Select(r => r.Name), body.GetProperty("milestones").EnumerateObject().Select(p => p.Name));
        Assert.Single(await factory.EventsAsync(org.Id, pipe.Id));
        await AssertPercentIsRecomputedAsync(org, pipe);

        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        var back = await (await SetAsync(api, org, pipe.Id, "Erect", new { value = 0, rollbackReason = "qc_rejection" })).JsonAsync();
        Assert.Equal(0m, back.GetProperty("percent").GetDecimal());
        Assert.Equal(2, (await factory.EventsAsync(org.Id, pipe.Id)).Count);
    }

    [Fact]
    public async Task TRK030_a_stored_value_outside_the_template_is_ignored_and_kept()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        await factory.WithDbAsync(async db =>
        {
            db.MilestoneValues.Add(new MilestoneValueRow
            {
                ComponentId = spool.Id,
                Milestone = "Legacy",
                OrganizationId = org.Id,
                ProjectId = spool.ProjectId,
                Value = MilestoneValue.Complete,
                SetByUserId = org.Owner.Id,
                SetAt = spool.CreatedAt,
            });
            await db.SaveChangesAsync();
        }, org.Id);
        using var api = await factory.ApiClientAsync(org.Owner);

        var body = await (await SetAsync(api, org, spool.Id, "Erect", new { value = 100 })).JsonAsync();
        Assert.DoesNotContain("Legacy", body.GetProperty("milestones").EnumerateObject().Select(p => p.Name));
        await AssertPercentIsRecomputedAsync(org, spool);
        var values = await factory.ValuesAsync(org.Id, spool.Id);
        Assert.Equal(100, values["Legacy"].Value);
        Assert.Equal(100, values["Erect"].Value);
        Assert.Equal(body.GetProperty("percent").GetDecimal(), (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
    }

    [Fact]
    public async Task TRK046_the_window_looks_at_the_users_last_event_with_the_same_value_not_only_the_last_event()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        using var api = await factory.ApiClientAsync(org.Owner);

        await SetAsync(api, org, spool.Id, "Erect", new { value = 100 });
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await SetAsync(api, org, spool.Id, "Erect", new { value = 0, rollbackReason = "data_entry_error" });
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        // Setting 100 again 2 s after the user's own 100: the same change within 5 s, nothing is written.
        var repeat = await (await SetAsync(api, org, spool.Id, "Erect", new { value = true })).JsonAsync();
        Assert.Equal(JsonValueKind.Null, repeat.GetProperty("event").ValueKind);
        Assert.Equal(0, repeat.GetProperty("milestones").GetProperty("Erect").GetInt32());
        Assert.Equal(2, (await factory.EventsAsync(org.Id, spool.Id)).Count);

        factory.Clock.Advance(TimeSpan.FromSeconds(4));
        var later = await (await SetAsync(api, org, spool.Id, "Erect", new { value = 100 })).JsonAsync();
        Assert.Equal("update", later.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(3, (await factory.EventsAsync(org.Id, spool.Id)).Count);
    }

    [Fact]
    public async Task An_applied_update_leaves_nothing_tracked_so_the_next_command_on_the_context_reads_afresh()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        var owner = SessionManager.BuildPrincipal(org.Owner.Id, null, org.Owner.Email, org.Owner.FullName, org.Id, OrgRole.Owner.ToString(), "Test", null);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Tenant.Use(org.Id);
        var commands = scope.ServiceProvider.GetRequiredService<MilestoneCommands>();
        var first = await commands.UpdateAsync(owner, org.ProjectId!.Value, spool.Id, "Receive", new MilestoneUpdateInput(100), CancellationToken.None);
        Assert.NotNull(first.Event);
        Assert.Empty(db.ChangeTracker.Entries());

        // A second change of the same component on the same context (a batch does this) sees the first.
        var second = await commands.UpdateAsync(owner, org.ProjectId!.Value, spool.Id, "Erect", new MilestoneUpdateInput(100), CancellationToken.None);
        Assert.Equal(MilestoneCommandStatus.Ok, second.Status);
        Assert.Equal(100, second.State!.Milestones.Single(m => m.Key == "Receive").Value);
        Assert.Empty(db.ChangeTracker.Entries());
        await AssertPercentIsRecomputedAsync(org, spool);
    }

    [Fact]
    public async Task The_endpoint_is_described_in_the_openapi_document()
    {
        using var client = factory.NewClient();
        var doc = await client.Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"UpdateMilestone\"", doc, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class MilestoneUpdateTests_Sqlite(SqliteFactory factory) : MilestoneUpdateTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class MilestoneUpdateTests_Postgres(PostgresFactory factory) : MilestoneUpdateTests(factory);
