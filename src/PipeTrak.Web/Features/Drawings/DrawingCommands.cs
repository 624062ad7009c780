using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Drawings;

public enum DrawingOutcomeKind
{
    Ok,
    NotFound,
    Forbidden,
    Archived,
    Invalid,
    Conflict,
}

/// <summary>The result of a drawing command; pages and endpoints translate it to their own responses.</summary>
public sealed record DrawingOutcome(
    DrawingOutcomeKind Kind,
    string? Message = null,
    string? Field = null,
    Permission Denied = Permission.AssignWork,
    PropagationResult? Propagation = null,
    BulkAssignResult? Bulk = null)
{
    public static readonly DrawingOutcome NotFound = new(DrawingOutcomeKind.NotFound, "The drawing does not exist.");

    public bool Succeeded => Kind == DrawingOutcomeKind.Ok;

    public static DrawingOutcome Forbidden(Permission permission) =>
        new(DrawingOutcomeKind.Forbidden, $"You don't have permission to {permission.ActionPhrase()}.", Denied: permission);

    public static DrawingOutcome Invalid(string message, string? field = null) => new(DrawingOutcomeKind.Invalid, message, field);

    public int StatusCode => Kind switch
    {
        DrawingOutcomeKind.Ok => StatusCodes.Status200OK,
        DrawingOutcomeKind.NotFound => StatusCodes.Status404NotFound,
        DrawingOutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        DrawingOutcomeKind.Archived or DrawingOutcomeKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>TRK-078: the edit as submitted, with the version the editor loaded.</summary>
public sealed record DrawingEdit(string? Title, string? Revision, FieldChoice Area, FieldChoice System, FieldChoice Package, Guid? Version);

/// <summary>
/// Drawing writes (TRK-061, 063, 073, 074, 077, 078). Each follows PPL-041: the project through the
/// tenant filter (unknown or another organization's → not found), then the role, then the archived
/// flag. Multi-row writes run in one transaction: the drawing row (checked against its version)
/// and set-based updates of its live components.
/// </summary>
public sealed class DrawingCommands(AppDbContext db, ProjectOperations projects, MetadataNames names, AuditLog audit, TimeProvider clock)
{
    private static readonly DrawingField[] Fields = [DrawingField.Area, DrawingField.System, DrawingField.Package];

    /// <summary>Who may submit an edit at all: metadata assigners (TRK-074 roles); title and revision need ManageProjects.</summary>
    public static bool CanEdit(ClaimsPrincipal user) => user.Can(Permission.AssignWork);

    public static bool CanEditDetails(ClaimsPrincipal user) => user.Can(Permission.ManageProjects);

    /// <summary>TRK-061/063: owner, admin, project manager.</summary>
    public static bool CanRetire(ClaimsPrincipal user) => user.Can(Permission.ManageProjects);

    /// <summary>TRK-077: anyone who can assign metadata can create names.</summary>
    public async Task<(DrawingOutcome Outcome, NameOption? Created)> CreateNameAsync(ClaimsPrincipal user, Guid projectId, DrawingField field, string? name, CancellationToken ct)
    {
        var (refusal, project) = await GuardAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return (refusal, null);
        }
        var (created, error) = await names.CreateAsync(project!.OrganizationId, projectId, field, name, ct);
        return error is null ? (new DrawingOutcome(DrawingOutcomeKind.Ok), created) : (DrawingOutcome.Invalid(error, field.ToString()), null);
    }

    /// <summary>TRK-073/078: edit title, revision, area, system, package; propagate changed fields to live components.</summary>
    public async Task<DrawingOutcome> EditAsync(ClaimsPrincipal user, Guid projectId, Guid drawingId, DrawingEdit edit, CancellationToken ct)
    {
        var (refusal, project) = await GuardAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var drawing = await db.Drawings.SingleOrDefaultAsync(d => d.ProjectId == projectId && d.Id == drawingId, ct);
        if (drawing is null)
        {
            return DrawingOutcome.NotFound;
        }
        if (edit.Version is { } version && version != drawing.Version)
        {
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.ConflictMessage);
        }
        if (drawing.IsRetired)
        {
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.RetiredReadOnly);
        }
        var title = edit.Title?.Trim() ?? drawing.Title;
        var revision = edit.Revision?.Trim() ?? drawing.Revision;
        var detailsChange = title != drawing.Title || revision != drawing.Revision;
        if (detailsChange && !CanEditDetails(user))
        {
            return DrawingOutcome.Forbidden(Permission.ManageProjects);
        }
        if (title.Length > DrawingRules.TitleMaxLength)
        {
            return DrawingOutcome.Invalid(DrawingRules.TitleTooLong, nameof(DrawingEdit.Title));
        }
        if (revision.Length > DrawingRules.RevisionMaxLength)
        {
            return DrawingOutcome.Invalid(DrawingRules.RevisionTooLong, nameof(DrawingEdit.Revision));
        }
        var choices = new Dictionary<DrawingField, FieldChoice> { [DrawingField.Area] = edit.Area, [DrawingField.System] = edit.System, [DrawingField.Package] = edit.Package };
        foreach (var field in Fields)
        {
            var (choice, invalid) = await ResolveAsync(project!, field, choices[field], ct);
            if (invalid is not null)
            {
                return invalid;
            }
            choices[field] = choice;
        }

        var changed = Fields.Where(f => choices[f].Changes(Get(drawing, f))).ToList();
        if (!detailsChange && changed.Count == 0)
        {
            return new DrawingOutcome(DrawingOutcomeKind.Ok, Propagation: new PropagationResult(false, FieldCounts.Zero));
        }
        var before = Snapshot(drawing);
        drawing.Title = title;
        drawing.Revision = revision;
        foreach (var field in changed)
        {
            Set(drawing, field, choices[field].Target);
        }
        drawing.Touch();
        audit.Record(drawing.OrganizationId, projectId, "drawing.updated", $"Edited drawing {drawing.Number}", new { drawingId = drawing.Id, before, after = Snapshot(drawing) });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.ConflictMessage);
        }
        var counts = FieldCounts.Zero;
        foreach (var field in changed)
        {
            counts = counts.With(field, await PropagateAsync(projectId, [drawing.Id], field, choices[field].Target, ct));
        }
        await tx.CommitAsync(ct);
        return new DrawingOutcome(DrawingOutcomeKind.Ok, Propagation: new PropagationResult(true, counts));
    }

    /// <summary>TRK-074: up to 50 drawings, per field No change / None / value, in one transaction.</summary>
    public async Task<DrawingOutcome> BulkAssignAsync(
        ClaimsPrincipal user, Guid projectId, IReadOnlyCollection<Guid>? drawingIds, FieldChoice area, FieldChoice system, FieldChoice package, CancellationToken ct)
    {
        var (refusal, project) = await GuardAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var ids = (drawingIds ?? []).Distinct().ToList();
        if (DrawingRules.ValidateSelection(ids.Count) is { } selectionError)
        {
            return DrawingOutcome.Invalid(selectionError, "DrawingIds");
        }
        var choices = new Dictionary<DrawingField, FieldChoice> { [DrawingField.Area] = area, [DrawingField.System] = system, [DrawingField.Package] = package };
        foreach (var field in Fields)
        {
            var (choice, invalid) = await ResolveAsync(project!, field, choices[field], ct);
            if (invalid is not null)
            {
                return invalid;
            }
            choices[field] = choice;
        }
        var drawings = await db.Drawings.Where(d => d.ProjectId == projectId && ids.Contains(d.Id)).ToListAsync(ct);
        if (drawings.Count != ids.Count)
        {
            return DrawingOutcome.NotFound;
        }
        if (drawings.Any(d => d.IsRetired))
        {
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.RetiredInSelection);
        }

        var perField = FieldCounts.Zero;
        var changedByField = new Dictionary<DrawingField, List<Guid>>();
        var touched = new HashSet<Guid>();
        foreach (var field in Fields)
        {
            var choice = choices[field];
            var changed = drawings.Where(d => choice.Changes(Get(d, field))).ToList();
            foreach (var d in changed)
            {
                Set(d, field, choice.Target);
                touched.Add(d.Id);
            }
            changedByField[field] = [.. changed.Select(d => d.Id)];
            perField = perField.With(field, changed.Count);
        }
        if (touched.Count == 0)
        {
            return new DrawingOutcome(DrawingOutcomeKind.Ok, Bulk: new BulkAssignResult(0, FieldCounts.Zero, FieldCounts.Zero));
        }
        foreach (var d in drawings.Where(d => touched.Contains(d.Id)))
        {
            d.Touch();
        }
        audit.Record(project!.OrganizationId, projectId, "drawing.bulk_assigned", $"Bulk assigned {touched.Count} drawings",
            new { drawingIds = touched, area = choices[DrawingField.Area].Target, areaKind = choices[DrawingField.Area].Kind.ToString(), system = choices[DrawingField.System].Target, systemKind = choices[DrawingField.System].Kind.ToString(), package = choices[DrawingField.Package].Target, packageKind = choices[DrawingField.Package].Kind.ToString() });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.ConflictMessage);
        }
        var components = FieldCounts.Zero;
        foreach (var field in Fields)
        {
            if (changedByField[field].Count > 0)
            {
                components = components.With(field, await PropagateAsync(projectId, changedByField[field], field, choices[field].Target, ct));
            }
        }
        await tx.CommitAsync(ct);
        return new DrawingOutcome(DrawingOutcomeKind.Ok, Bulk: new BulkAssignResult(touched.Count, perField, components));
    }

    /// <summary>TRK-061: retire a drawing and, in the same transaction, its live components. Events remain.</summary>
    public async Task<DrawingOutcome> RetireAsync(ClaimsPrincipal user, Guid projectId, Guid drawingId, string? reason, CancellationToken ct)
    {
        var (refusal, _) = await GuardAsync(user, projectId, Permission.ManageProjects, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var drawing = await db.Drawings.SingleOrDefaultAsync(d => d.ProjectId == projectId && d.Id == drawingId, ct);
        if (drawing is null)
        {
            return DrawingOutcome.NotFound;
        }
        if (DrawingRules.ValidateRetireReason(reason) is { } error)
        {
            return DrawingOutcome.Invalid(error, "Reason");
        }
        if (drawing.IsRetired)
        {
            return new DrawingOutcome(DrawingOutcomeKind.Ok);
        }
        // Whole milliseconds: the same instant round-trips exactly on both providers, so restore
        // can find the components retired together with the drawing (TRK-063).
        var now = clock.GetUtcNow().UtcDateTime;
        var at = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var trimmed = reason!.Trim();
        drawing.Retire(trimmed, at);
        audit.Record(drawing.OrganizationId, projectId, "drawing.retired", $"Retired drawing {drawing.Number}", new { drawingId, reason = trimmed });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var version = Guid.NewGuid();
        await db.Components
            .Where(c => c.ProjectId == projectId && c.DrawingId == drawingId && c.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RetiredAt, at).SetProperty(c => c.RetiredReason, trimmed).SetProperty(c => c.Version, version), ct);
        await tx.CommitAsync(ct);
        return new DrawingOutcome(DrawingOutcomeKind.Ok);
    }

    /// <summary>TRK-063: restore a drawing and the components retired with it, unless an active record has the same identity.</summary>
    public async Task<DrawingOutcome> RestoreAsync(ClaimsPrincipal user, Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var (refusal, _) = await GuardAsync(user, projectId, Permission.ManageProjects, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var drawing = await db.Drawings.SingleOrDefaultAsync(d => d.ProjectId == projectId && d.Id == drawingId, ct);
        if (drawing is null)
        {
            return DrawingOutcome.NotFound;
        }
        if (drawing.RetiredAt is not { } retiredAt)
        {
            return new DrawingOutcome(DrawingOutcomeKind.Ok);
        }
        if (await db.Drawings.AnyAsync(d => d.ProjectId == projectId && d.Id != drawingId && d.RetiredAt == null
                && d.NormalizedNumber == drawing.NormalizedNumber && d.Sheet == drawing.Sheet, ct))
        {
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.RestoreDrawingCollision);
        }
        var retiredWith = db.Components.Where(c => c.ProjectId == projectId && c.DrawingId == drawingId && c.RetiredAt == retiredAt);
        if (await db.Components.AnyAsync(a => a.ProjectId == projectId && a.RetiredAt == null
                && retiredWith.Any(r => r.Type == a.Type && r.IdentityKey == a.IdentityKey), ct))
        {
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.RestoreComponentCollision);
        }
        drawing.Restore();
        audit.Record(drawing.OrganizationId, projectId, "drawing.restored", $"Restored drawing {drawing.Number}", new { drawingId });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // An identical drawing became active meanwhile: the filtered unique index decided.
            db.ChangeTracker.Clear();
            return new DrawingOutcome(DrawingOutcomeKind.Conflict, DrawingRules.RestoreDrawingCollision);
        }
        var version = Guid.NewGuid();
        await retiredWith.ExecuteUpdateAsync(s => s.SetProperty(c => c.RetiredAt, (DateTime?)null).SetProperty(c => c.RetiredReason, (string?)null).SetProperty(c => c.Version, version), ct);
        await tx.CommitAsync(ct);
        return new DrawingOutcome(DrawingOutcomeKind.Ok);
    }

    /// <summary>PPL-041 order: project (404), role (403), archived (409).</summary>
    private async Task<(DrawingOutcome? Refusal, Project? Project)> GuardAsync(ClaimsPrincipal user, Guid projectId, Permission permission, CancellationToken ct)
    {
        var project = await projects.FindAsync(user, projectId, ct);
        if (project is null)
        {
            return (new DrawingOutcome(DrawingOutcomeKind.NotFound, "The project does not exist."), null);
        }
        if (!user.Can(permission))
        {
            return (DrawingOutcome.Forbidden(permission), null);
        }
        if (project.IsArchived)
        {
            return (new DrawingOutcome(DrawingOutcomeKind.Archived, Project.ArchivedMessage), null);
        }
        return (null, project);
    }

    /// <summary>A value must be this project's (else 404, TRK-001); "Create new…" creates and saves the name first (TRK-077).</summary>
    private async Task<(FieldChoice Choice, DrawingOutcome? Invalid)> ResolveAsync(Project project, DrawingField field, FieldChoice choice, CancellationToken ct)
    {
        switch (choice.Kind)
        {
            case FieldChoiceKind.Value when !await names.ExistsAsync(project.Id, field, choice.Id!.Value, ct):
                return (choice, new DrawingOutcome(DrawingOutcomeKind.NotFound, $"The {field.Label().ToLowerInvariant()} does not exist."));
            case FieldChoiceKind.New:
                var (created, error) = await names.CreateAsync(project.OrganizationId, project.Id, field, choice.NewName, ct);
                return created is null ? (choice, DrawingOutcome.Invalid(error!, field.ToString())) : (FieldChoice.Of(created.Id), null);
            default:
                return (choice, null);
        }
    }

    /// <summary>
    /// TRK-073: writes the drawing's new value (none included) to every live component on the given
    /// drawings whose value differs; returns how many were updated.
    /// </summary>
    private Task<int> PropagateAsync(Guid projectId, List<Guid> drawingIds, DrawingField field, Guid? value, CancellationToken ct)
    {
        var components = db.Components.Where(c => c.ProjectId == projectId && c.RetiredAt == null && c.DrawingId != null && drawingIds.Contains(c.DrawingId.Value));
        var version = Guid.NewGuid();
        return field switch
        {
            DrawingField.Area => components.Where(c => c.AreaId != value)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AreaId, value).SetProperty(c => c.Version, version), ct),
            DrawingField.System => components.Where(c => c.SystemId != value)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SystemId, value).SetProperty(c => c.Version, version), ct),
            _ => components.Where(c => c.PackageId != value)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.PackageId, value).SetProperty(c => c.Version, version), ct),
        };
    }

    private static Guid? Get(Drawing d, DrawingField field) => field switch
    {
        DrawingField.Area => d.AreaId,
        DrawingField.System => d.SystemId,
        _ => d.PackageId,
    };

    private static void Set(Drawing d, DrawingField field, Guid? value)
    {
        switch (field)
        {
            case DrawingField.Area:
                d.AreaId = value;
                break;
            case DrawingField.System:
                d.SystemId = value;
                break;
            default:
                d.PackageId = value;
                break;
        }
    }

    private static object Snapshot(Drawing d) => new { d.Title, d.Revision, d.AreaId, d.SystemId, d.PackageId };
}
