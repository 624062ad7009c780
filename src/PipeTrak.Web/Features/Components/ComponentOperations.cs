using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

public enum ComponentOutcomeKind
{
    Ok = 1,
    NotFound,
    Forbidden,
    Archived,
    Invalid,
    Conflict,
}

public sealed record ComponentOutcome(ComponentOutcomeKind Kind, string? Message = null, Permission Denied = Permission.ViewProjectData, Guid? CreatedId = null)
{
    public static readonly ComponentOutcome Ok = new(ComponentOutcomeKind.Ok);
    public static readonly ComponentOutcome NotFound = new(ComponentOutcomeKind.NotFound);

    public static ComponentOutcome Forbidden(Permission permission) =>
        new(ComponentOutcomeKind.Forbidden, $"You don't have permission to {permission.ActionPhrase()}.", permission);

    public int StatusCode => Kind switch
    {
        ComponentOutcomeKind.Ok => StatusCodes.Status200OK,
        ComponentOutcomeKind.NotFound => StatusCodes.Status404NotFound,
        ComponentOutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        ComponentOutcomeKind.Conflict or ComponentOutcomeKind.Archived => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}

/// <summary>TRK-074/075 per-field choice: No change, None, or a value.</summary>
public sealed record FieldChoice(bool Change, Guid? Id)
{
    public static readonly FieldChoice NoChange = new(false, null);

    /// <summary>"" = No change, "none" = None, a GUID = that value; anything else is null (invalid).</summary>
    public static FieldChoice? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? NoChange
        : string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase) ? new FieldChoice(true, null)
        : Guid.TryParse(value, out var id) ? new FieldChoice(true, id) : null;
}

/// <summary>TRK-075 result: components updated per field.</summary>
public sealed record BulkAssignResult(int Selected, int Area, int System, int Package)
{
    public string Summary => string.Create(global::System.Globalization.CultureInfo.InvariantCulture,
        $"Selected {Selected} · Area updated on {Area} · System updated on {System} · Package updated on {Package}");
}

/// <summary>A metadata choice from a picker: keep none, or an id.</summary>
public sealed record MetadataChoice(Guid? AreaId, Guid? SystemId, Guid? PackageId);

/// <summary>
/// Component writes from the component page: TRK-072/075 own area/system/package with TRK-078
/// version check, TRK-077 inline name creation, TRK-061 retire and TRK-063 restore (audited).
/// Every operation answers 404 first for a component outside the caller's organization or project.
/// </summary>
public sealed class ComponentOperations(AppDbContext db, AuditLog audit, TimeProvider clock, Drawings.MetadataNames names)
{
    private async Task<(Component? Component, bool Archived)> LoadAsync(ClaimsPrincipal user, Guid projectId, Guid componentId, CancellationToken ct)
    {
        var component = await db.Components.SingleOrDefaultAsync(c => c.Id == componentId && c.ProjectId == projectId, ct);
        if (component is null)
        {
            return (null, false);
        }
        var archived = await db.Projects.Where(p => p.Id == projectId).Select(p => p.IsArchived).SingleAsync(ct);
        // PPL-033: archived projects are invisible to roles that cannot manage projects.
        return archived && !user.Can(Permission.ManageProjects) ? (null, true) : (component, archived);
    }

    private static ComponentOutcome? Guard(ClaimsPrincipal user, Component? component, bool archived, Permission permission)
    {
        if (component is null)
        {
            return ComponentOutcome.NotFound;
        }
        if (!user.Can(permission))
        {
            return ComponentOutcome.Forbidden(permission);
        }
        return archived ? new ComponentOutcome(ComponentOutcomeKind.Archived, Project.ArchivedMessage) : null;
    }

    /// <summary>TRK-072/TRK-078: sets the component's own area, system and package when the loaded version is current.</summary>
    public async Task<ComponentOutcome> EditMetadataAsync(ClaimsPrincipal user, Guid projectId, Guid componentId, MetadataChoice choice, Guid version, CancellationToken ct)
    {
        var (component, archived) = await LoadAsync(user, projectId, componentId, ct);
        if (Guard(user, component, archived, Permission.AssignWork) is { } refused)
        {
            return refused;
        }
        if (component!.IsRetired)
        {
            return new ComponentOutcome(ComponentOutcomeKind.Invalid, "Retired components cannot be updated");
        }
        if (component.Version != version)
        {
            return new ComponentOutcome(ComponentOutcomeKind.Conflict, ComponentRules.StaleVersionMessage(drawing: false));
        }
        // TRK-001: a record never references a record of another project.
        if ((choice.AreaId is { } a && !await db.Areas.AnyAsync(x => x.Id == a && x.ProjectId == projectId, ct))
            || (choice.SystemId is { } s && !await db.Systems.AnyAsync(x => x.Id == s && x.ProjectId == projectId, ct))
            || (choice.PackageId is { } p && !await db.TestPackages.AnyAsync(x => x.Id == p && x.ProjectId == projectId, ct)))
        {
            return ComponentOutcome.NotFound;
        }
        var before = new { component.AreaId, component.SystemId, component.PackageId };
        component.AreaId = choice.AreaId;
        component.SystemId = choice.SystemId;
        component.PackageId = choice.PackageId;
        component.Version = Guid.NewGuid();
        audit.Record(component.OrganizationId, projectId, "component.metadata_updated", $"Component {component.IdentityKey}: area, system and package edited",
            new { componentId, before, after = choice });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ComponentOutcome(ComponentOutcomeKind.Conflict, ComponentRules.StaleVersionMessage(drawing: false));
        }
        return ComponentOutcome.Ok;
    }

    public const int MaxBulkAssign = 1000;
    public const string BulkAssignTooMany = "Select at most 1,000 components";
    public const string BulkAssignNoneSelected = "Select at least one component";

    /// <summary>
    /// TRK-075 bulk component assignment (owner/admin/PM/foreman): at most 1,000 components; per field
    /// No change, None or a value; one transaction. Retired components are read-only (TRK-060) and left alone.
    /// </summary>
    public async Task<(ComponentOutcome Outcome, BulkAssignResult? Result)> BulkAssignAsync(
        ClaimsPrincipal user, Guid projectId, IReadOnlyCollection<Guid> componentIds, FieldChoice area, FieldChoice system, FieldChoice package, CancellationToken ct)
    {
        var archived = await db.Projects.Where(p => p.Id == projectId).Select(p => (bool?)p.IsArchived).SingleOrDefaultAsync(ct);
        if (archived is null || (archived.Value && !user.Can(Permission.ManageProjects)))
        {
            return (ComponentOutcome.NotFound, null);
        }
        if (!user.Can(Permission.AssignWork))
        {
            return (ComponentOutcome.Forbidden(Permission.AssignWork), null);
        }
        if (archived.Value)
        {
            return (new ComponentOutcome(ComponentOutcomeKind.Archived, Project.ArchivedMessage), null);
        }
        var ids = componentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return (new ComponentOutcome(ComponentOutcomeKind.Invalid, BulkAssignNoneSelected), null);
        }
        if (ids.Count > MaxBulkAssign)
        {
            return (new ComponentOutcome(ComponentOutcomeKind.Invalid, BulkAssignTooMany), null);
        }
        // TRK-001: values must belong to this project.
        if ((area.Id is { } a && !await db.Areas.AnyAsync(x => x.Id == a && x.ProjectId == projectId, ct))
            || (system.Id is { } s && !await db.Systems.AnyAsync(x => x.Id == s && x.ProjectId == projectId, ct))
            || (package.Id is { } p && !await db.TestPackages.AnyAsync(x => x.Id == p && x.ProjectId == projectId, ct)))
        {
            return (ComponentOutcome.NotFound, null);
        }
        var components = await db.Components.Where(c => c.ProjectId == projectId && c.RetiredAt == null && ids.Contains(c.Id)).ToListAsync(ct);
        int areas = 0, systems = 0, packages = 0;
        foreach (var c in components)
        {
            var changed = false;
            if (area.Change && c.AreaId != area.Id)
            {
                c.AreaId = area.Id;
                areas++;
                changed = true;
            }
            if (system.Change && c.SystemId != system.Id)
            {
                c.SystemId = system.Id;
                systems++;
                changed = true;
            }
            if (package.Change && c.PackageId != package.Id)
            {
                c.PackageId = package.Id;
                packages++;
                changed = true;
            }
            if (changed)
            {
                c.Version = Guid.NewGuid();
            }
        }
        var result = new BulkAssignResult(ids.Count, areas, systems, packages);
        if (areas + systems + packages > 0)
        {
            var orgId = components[0].OrganizationId;
            audit.Record(orgId, projectId, "component.bulk_assigned", result.Summary, new { area, system, package, componentIds = components.Select(c => c.Id) });
            try
            {
                // One SaveChanges: one transaction for every component (TRK-075).
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return (new ComponentOutcome(ComponentOutcomeKind.Conflict, "Some components were changed by someone else meanwhile. Nothing was saved; try again."), null);
            }
        }
        return (ComponentOutcome.Ok, result);
    }

    /// <summary>TRK-077: creates an area, system or test package by name (TRK-070); kept even if the edit is cancelled.</summary>
    public async Task<ComponentOutcome> CreateNameAsync(ClaimsPrincipal user, Guid projectId, Guid componentId, MetadataKind kind, string? name, CancellationToken ct)
    {
        var (component, archived) = await LoadAsync(user, projectId, componentId, ct);
        if (Guard(user, component, archived, Permission.AssignWork) is { } refused)
        {
            return refused;
        }
        var field = kind switch
        {
            MetadataKind.Area => DrawingField.Area,
            MetadataKind.System => DrawingField.System,
            _ => DrawingField.Package,
        };
        var (created, error) = await names.CreateAsync(component!.OrganizationId, projectId, field, name, ct);
        return created is null
            ? new ComponentOutcome(ComponentOutcomeKind.Invalid, error!)
            : new ComponentOutcome(ComponentOutcomeKind.Ok, CreatedId: created.Id);
    }

    /// <summary>TRK-061: retire with a reason of at least 10 characters; audited; events remain.</summary>
    public async Task<ComponentOutcome> RetireAsync(ClaimsPrincipal user, Guid projectId, Guid componentId, string? reason, CancellationToken ct)
    {
        var (component, archived) = await LoadAsync(user, projectId, componentId, ct);
        if (Guard(user, component, archived, Permission.QualityControl) is { } refused)
        {
            return refused;
        }
        if (ComponentRules.ValidateRetireReason(reason) is { } message)
        {
            return new ComponentOutcome(ComponentOutcomeKind.Invalid, message);
        }
        if (component!.IsRetired)
        {
            return ComponentOutcome.Ok;
        }
        component.RetiredAt = clock.GetUtcNow().UtcDateTime;
        component.RetiredReason = reason!.Trim();
        component.Version = Guid.NewGuid();
        audit.Record(component.OrganizationId, projectId, "component.retired", $"Component {component.IdentityKey} retired: {component.RetiredReason}",
            new { componentId, reason = component.RetiredReason });
        await db.SaveChangesAsync(ct);
        return ComponentOutcome.Ok;
    }

    /// <summary>TRK-063: restore unless an active component has the same type and identity (TRK-011).</summary>
    public async Task<ComponentOutcome> RestoreAsync(ClaimsPrincipal user, Guid projectId, Guid componentId, CancellationToken ct)
    {
        var (component, archived) = await LoadAsync(user, projectId, componentId, ct);
        if (Guard(user, component, archived, Permission.QualityControl) is { } refused)
        {
            return refused;
        }
        if (!component!.IsRetired)
        {
            return ComponentOutcome.Ok;
        }
        var type = component.Type;
        var key = component.IdentityKey;
        if (await db.Components.AnyAsync(c => c.ProjectId == projectId && c.Id != componentId && c.RetiredAt == null && c.Type == type && c.IdentityKey == key, ct))
        {
            return new ComponentOutcome(ComponentOutcomeKind.Invalid, ComponentRules.RestoreConflictMessage(drawing: false));
        }
        var reason = component.RetiredReason;
        component.RetiredAt = null;
        component.RetiredReason = null;
        component.Version = Guid.NewGuid();
        audit.Record(component.OrganizationId, projectId, "component.restored", $"Component {component.IdentityKey} restored", new { componentId, previousReason = reason });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The TRK-011 unique index caught a concurrent restore or create.
            db.ChangeTracker.Clear();
            return new ComponentOutcome(ComponentOutcomeKind.Invalid, ComponentRules.RestoreConflictMessage(drawing: false));
        }
        return ComponentOutcome.Ok;
    }
}
