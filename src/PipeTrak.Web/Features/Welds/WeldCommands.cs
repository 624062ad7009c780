using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

public sealed record AssignWelderInput(Guid? WelderId, DateOnly? DateWelded, string? Reason = null, string? Details = null);

public sealed record RollbackInput(string? Reason, string? Details);

public sealed record NdeInput(string? Type, string? Result, DateOnly? Date, string? Notes, string? Reason = null, string? Details = null);

public sealed record UnplannedWeldInput(
    Guid? DrawingId, string? Number, string? WeldType, string? Size, string? Spec,
    string? Schedule = null, string? BaseMetal = null, string? Notes = null, decimal? XRayPercent = null);

/// <summary>WLD-055: omitted (null) fields keep their value.</summary>
public sealed record WeldSpecsInput(
    string? WeldType, string? Size, string? Schedule, string? BaseMetal, string? Spec, decimal? XRayPercent, bool? NdeRequired, string? Notes);

/// <summary>
/// WLD-020..057: the weld lifecycle commands. Each one checks, in order, the project and weld (404),
/// the role (403, PPL-040), the archived project (PPL-033) and its WLD guard (422 with the spec
/// message); then writes the weld record, its milestone values and events (through
/// <see cref="MilestoneCommands.StageAsync"/>), the weld event (WLD-059) and any review item in ONE
/// SaveChanges (one transaction). A concurrent change of the same weld or component answers 409.
/// </summary>
public sealed class WeldCommands(AppDbContext db, MilestoneCommands milestones, AuditLog audit, TimeProvider clock)
{
    public const string WelderNotFoundMessage = "Welder not found";
    public const string WeldNotFoundMessage = "The weld does not exist.";
    public const string DrawingNotFoundMessage = "Drawing not found";
    public const string WeldTypeMessage = "Weld type must be BW, SW, FW or TW";
    public const string SizeRequiredMessage = "Size is required";
    public const string SpecRequiredMessage = "Spec is required";
    public const string NdeTypeMessage = "NDE type must be RT, UT, PT, MT or VT";
    public const string NdeResultMessage = "NDE result must be PASS, FAIL or PENDING";
    public const string NumberTooLongMessage = "Weld number must be 100 characters or fewer";
    public const string TextTooLongMessage = "Size, schedule, base metal and spec must be 100 characters or fewer";
    public const string NotesTooLongMessage = "Notes must be 1,000 characters or fewer";
    public const string UnassignedNote = "Welder assignment cleared";

    public static string DuplicateNumber(string number) => $"Duplicate weld number: {number} already exists in project";

    /// <summary>WLD-020/021: assign a welder and the date welded; Fit-up and Weld Complete go to 100.</summary>
    public Task<WeldCommandResult> AssignAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, AssignWelderInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, async w =>
        {
            var refusal = WeldRules.CanAssign(w.State, input.WelderId is not null, input.DateWelded, w.Today);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            var welder = await FindWelderAsync(projectId, input.WelderId!.Value, ct);
            if (welder is null)
            {
                return WeldCommandResult.NotFound(WelderNotFoundMessage);
            }
            var weld = w.Weld;
            var evt = NewEvent(w, WeldEventActions.Assign);
            evt.WelderId = welder.Id;
            evt.DateWelded = input.DateWelded;
            var wasUndated = weld.DateWelded is null;
            weld.WelderId = welder.Id;
            weld.DateWelded = input.DateWelded;
            await milestones.StageAsync(w.Component, WeldRules.AssignEffect(), w.Stage(), ct);
            if (wasUndated)
            {
                await AddWeldCompletedItemAsync(w, welder, ct);
            }
            return WeldCommandResult.Ok(weld.Id);
        }, ct);

    /// <summary>WLD-022: change the welder or the date; the event keeps the previous values. Allowed with an NDE result.</summary>
    public Task<WeldCommandResult> EditAssignmentAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, AssignWelderInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, async w =>
        {
            var refusal = WeldRules.CanEditAssignment(w.State, input.WelderId is not null, input.DateWelded, w.Today)
                ?? (input.Reason is null ? null : RollbackReasons.Validate(input.Reason, input.Details))
                ?? (w.Weld.NdeDate is { } nde && input.DateWelded > nde ? WeldRules.NdeBeforeWeldMessage : null);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            var welder = await FindWelderAsync(projectId, input.WelderId!.Value, ct);
            if (welder is null)
            {
                return WeldCommandResult.NotFound(WelderNotFoundMessage);
            }
            var weld = w.Weld;
            var evt = NewEvent(w, WeldEventActions.Update);
            evt.WelderId = welder.Id;
            evt.DateWelded = input.DateWelded;
            evt.Reason = input.Reason;
            evt.Details = Trimmed(input.Details);
            weld.WelderId = welder.Id;
            weld.DateWelded = input.DateWelded;
            return WeldCommandResult.Ok(weld.Id);
        }, ct);

    /// <summary>WLD-023: remove the welder and the date; Weld Complete goes to 0 and Fit-up stays.</summary>
    public Task<WeldCommandResult> ClearAssignmentAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, RollbackInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, async w =>
        {
            var refusal = WeldRules.CanClearAssignment(w.State, input.Reason, input.Details);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            await milestones.StageAsync(w.Component, WeldRules.ClearAssignmentEffect(), w.Stage(input.Reason, input.Details), ct);
            await StageClearAssignmentAsync(db, w.Weld, w.UserId, w.Now.UtcDateTime, input.Reason, input.Details, ct);
            return WeldCommandResult.Ok(w.Weld.Id);
        }, ct);

    /// <summary>
    /// WLD-023 on a tracked weld, without saving: clears welder and date, writes the <c>clear</c> event and
    /// ignores the pending <c>weld_completed</c> item. Also used by the milestone command (TRK-048).
    /// </summary>
    public static async Task StageClearAssignmentAsync(
        AppDbContext db, Weld weld, Guid userId, DateTime nowUtc, string? reason, string? details, CancellationToken ct)
    {
        db.WeldEvents.Add(new WeldEvent
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = weld.OrganizationId,
            ProjectId = weld.ProjectId,
            WeldId = weld.Id,
            Action = WeldEventActions.Clear,
            PreviousWelderId = weld.WelderId,
            PreviousDateWelded = weld.DateWelded,
            NdeType = weld.NdeType,
            PreviousNdeType = weld.NdeType,
            NdeResult = weld.NdeResult,
            PreviousNdeResult = weld.NdeResult,
            UserId = userId,
            OccurredAt = nowUtc,
            Reason = reason,
            Details = Trimmed(details),
        });
        weld.WelderId = null;
        weld.DateWelded = null;
        weld.Version = Guid.NewGuid();
        var pending = await db.ReviewItems
            .Where(i => i.ComponentId == weld.ComponentId && i.Type == ReviewItemTypes.WeldCompleted && i.Status == ReviewItemTypes.Pending)
            .ToListAsync(ct);
        foreach (var item in pending)
        {
            item.Status = ReviewItemTypes.Ignored;
            item.Note = UnassignedNote;
            item.ResolvedAt = nowUtc;
            item.ResolvedByUserId = userId;
        }
    }

    /// <summary>WLD-030/031: record the NDE result; PASS accepts, FAIL rejects (both: every milestone 100).</summary>
    public Task<WeldCommandResult> RecordNdeAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, NdeInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.QualityControl, async w =>
        {
            var date = input.Date ?? w.Today;
            var parse = ParseNde(input.Type, input.Result, out var type, out var result);
            var refusal = WeldRules.CanRecordNde(w.State, date, input.Notes, w.Today) ?? parse;
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            await ApplyNdeAsync(w, WeldEventActions.NdeRecord, type, result, date, Trimmed(input.Notes), null, null, ct);
            return WeldCommandResult.Ok(w.Weld.Id);
        }, ct);

    /// <summary>WLD-032/034: change the NDE type, result, date or notes (omitted fields keep their value).</summary>
    public Task<WeldCommandResult> UpdateNdeAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, NdeInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.QualityControl, async w =>
        {
            var weld = w.Weld;
            var date = input.Date ?? weld.NdeDate ?? w.Today;
            var notes = input.Notes is null ? weld.NdeNotes : Trimmed(input.Notes);
            var parse = ParseNde(input.Type ?? weld.NdeType?.Code(), input.Result ?? weld.NdeResult?.Code(), out var type, out var result);
            var state = w.State;
            // Retired, repair lock and "no result" answer before the input is looked at.
            var refusal = state.IsRetired || state.HasRepair || state.NdeResult is null || parse is not null
                ? WeldRules.CanUpdateNde(state, state.NdeResult ?? NdeResult.Pending, date, notes, w.Today, null, null) ?? parse
                : WeldRules.CanUpdateNde(state, result, date, notes, w.Today, input.Reason, input.Details);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            await ApplyNdeAsync(w, WeldEventActions.NdeUpdate, type, result, date, notes, input.Reason, input.Details, ct);
            return WeldCommandResult.Ok(weld.Id);
        }, ct);

    /// <summary>WLD-033/034: remove the NDE result and revert the weld (Fit-up and Weld Complete at 100, the rest 0).</summary>
    public Task<WeldCommandResult> ClearNdeAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, RollbackInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.QualityControl, async w =>
        {
            var refusal = WeldRules.CanClearNde(w.State, input.Reason, input.Details);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            var weld = w.Weld;
            var evt = NewEvent(w, WeldEventActions.NdeClear);
            evt.NdeType = null;
            evt.NdeResult = null;
            evt.Reason = input.Reason;
            evt.Details = Trimmed(input.Details);
            var template = await milestones.TemplateForAsync(w.Component, ct);
            var effect = WeldRules.NdeEffect(weld.NdeResult, null, template.Select(r => r.Name));
            await milestones.StageAsync(w.Component, effect, w.Stage(input.Reason, input.Details), ct);
            weld.NdeType = null;
            weld.NdeResult = null;
            weld.NdeDate = null;
            weld.NdeNotes = null;
            weld.Status = WeldStatus.Active;
            return WeldCommandResult.Ok(weld.Id);
        }, ct);

    /// <summary>WLD-040..043: create the repair of a FAIL weld: numbered, linked, Fit-up at 100, no budget.</summary>
    public Task<WeldCommandResult> CreateRepairAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, async w =>
        {
            var parent = w.Weld;
            var existing = await db.Welds.AsNoTracking().Where(r => r.OriginalWeldId == parent.Id).Select(r => r.Number).FirstOrDefaultAsync(ct);
            var refusal = w.Component.IsRetired ? WeldRules.RetiredMessage : RepairRules.CanRepair(parent.NdeResult, existing, parent.RepairDepth);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            var number = RepairRules.Number(parent.Number, parent.RepairDepth);
            if (await NumberTakenAsync(projectId, number, ct))
            {
                return WeldCommandResult.Conflict(DuplicateNumber(number));
            }
            var source = w.Component;
            var component = NewComponent(source.ProjectId, source.OrganizationId, number, w.Now.UtcDateTime);
            component.DrawingId = source.DrawingId;
            component.AreaId = source.AreaId;
            component.SystemId = source.SystemId;
            component.PackageId = source.PackageId;
            component.ManhourWeight = source.ManhourWeight;
            component.PostHydro = source.PostHydro;
            var repair = new Weld
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = parent.OrganizationId,
                ProjectId = parent.ProjectId,
                ComponentId = component.Id,
                Number = number,
                SortKey = WeldSort.Key(number),
                WeldType = parent.WeldType,
                Size = parent.Size,
                Schedule = parent.Schedule,
                BaseMetal = parent.BaseMetal,
                Spec = parent.Spec,
                XRayPercent = parent.XRayPercent,
                NdeRequired = parent.NdeRequired,
                OriginalWeldId = parent.Id,
                RepairDepth = parent.RepairDepth + 1,
                CreatedAt = w.Now.UtcDateTime,
            };
            db.Components.Add(component);
            db.Welds.Add(repair);
            await milestones.StageAsync(component, WeldRules.RepairStartEffect(), w.Stage(), ct);
            var snapshot = Snapshot(repair, component);
            foreach (var target in new[] { parent, repair })
            {
                var evt = NewEvent(w, WeldEventActions.RepairCreated, target);
                evt.Details = $"Repair {number} of {parent.Number}";
                evt.Snapshot = snapshot;
            }
            parent.Version = Guid.NewGuid(); // WLD-034: the parent is now locked; serialize with its other commands.
            return WeldCommandResult.Ok(repair.Id);
        }, ct);

    /// <summary>WLD-055: update weld type, size, schedule, base metal, spec, x-ray %, NDE required and notes.</summary>
    public Task<WeldCommandResult> UpdateSpecsAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, WeldSpecsInput input, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, w =>
        {
            var weld = w.Weld;
            var type = weld.WeldType;
            var refusal = w.Component.IsRetired ? WeldRules.RetiredMessage
                : input.WeldType is not null && !WeldCodes.TryParseWeldType(input.WeldType, out type) ? WeldTypeMessage
                : input.Size is not null && string.IsNullOrWhiteSpace(input.Size) ? SizeRequiredMessage
                : input.Spec is not null && string.IsNullOrWhiteSpace(input.Spec) ? SpecRequiredMessage
                : input.XRayPercent is not null ? WeldRules.ValidateXRay(input.XRayPercent) : null;
            refusal ??= TextLengths(input.Size, input.Schedule, input.BaseMetal, input.Spec, input.Notes);
            if (refusal is not null)
            {
                return Task.FromResult(WeldCommandResult.Refused(refusal));
            }
            var before = Specs(weld);
            weld.WeldType = type;
            weld.Size = input.Size?.Trim() ?? weld.Size;
            weld.Schedule = input.Schedule?.Trim() ?? weld.Schedule;
            weld.BaseMetal = input.BaseMetal?.Trim() ?? weld.BaseMetal;
            weld.Spec = input.Spec?.Trim() ?? weld.Spec;
            weld.XRayPercent = input.XRayPercent ?? weld.XRayPercent;
            weld.NdeRequired = input.NdeRequired ?? weld.NdeRequired;
            weld.Notes = input.Notes?.Trim() ?? weld.Notes;
            var evt = NewEvent(w, WeldEventActions.UpdateSpecs);
            evt.Details = JsonSerializer.Serialize(new { before, after = Specs(weld) });
            return Task.FromResult(WeldCommandResult.Ok(weld.Id));
        }, ct);

    /// <summary>WLD-056: move an unwelded weld to another drawing; it takes the target's area, system and package.</summary>
    public Task<WeldCommandResult> ReassignDrawingAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, Guid? drawingId, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, async w =>
        {
            var refusal = WeldRules.CanReassignDrawing(w.State);
            if (refusal is not null)
            {
                return WeldCommandResult.Refused(refusal);
            }
            var drawing = drawingId is { } id ? await FindDrawingAsync(projectId, id, ct) : null;
            if (drawing is null)
            {
                return WeldCommandResult.NotFound(DrawingNotFoundMessage);
            }
            var component = w.Component;
            var evt = NewEvent(w, WeldEventActions.ReassignDrawing);
            evt.Details = JsonSerializer.Serialize(new { fromDrawingId = component.DrawingId, toDrawingId = drawing.Id, toDrawing = drawing.Number });
            component.DrawingId = drawing.Id;
            component.AreaId = drawing.AreaId;
            component.SystemId = drawing.SystemId;
            component.PackageId = drawing.PackageId;
            component.Version = Guid.NewGuid();
            return WeldCommandResult.Ok(w.Weld.Id);
        }, ct);

    /// <summary>WLD-057: retire the weld and its component, with a snapshot in the event.</summary>
    public Task<WeldCommandResult> RetireAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, string? reason, CancellationToken ct) =>
        RunAsync(user, projectId, weldId, Permission.ManageWelds, w =>
        {
            var refusal = WeldRules.CanRetire(w.State, reason);
            if (refusal is not null)
            {
                return Task.FromResult(WeldCommandResult.Refused(refusal));
            }
            var component = w.Component;
            var evt = NewEvent(w, WeldEventActions.Retire);
            evt.Details = reason!.Trim();
            evt.Snapshot = Snapshot(w.Weld, component);
            component.RetiredAt = w.Now.UtcDateTime;
            component.RetiredReason = evt.Details.Length > 500 ? evt.Details[..500] : evt.Details;
            component.Version = Guid.NewGuid();
            return Task.FromResult(WeldCommandResult.Ok(w.Weld.Id));
        }, ct);

    /// <summary>
    /// WLD-058: owner/admin remove the weld, its component and every event of both, permanently, in one
    /// transaction, with an audit entry holding a snapshot. Refused while repairs exist; deleting a repair
    /// lifts its parent's WLD-034 lock (the lock is "a repair row exists").
    /// </summary>
    public async Task<WeldCommandResult> DeleteAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, CancellationToken ct)
    {
        var project = await WeldProject.FindAsync(db, user, projectId, ct);
        var weld = project is null ? null : await db.Welds.SingleOrDefaultAsync(w => w.Id == weldId && w.ProjectId == projectId, ct);
        if (project is null || weld is null)
        {
            return WeldCommandResult.NotFound(project is null ? WeldProject.NotFoundMessage : WeldNotFoundMessage);
        }
        if (!user.Can(Permission.AdministerOrganization))
        {
            return WeldCommandResult.Forbidden(Permission.AdministerOrganization);
        }
        if (project.IsArchived)
        {
            return WeldCommandResult.Archived;
        }
        var component = await db.Components.SingleAsync(c => c.Id == weld.ComponentId, ct);
        var hasRepair = await db.Welds.AnyAsync(r => r.OriginalWeldId == weld.Id, ct);
        var refusal = WeldRules.CanDelete(weld.State(component.IsRetired, hasRepair));
        if (refusal is not null)
        {
            db.ChangeTracker.Clear();
            return WeldCommandResult.Refused(refusal);
        }
        var snapshot = Snapshot(weld, component);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.WeldEvents.Where(e => e.WeldId == weld.Id).ExecuteDeleteAsync(ct);
            await db.MilestoneEvents.Where(e => e.ComponentId == component.Id).ExecuteDeleteAsync(ct);
            await db.MilestoneValues.Where(v => v.ComponentId == component.Id).ExecuteDeleteAsync(ct);
            await db.ReviewItems.Where(i => i.ComponentId == component.Id).ExecuteDeleteAsync(ct);
            db.Welds.Remove(weld);
            db.Components.Remove(component);
            audit.Record(weld.OrganizationId, projectId, "weld.deleted", $"Deleted weld '{weld.Number}'", new { weldId = weld.Id, snapshot });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent command changed the weld or its component, or a repair was just created (FK).
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return WeldCommandResult.Conflict(WeldCommandResult.ConcurrentChangeMessage);
        }
        return WeldCommandResult.Ok(weld.Id);
    }

    /// <summary>WLD-050/051: an unplanned weld on a drawing: proposed (or given) number, 0%, inherits the drawing's area, system and package.</summary>
    public async Task<WeldCommandResult> CreateUnplannedAsync(ClaimsPrincipal user, Guid projectId, UnplannedWeldInput input, CancellationToken ct)
    {
        var project = await WeldProject.FindAsync(db, user, projectId, ct);
        if (project is null)
        {
            return WeldCommandResult.NotFound(WeldProject.NotFoundMessage);
        }
        if (!user.Can(Permission.ManageWelds))
        {
            return WeldCommandResult.Forbidden(Permission.ManageWelds);
        }
        if (project.IsArchived)
        {
            return WeldCommandResult.Archived;
        }
        var drawing = input.DrawingId is { } drawingId ? await FindDrawingAsync(projectId, drawingId, ct) : null;
        if (drawing is null)
        {
            return WeldCommandResult.NotFound(DrawingNotFoundMessage);
        }
        var type = default(WeldType);
        var xRay = input.XRayPercent ?? WeldRules.DefaultXRay;
        var refusal = !WeldCodes.TryParseWeldType(input.WeldType, out type) ? WeldTypeMessage
            : string.IsNullOrWhiteSpace(input.Size) ? SizeRequiredMessage
            : string.IsNullOrWhiteSpace(input.Spec) ? SpecRequiredMessage
            : WeldRules.ValidateXRay(xRay)
            ?? TextLengths(input.Size, input.Schedule, input.BaseMetal, input.Spec, input.Notes)
            ?? (input.Number?.Trim().Length > Weld.NumberMaxLength ? NumberTooLongMessage : null);
        if (refusal is not null)
        {
            return WeldCommandResult.Refused(refusal);
        }
        var number = string.IsNullOrWhiteSpace(input.Number) ? await NextNumberAsync(projectId, ct) : input.Number.Trim();
        if (await NumberTakenAsync(projectId, number, ct))
        {
            return WeldCommandResult.Conflict(DuplicateNumber(number));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var component = NewComponent(projectId, project.OrganizationId, number, now);
        component.DrawingId = drawing.Id;
        component.AreaId = drawing.AreaId;
        component.SystemId = drawing.SystemId;
        component.PackageId = drawing.PackageId;
        var weld = new Weld
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = projectId,
            ComponentId = component.Id,
            Number = number,
            SortKey = WeldSort.Key(number),
            WeldType = type,
            Size = input.Size!.Trim(),
            Spec = input.Spec!.Trim(),
            Schedule = input.Schedule?.Trim() ?? "",
            BaseMetal = input.BaseMetal?.Trim() ?? "",
            Notes = input.Notes?.Trim() ?? "",
            XRayPercent = xRay,
            NdeRequired = false,
            IsUnplanned = true,
            CreatedAt = now,
        };
        db.Components.Add(component);
        db.Welds.Add(weld);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The number was taken by a concurrent create (the unique identity index decided).
            db.ChangeTracker.Clear();
            return WeldCommandResult.Conflict(DuplicateNumber(number));
        }
        return WeldCommandResult.Ok(weld.Id);
    }

    /// <summary>WLD-051 inputs: every weld number except repairs, oldest first; every number in use.</summary>
    public async Task<string> NextNumberAsync(Guid projectId, CancellationToken ct)
    {
        var all = await db.Welds.AsNoTracking()
            .Where(w => w.ProjectId == projectId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .Select(w => new { w.Number, w.OriginalWeldId })
            .ToListAsync(ct);
        return WeldNumbering.Next([.. all.Where(w => w.OriginalWeldId is null).Select(w => w.Number)], all.Select(w => w.Number));
    }

    // ---- shared steps ----

    /// <summary>Everything a weld command works with (tracked weld and component).</summary>
    private sealed record WeldContext(WeldProject Project, Weld Weld, Component Component, bool HasRepair, Guid UserId, DateTimeOffset Now)
    {
        public DateOnly Today => Project.Today(Now);

        public WeldState State => Weld.State(Component.IsRetired, HasRepair);

        public MilestoneStageContext Stage(string? reason = null, string? details = null) => new(UserId, Now, reason, details);
    }

    /// <summary>PPL-041 order (404, 403, archived), then the command; one SaveChanges; 409 on a concurrent change.</summary>
    private async Task<WeldCommandResult> RunAsync(
        ClaimsPrincipal user, Guid projectId, Guid weldId, Permission permission, Func<WeldContext, Task<WeldCommandResult>> command, CancellationToken ct)
    {
        var project = await WeldProject.FindAsync(db, user, projectId, ct);
        var weld = project is null ? null : await db.Welds.SingleOrDefaultAsync(w => w.Id == weldId && w.ProjectId == projectId, ct);
        if (project is null || weld is null)
        {
            return WeldCommandResult.NotFound(project is null ? WeldProject.NotFoundMessage : WeldNotFoundMessage);
        }
        if (!user.Can(permission))
        {
            return WeldCommandResult.Forbidden(permission);
        }
        if (project.IsArchived)
        {
            return WeldCommandResult.Archived;
        }
        var component = await db.Components.SingleAsync(c => c.Id == weld.ComponentId, ct);
        var hasRepair = await db.Welds.AnyAsync(r => r.OriginalWeldId == weld.Id, ct);
        var context = new WeldContext(project, weld, component, hasRepair, user.RequiredUserId(), clock.GetUtcNow());
        var result = await command(context);
        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        weld.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another command changed this weld or component first (version tokens), or took the repair slot.
            db.ChangeTracker.Clear();
            return WeldCommandResult.Conflict(WeldCommandResult.ConcurrentChangeMessage);
        }
        return result;
    }

    /// <summary>WLD-031/032: store the result and apply its milestone effect; writes the nde event.</summary>
    private async Task ApplyNdeAsync(
        WeldContext w, string action, NdeType type, NdeResult result, DateOnly date, string? notes, string? reason, string? details, CancellationToken ct)
    {
        var weld = w.Weld;
        var evt = NewEvent(w, action);
        evt.NdeType = type;
        evt.NdeResult = result;
        evt.Reason = reason;
        evt.Details = Trimmed(details);
        var template = await milestones.TemplateForAsync(w.Component, ct);
        var effect = WeldRules.NdeEffect(weld.NdeResult, result, template.Select(r => r.Name));
        await milestones.StageAsync(w.Component, effect, w.Stage(reason, details), ct);
        weld.NdeType = type;
        weld.NdeResult = result;
        weld.NdeDate = date;
        weld.NdeNotes = notes;
        weld.Status = WeldCodes.StatusFor(result);
    }

    /// <summary>WLD-021: the QC notice when the date welded goes from empty to a value.</summary>
    private async Task AddWeldCompletedItemAsync(WeldContext w, Welder welder, CancellationToken ct)
    {
        var drawing = w.Component.DrawingId is { } drawingId
            ? await db.Drawings.AsNoTracking().Where(d => d.Id == drawingId).Select(d => d.Number).SingleOrDefaultAsync(ct)
            : null;
        db.ReviewItems.Add(new ReviewItem
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = w.Weld.OrganizationId,
            ProjectId = w.Weld.ProjectId,
            Type = ReviewItemTypes.WeldCompleted,
            ComponentId = w.Component.Id,
            Payload = JsonSerializer.Serialize(new
            {
                weldNumber = w.Weld.Number,
                drawing,
                welderStencil = welder.Stencil,
                welderName = welder.Name,
                dateWelded = w.Weld.DateWelded,
                weldType = w.Weld.WeldType.Code(),
                ndeRequired = w.Weld.NdeRequired,
            }),
            Status = ReviewItemTypes.Pending,
            CreatedAt = w.Now.UtcDateTime,
        });
    }

    /// <summary>A weld event with the weld's current welder, date and NDE as both previous and new values (callers override what changes).</summary>
    private WeldEvent NewEvent(WeldContext w, string action, Weld? target = null)
    {
        var weld = target ?? w.Weld;
        var evt = new WeldEvent
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = weld.OrganizationId,
            ProjectId = weld.ProjectId,
            WeldId = weld.Id,
            Action = action,
            WelderId = weld.WelderId,
            PreviousWelderId = weld.WelderId,
            DateWelded = weld.DateWelded,
            PreviousDateWelded = weld.DateWelded,
            NdeType = weld.NdeType,
            PreviousNdeType = weld.NdeType,
            NdeResult = weld.NdeResult,
            PreviousNdeResult = weld.NdeResult,
            UserId = w.UserId,
            OccurredAt = w.Now.UtcDateTime,
        };
        db.WeldEvents.Add(evt);
        return evt;
    }

    private Task<Welder?> FindWelderAsync(Guid projectId, Guid welderId, CancellationToken ct) =>
        db.Welders.AsNoTracking().SingleOrDefaultAsync(x => x.Id == welderId && x.ProjectId == projectId, ct);

    /// <summary>A non-retired drawing of the project (through the tenant filter: another organization's is unknown).</summary>
    private Task<Drawing?> FindDrawingAsync(Guid projectId, Guid drawingId, CancellationToken ct) =>
        db.Drawings.AsNoTracking().SingleOrDefaultAsync(d => d.Id == drawingId && d.ProjectId == projectId && d.RetiredAt == null, ct);

    /// <summary>WLD-050: a number held by a non-retired weld (identity keys compare normalized).</summary>
    private Task<bool> NumberTakenAsync(Guid projectId, string number, CancellationToken ct)
    {
        var key = ComponentIdentity.ForWeld(number);
        return db.Components.AnyAsync(c => c.ProjectId == projectId && c.Type == ComponentType.FieldWeld && c.IdentityKey == key && c.RetiredAt == null, ct);
    }

    private static Component NewComponent(Guid projectId, Guid organizationId, string number, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        ProjectId = projectId,
        Type = ComponentType.FieldWeld,
        IdentityKey = ComponentIdentity.ForWeld(number),
        Attributes = JsonSerializer.Serialize(new { weldNumber = number }),
        CreatedAt = now,
    };

    private static string? ParseNde(string? typeText, string? resultText, out NdeType type, out NdeResult result)
    {
        result = default;
        return !WeldCodes.TryParseNdeType(typeText, out type) ? NdeTypeMessage
            : !WeldCodes.TryParseNdeResult(resultText, out result) ? NdeResultMessage
            : null;
    }

    private static string? TextLengths(string? size, string? schedule, string? baseMetal, string? spec, string? notes) =>
        new[] { size, schedule, baseMetal, spec }.Any(t => t?.Trim().Length > Weld.TextMaxLength) ? TextTooLongMessage
        : notes?.Trim().Length > Weld.NotesMaxLength ? NotesTooLongMessage
        : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object Specs(Weld weld) => new
    {
        weldType = weld.WeldType.Code(),
        weld.Size,
        weld.Schedule,
        weld.BaseMetal,
        weld.Spec,
        xRayPercent = weld.XRayPercent,
        weld.NdeRequired,
        weld.Notes,
    };

    private static string Snapshot(Weld weld, Component component) => JsonSerializer.Serialize(new
    {
        weld.Number,
        weldType = weld.WeldType.Code(),
        weld.Size,
        weld.Schedule,
        weld.BaseMetal,
        weld.Spec,
        xRayPercent = weld.XRayPercent,
        weld.NdeRequired,
        weld.WelderId,
        weld.DateWelded,
        ndeType = weld.NdeType?.Code(),
        ndeResult = weld.NdeResult?.Code(),
        weld.NdeDate,
        status = weld.Status.Code(),
        weld.OriginalWeldId,
        component.DrawingId,
        component.AreaId,
        component.SystemId,
        component.PackageId,
        component.Percent,
    });
}
