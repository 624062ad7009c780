using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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
/// An applied change writes the value, one event and the recomputed percent in one transaction (TRK-032):
/// one statement on PostgreSQL (<see cref="MilestoneWrite"/>, ADR 009), one SaveChanges otherwise.
/// Updates of one component serialize on <see cref="Component.Version"/>: a concurrent change reloads
/// and decides again, so neither update is lost (TRK-047).
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
        // One round trip for everything the checks and the rules read (issue 3): the component through
        // the tenant filter, whether its project is archived, the project's template rows for its type
        // with the stored value of each, and when this user last recorded the requested value here (TRK-046).
        var userId = user.UserId();
        var probe = DuplicateProbe(input.Value, userId);
        var loaded = await LoadAsync(projectId, componentId, milestone, userId ?? Guid.Empty, probe ?? -1, ct);
        // 1. Through the tenant filter: another organization's (or another project's) component is unknown.
        if (loaded is null)
        {
            return MilestoneCommandResult.NotFound;
        }
        var component = loaded.Component;
        var archived = loaded.Archived;
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

        IReadOnlyList<TemplateRow> template;
        List<MilestoneValueRow> values;
        if (loaded.Rows.Count > 0)
        {
            // The project's rows (TRK-023). Values of names outside the template are not needed: the
            // progress function ignores them (TRK-030) and the state lists template milestones only.
            template = loaded.Rows.ConvertAll(r => r.Row.ToRow());
            templates[(component.ProjectId, component.Type)] = template;
            values = [];
            foreach (var r in loaded.Rows)
            {
                if (r.Value is { } v)
                {
                    values.Add(v);
                }
            }
        }
        else
        {
            // TRK-023: no project rows, the default stands in (logged); its values are read on their own.
            template = await TemplateAsync(component, ct);
            values = await db.MilestoneValues.AsNoTracking().Where(v => v.ComponentId == component.Id).ToListAsync(ct);
        }
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

        var actingUserId = user.RequiredUserId();
        var now = clock.GetUtcNow();
        var row = decision.Row!;
        var newValue = decision.NewValue;
        // TRK-046: the answer read with the component when it was asked about this very milestone and value.
        var recentDuplicate = probe == newValue.Value && string.Equals(row.Name, milestone, StringComparison.Ordinal)
            ? loaded.LastSameValueAt is { } at && MilestoneUpdateRules.IsRecentDuplicate(new DateTimeOffset(at, TimeSpan.Zero), now)
            : await IsRecentDuplicateAsync(component.Id, row.Name, actingUserId, newValue.Value, now, ct);
        if (recentDuplicate)
        {
            return new MilestoneCommandResult(MilestoneCommandStatus.Ok, State(component, template, values));
        }

        var nowUtc = now.UtcDateTime;
        var clearsWelder = decision.ClearsWelderAssignment && weld?.WelderId is not null;
        var oneStatement = !clearsWelder && MilestoneWrite.Applies(db);
        if (!oneStatement)
        {
            // SaveChanges: the rows were read without tracking; tracked from here, before they change.
            db.Attach(component);
            if (stored is not null)
            {
                db.Attach(stored);
            }
        }
        var storedIsNew = stored is null;
        if (stored is null)
        {
            stored = new MilestoneValueRow
            {
                ComponentId = component.Id,
                Milestone = row.Name,
                OrganizationId = component.OrganizationId,
                ProjectId = component.ProjectId,
            };
            values.Add(stored);
        }
        stored.Value = newValue;
        stored.SetByUserId = actingUserId;
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
            UserId = actingUserId,
            OccurredAt = MilestoneUpdateRules.OccurredAt(input.OccurredAt, now).UtcDateTime,
            RecordedAt = nowUtc,
            IdempotencyKey = string.IsNullOrEmpty(input.IdempotencyKey) ? null : input.IdempotencyKey,
        };
        // TRK-032: the one progress function over the effective template and ALL stored values.
        var readVersion = component.Version;
        component.Percent = ProgressRules.PercentComplete(template, ValueMap(values));
        component.Version = Guid.NewGuid();
        if (oneStatement)
        {
            // PostgreSQL: the same rows in one statement (its own transaction); nothing is tracked or pending.
            await MilestoneWrite.ExecuteAsync(db, component, readVersion, stored, evt, ct);
            return new MilestoneCommandResult(MilestoneCommandStatus.Ok, State(component, template, values), evt);
        }
        if (storedIsNew)
        {
            db.MilestoneValues.Add(stored);
        }
        db.MilestoneEvents.Add(evt);
        if (clearsWelder)
        {
            // TRK-048: lowering Weld Complete is the Clear Assignment command (WLD-023), same transaction.
            await WeldCommands.StageClearAssignmentAsync(db, weld!, actingUserId, nowUtc, decision.RollbackReason, decision.RollbackDetails, ct);
        }
        await db.SaveChangesAsync(ct);
        // Saved: let them go, so the next command on this context (a batch, bulk receive) reads them afresh.
        db.Entry(component).State = EntityState.Detached;
        db.Entry(stored).State = EntityState.Detached;
        db.Entry(evt).State = EntityState.Detached;
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

    /// <summary>What one update reads, in one query (see <see cref="LoadAsync"/>).</summary>
    private sealed record Loaded(Component Component, bool Archived, DateTime? LastSameValueAt, List<TemplateValue> Rows);

    /// <summary>A template row of the component's type with the component's stored value of it, if any (neither tracked).</summary>
    private sealed record TemplateValue(ProjectTemplateRow Row, MilestoneValueRow? Value);

    /// <summary>
    /// The component through the tenant filter, its project's archived flag, the project's template rows for
    /// its type in order, each joined to the component's stored value, and the time this
    /// user last recorded the probed value on the milestone (TRK-046), in one query.
    /// </summary>
    /// <remarks>
    /// Compiled once per model (issue 3): no expression tree is built or walked per update, and the tenant
    /// filter still applies. A compiled query serves one model only; tests run both providers in one process.
    /// </remarks>
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, Guid, Guid, string, Guid, int, CancellationToken, Task<Loaded?>>> LoadQueries = [];

    private static Func<AppDbContext, Guid, Guid, string, Guid, int, CancellationToken, Task<Loaded?>> CompileLoad() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid projectId, Guid componentId, string milestone, Guid userId, int probe, CancellationToken ct) =>
            db.Components.AsNoTracking()
                .Where(c => c.Id == componentId && c.ProjectId == projectId)
                .Select(c => new Loaded(
                    c,
                    db.Projects.Any(p => p.Id == c.ProjectId && p.IsArchived),
                    db.MilestoneEvents
                        .Where(e => e.ComponentId == c.Id && e.Milestone == milestone && e.UserId == userId && e.Value == probe)
                        .Max(e => (DateTime?)e.RecordedAt),
                    (from r in db.ProjectTemplateRows
                     where r.ProjectId == projectId && r.ComponentType == c.Type
                     join v in db.MilestoneValues.Where(v => v.ComponentId == componentId) on r.Milestone equals v.Milestone into stored
                     from v in stored.DefaultIfEmpty()
                     orderby r.Order
                     select new TemplateValue(
                         new ProjectTemplateRow { Milestone = r.Milestone, Weight = r.Weight, Kind = r.Kind, Category = r.Category, RequiresWelder = r.RequiresWelder },
                         v))
                    .ToList()))
                .SingleOrDefault());

    private Task<Loaded?> LoadAsync(Guid projectId, Guid componentId, string milestone, Guid userId, int probe, CancellationToken ct) =>
        LoadQueries.GetValue(db.Model, _ => CompileLoad())(db, projectId, componentId, milestone, userId, probe, ct);

    /// <summary>TRK-046: the value a request can only apply as (a whole number 0-100), asked about up front; null when none or no user.</summary>
    private static int? DuplicateProbe(decimal? value, Guid? userId) =>
        userId is not null && value is { } v && MilestoneValue.TryCreate(v, out var created, out _) ? created.Value : null;

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
