using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Milestones;

public enum MilestoneCommandStatus
{
    Ok = 1,
    NotFound,
    Forbidden,
    Archived,

    /// <summary>A TRK-041 rule refused the change (422 with <see cref="MilestoneCommandResult.Message"/>).</summary>
    Refused,

    /// <summary>FLD-030: the base value differs from the stored one (409 with the current state).</summary>
    Conflict,
}

/// <summary>TRK-040 inputs besides component and milestone. <c>Value</c> null means missing or not a number (refused at step 5).</summary>
public sealed record MilestoneUpdateInput(
    decimal? Value,
    int? BaseValue = null,
    DateTimeOffset? OccurredAt = null,
    string? RollbackReason = null,
    string? RollbackDetails = null,
    string? IdempotencyKey = null);

/// <summary>A component's progress after a command: percent and every template milestone's value, in template order.</summary>
public sealed record ComponentMilestoneState(Guid ComponentId, decimal Percent, IReadOnlyList<KeyValuePair<string, int>> Milestones);

/// <summary>Who stages milestone changes, when, and why (the reason applies to the decreases only, TRK-042).</summary>
public sealed record MilestoneStageContext(Guid UserId, DateTimeOffset Now, string? RollbackReason = null, string? RollbackDetails = null);

/// <summary>The component's state after staged changes, and the events they added (not yet saved).</summary>
public sealed record StagedMilestones(ComponentMilestoneState State, IReadOnlyList<MilestoneEvent> Events);

public sealed record MilestoneCommandResult(
    MilestoneCommandStatus Status,
    ComponentMilestoneState? State = null,
    MilestoneEvent? Event = null,
    string? Message = null,
    MilestoneUpdateError? Error = null)
{
    public static readonly MilestoneCommandResult NotFound = new(MilestoneCommandStatus.NotFound);
}

/// <summary>
/// TRK-040..047: the milestone update command. Checks 1-2 here (tenant filter → 404, role → 403),
/// then the archived project (PPL-041), then the pure <see cref="MilestoneUpdateRules.Decide"/>.
/// An applied change writes the value, one event and the recomputed percent in ONE SaveChanges
/// (one transaction, TRK-032). Updates of one component serialize on <see cref="Component.Version"/>:
/// a concurrent change reloads and decides again, so neither update is lost (TRK-047).
/// </summary>
public sealed class MilestoneCommands(AppDbContext db, TimeProvider clock, ILogger<MilestoneCommands> logger)
{
    private const int MaxAttempts = 10;

    private readonly Dictionary<(Guid ProjectId, ComponentType Type), IReadOnlyList<TemplateRow>> templates = [];

    public async Task<MilestoneCommandResult> UpdateAsync(
        ClaimsPrincipal user, Guid projectId, Guid componentId, string milestone, MilestoneUpdateInput input, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryUpdateAsync(user, projectId, componentId, milestone, input, ct);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // TRK-047: another update of this component committed first (version changed, or the
                // same value row was inserted meanwhile): start again from the stored state.
                db.ChangeTracker.Clear();
                MilestoneLog.Retried(logger, componentId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), ct);
            }
        }
    }

    private async Task<MilestoneCommandResult> TryUpdateAsync(
        ClaimsPrincipal user, Guid projectId, Guid componentId, string milestone, MilestoneUpdateInput input, CancellationToken ct)
    {
        // 1. Through the tenant filter: another organization's (or another project's) component is unknown.
        var component = await db.Components.SingleOrDefaultAsync(c => c.Id == componentId && c.ProjectId == projectId, ct);
        if (component is null)
        {
            return MilestoneCommandResult.NotFound;
        }
        var archived = await db.Projects.Where(p => p.Id == projectId).Select(p => p.IsArchived).SingleAsync(ct);
        if (archived && !user.Can(Permission.ManageProjects))
        {
            return MilestoneCommandResult.NotFound; // PPL-033: archived projects are invisible to the other roles.
        }
        // 2. Role.
        if (!user.Can(Permission.UpdateMilestones))
        {
            return new MilestoneCommandResult(MilestoneCommandStatus.Forbidden, Message: MilestoneUpdateRules.ForbiddenMessage);
        }
        if (archived)
        {
            return new MilestoneCommandResult(MilestoneCommandStatus.Archived, Message: Project.ArchivedMessage);
        }

        var template = await TemplateAsync(component, ct);
        var values = await db.MilestoneValues.Where(v => v.ComponentId == component.Id).ToListAsync(ct);
        var stored = values.Find(v => string.Equals(v.Milestone, milestone, StringComparison.Ordinal));
        // TRK-048: a field weld's welder and NDE result come from its weld record (WLD-001).
        var weld = component.Type == ComponentType.FieldWeld
            ? await db.Welds.SingleOrDefaultAsync(w => w.ComponentId == component.Id, ct)
            : null;
        // 3-9. The pure rules (TRK-041..046, TRK-048, FLD-030).
        var decision = MilestoneUpdateRules.Decide(new MilestoneUpdateRequest(
            component.Type, template, component.IsRetired, milestone, input.Value ?? -1m, stored?.Value,
            input.BaseValue, input.RollbackReason, input.RollbackDetails, component.BudgetedManhours,
            HasWelder: weld?.WelderId is not null, HasNdeResult: weld?.NdeResult is not null));
        switch (decision.Outcome)
        {
            case MilestoneUpdateOutcome.Refused when decision.Error == MilestoneUpdateError.Conflict:
                return new MilestoneCommandResult(MilestoneCommandStatus.Conflict, State(component, template, values), Error: decision.Error);
            case MilestoneUpdateOutcome.Refused:
                return new MilestoneCommandResult(MilestoneCommandStatus.Refused, Message: decision.Message, Error: decision.Error);
            case MilestoneUpdateOutcome.NoOp:
                // TRK-046: setting the current value writes nothing and returns the current state.
                return new MilestoneCommandResult(MilestoneCommandStatus.Ok, State(component, template, values));
        }

        var userId = user.RequiredUserId();
        var now = clock.GetUtcNow();
        var row = decision.Row!;
        var newValue = decision.NewValue;
        if (await IsRecentDuplicateAsync(component.Id, row.Name, userId, newValue.Value, now, ct))
        {
            return new MilestoneCommandResult(MilestoneCommandStatus.Ok, State(component, template, values));
        }

        var nowUtc = now.UtcDateTime;
        if (stored is null)
        {
            stored = new MilestoneValueRow
            {
                ComponentId = component.Id,
                Milestone = row.Name,
                OrganizationId = component.OrganizationId,
                ProjectId = component.ProjectId,
            };
            db.MilestoneValues.Add(stored);
            values.Add(stored);
        }
        stored.Value = newValue;
        stored.SetByUserId = userId;
        stored.SetAt = nowUtc;
        var evt = new MilestoneEvent
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = component.OrganizationId,
            ProjectId = component.ProjectId,
            ComponentId = component.Id,
            Milestone = row.Name,
            Action = decision.Action!.Value,
            Value = newValue.Value,
            Previous = decision.Previous?.Value,
            WeightThen = row.Weight,
            Category = row.Category,
            DeltaManhours = decision.DeltaManhours,
            RollbackReason = decision.RollbackReason,
            RollbackDetails = decision.RollbackDetails,
            UserId = userId,
            OccurredAt = MilestoneUpdateRules.OccurredAt(input.OccurredAt, now).UtcDateTime,
            RecordedAt = nowUtc,
            IdempotencyKey = string.IsNullOrEmpty(input.IdempotencyKey) ? null : input.IdempotencyKey,
        };
        db.MilestoneEvents.Add(evt);
        // TRK-032: the one progress function over the effective template and ALL stored values.
        component.Percent = ProgressRules.PercentComplete(template, ValueMap(values));
        component.Version = Guid.NewGuid();
        if (decision.ClearsWelderAssignment && weld?.WelderId is not null)
        {
            // TRK-048: lowering Weld Complete is the Clear Assignment command (WLD-023), same transaction.
            await WeldCommands.StageClearAssignmentAsync(db, weld, userId, nowUtc, decision.RollbackReason, decision.RollbackDetails, ct);
        }
        await db.SaveChangesAsync(ct);
        return new MilestoneCommandResult(MilestoneCommandStatus.Ok, State(component, template, values), evt);
    }

    /// <summary>
    /// Applies target values to a TRACKED component without saving, for commands that write other rows
    /// in the same transaction (weld commands, WLD-020..043). Each changed milestone gets its value row
    /// and its own event (TRK-043/044, WLD-031); the percent is recomputed with the one progress function
    /// (TRK-032) and the component's version renewed. Names missing from the effective template and
    /// unchanged values are skipped. The caller has already checked permissions and its own guards.
    /// </summary>
    public async Task<StagedMilestones> StageAsync(
        Component component, IReadOnlyDictionary<string, int> targets, MilestoneStageContext context, CancellationToken ct)
    {
        var template = await TemplateAsync(component, ct);
        // A component this unit of work is adding (imports, unplanned and repair welds) has only the values staged here.
        var values = db.Entry(component).State == EntityState.Added
            ? [.. db.MilestoneValues.Local.Where(v => v.ComponentId == component.Id)]
            : await db.MilestoneValues.Where(v => v.ComponentId == component.Id).ToListAsync(ct);
        var events = new List<MilestoneEvent>();
        var nowUtc = context.Now.UtcDateTime;
        foreach (var row in template)
        {
            if (!targets.TryGetValue(row.Name, out var target))
            {
                continue;
            }
            var newValue = MilestoneValue.Create(target);
            var stored = values.Find(v => string.Equals(v.Milestone, row.Name, StringComparison.Ordinal));
            var previous = stored?.Value;
            if (newValue == (previous ?? MilestoneValue.Zero))
            {
                continue; // TRK-046: nothing changes, nothing is written.
            }
            if (stored is null)
            {
                stored = new MilestoneValueRow
                {
                    ComponentId = component.Id,
                    Milestone = row.Name,
                    OrganizationId = component.OrganizationId,
                    ProjectId = component.ProjectId,
                };
                db.MilestoneValues.Add(stored);
                values.Add(stored);
            }
            stored.Value = newValue;
            stored.SetByUserId = context.UserId;
            stored.SetAt = nowUtc;
            var lowering = newValue < (previous ?? MilestoneValue.Zero);
            var evt = new MilestoneEvent
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = component.OrganizationId,
                ProjectId = component.ProjectId,
                ComponentId = component.Id,
                Milestone = row.Name,
                Action = MilestoneUpdateRules.ActionFor(previous, newValue),
                Value = newValue.Value,
                Previous = previous?.Value,
                WeightThen = row.Weight,
                Category = row.Category,
                DeltaManhours = MilestoneUpdateRules.DeltaManhours(component.BudgetedManhours, row.Weight, previous, newValue),
                RollbackReason = lowering ? context.RollbackReason : null,
                RollbackDetails = lowering && !string.IsNullOrWhiteSpace(context.RollbackDetails) ? context.RollbackDetails.Trim() : null,
                UserId = context.UserId,
                OccurredAt = nowUtc,
                RecordedAt = nowUtc,
            };
            db.MilestoneEvents.Add(evt);
            events.Add(evt);
        }
        if (events.Count > 0)
        {
            component.Percent = ProgressRules.PercentComplete(template, ValueMap(values));
            component.Version = Guid.NewGuid();
        }
        return new StagedMilestones(State(component, template, values), events);
    }

    /// <summary>The component's current state (percent and every template milestone), read-only.</summary>
    public async Task<ComponentMilestoneState> StateAsync(Component component, CancellationToken ct)
    {
        var template = await TemplateAsync(component, ct);
        var values = await db.MilestoneValues.AsNoTracking().Where(v => v.ComponentId == component.Id).ToListAsync(ct);
        return State(component, template, values);
    }

    /// <summary>TRK-023: the component's effective template (weld commands need every milestone name, WLD-031).</summary>
    public Task<IReadOnlyList<TemplateRow>> TemplateForAsync(Component component, CancellationToken ct) => TemplateAsync(component, ct);

    /// <summary>TRK-023: the project's rows for the type, or the default (logged as an error) when missing.</summary>
    private async Task<IReadOnlyList<TemplateRow>> TemplateAsync(Component component, CancellationToken ct)
    {
        // Read once per project and type for the lifetime of this (scoped) instance: a weld import stages
        // thousands of welds, and nothing that edits rules of credit goes through this class.
        if (templates.TryGetValue((component.ProjectId, component.Type), out var cached))
        {
            return cached;
        }
        var rows = await db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == component.ProjectId && r.ComponentType == component.Type)
            .OrderBy(r => r.Order)
            .ToListAsync(ct);
        var (template, usedDefault) = EffectiveTemplate.For(component.Type, rows.ConvertAll(r => r.ToRow()));
        if (usedDefault)
        {
            MilestoneLog.TemplateMissing(logger, component.ProjectId, component.Type.Code());
        }
        templates[(component.ProjectId, component.Type)] = template;
        return template;
    }

    /// <summary>TRK-046: the same user set the same value on this milestone, producing an event, within 5 s.</summary>
    private async Task<bool> IsRecentDuplicateAsync(Guid componentId, string milestone, Guid userId, int value, DateTimeOffset now, CancellationToken ct)
    {
        var last = await db.MilestoneEvents.AsNoTracking()
            .Where(e => e.ComponentId == componentId && e.Milestone == milestone && e.UserId == userId && e.Value == value)
            .OrderByDescending(e => e.RecordedAt)
            .Select(e => (DateTime?)e.RecordedAt)
            .FirstOrDefaultAsync(ct);
        return last is { } at && MilestoneUpdateRules.IsRecentDuplicate(new DateTimeOffset(at, TimeSpan.Zero), now);
    }

    private static Dictionary<string, MilestoneValue> ValueMap(List<MilestoneValueRow> values)
    {
        var map = new Dictionary<string, MilestoneValue>(values.Count, StringComparer.Ordinal);
        foreach (var v in values)
        {
            map[v.Milestone] = v.Value;
        }
        return map;
    }

    private static ComponentMilestoneState State(Component component, IReadOnlyList<TemplateRow> template, List<MilestoneValueRow> values)
    {
        var map = ValueMap(values);
        var milestones = new List<KeyValuePair<string, int>>(template.Count);
        foreach (var row in template)
        {
            milestones.Add(new(row.Name, map.TryGetValue(row.Name, out var v) ? v.Value : 0));
        }
        return new ComponentMilestoneState(component.Id, component.Percent, milestones);
    }
}
