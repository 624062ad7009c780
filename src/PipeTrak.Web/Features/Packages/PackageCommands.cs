using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-001 fields as entered on the form or in the API.</summary>
public sealed record PackageForm(
    string? Name, string? Description, string? TestType, string? OtherDescription, DateOnly? TargetDate,
    bool RequiresCoating, bool RequiresInsulation, decimal? TestPressure, string? PressureUnit)
{
    public PackageInput Input => new(Name, Description, TestType, OtherDescription, TestPressure, PressureUnit);
}

/// <summary>
/// PKG-001..060 writes, shared by the pages and the API. Each loads the project through the tenant
/// filter (other organization → not found), checks the role of PKG-061, refuses writes to archived
/// projects, and commits the change with its audit entry in one transaction.
/// </summary>
public sealed partial class PackageCommands(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string DrawingTakenMessage = "Only drawings without a test package can be added";
    public const string ComponentTakenMessage = "Only components without a test package can be added";
    public const string ReasonMessage = "A reason is required (500 characters or fewer)";
    public const string ConfirmNameMessage = "Type the package name exactly to confirm";
    public const string PackageChangedMessage = "This test package was changed by someone else. Review the current values and try again.";

    /// <summary>The project for a write by a role holding <paramref name="permission"/>, or the refusal.</summary>
    private async Task<(Project? Project, PackageResult? Refusal)> ProjectForWriteAsync(ClaimsPrincipal user, Guid projectId, Permission permission, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !ProjectOperations.CanSee(user, project))
        {
            return (null, PackageResult.NotFound);
        }
        if (!user.Can(permission))
        {
            return (null, PackageResult.Forbidden($"You don't have permission to {permission.ActionPhrase()}."));
        }
        return project.IsArchived ? (null, PackageResult.Conflict(Project.ArchivedMessage)) : (project, null);
    }

    private Task<TestPackage?> PackageAsync(Guid projectId, Guid packageId, CancellationToken ct) =>
        db.TestPackages.SingleOrDefaultAsync(p => p.Id == packageId && p.ProjectId == projectId, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Dictionary<string, string>> ValidateAsync(Guid projectId, Guid? packageId, PackageForm form, CancellationToken ct)
    {
        var errors = PackageRules.Validate(form.Input);
        var name = form.Name?.Trim() ?? "";
        if (!errors.ContainsKey("Name"))
        {
            var lower = name.ToLowerInvariant();
            if (await db.TestPackages.AnyAsync(p => p.ProjectId == projectId && p.Id != packageId && p.Name.ToLower() == lower, ct))
            {
                errors["Name"] = PackageRules.NameTakenMessage;
            }
        }
        return errors;
    }

    private static void Apply(TestPackage package, PackageForm form)
    {
        PackageRules.TryParseTestType(form.TestType, out var type);
        package.Name = form.Name!.Trim();
        package.Description = form.Description?.Trim() ?? "";
        package.TestType = type;
        package.OtherDescription = type == TestType.Other ? form.OtherDescription?.Trim() : null;
        package.TargetDate = form.TargetDate;
        package.RequiresCoating = form.RequiresCoating;
        package.RequiresInsulation = form.RequiresInsulation;
        package.TestPressure = form.TestPressure;
        package.PressureUnit = PackageRules.TryParseUnit(form.PressureUnit, out var unit) ? unit : PressureUnit.Psig;
        package.Version = Guid.NewGuid();
    }

    /// <summary>PKG-003/004: package, stages, content (drawings or components, not both) and audit in one transaction.</summary>
    public async Task<PackageResult> CreateAsync(
        ClaimsPrincipal user, Guid projectId, PackageForm form, IReadOnlyCollection<Guid>? drawingIds, IReadOnlyCollection<Guid>? componentIds, CancellationToken ct)
    {
        var (project, refusal) = await ProjectForWriteAsync(user, projectId, Permission.ManageProjects, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (drawingIds is { Count: > 0 } && componentIds is { Count: > 0 })
        {
            return PackageResult.Invalid("Content", "Choose drawings or components, not both");
        }
        var errors = await ValidateAsync(projectId, null, form, ct);
        if (errors.Count > 0)
        {
            return PackageResult.Invalid(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var package = new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = project!.OrganizationId, ProjectId = projectId, CreatedAt = Now };
        Apply(package, form);
        db.TestPackages.Add(package);
        AddStages(package, Workflow.Stages(package.TestType, package.RequiresCoating, package.RequiresInsulation), 1);
        await db.SaveChangesAsync(ct);

        var count = 0;
        if (drawingIds is { Count: > 0 })
        {
            var added = await AssignDrawingsAsync(package, drawingIds, ct);
            if (added.Error is not null)
            {
                return PackageResult.Invalid("DrawingIds", added.Error);
            }
            count = added.Components;
        }
        else if (componentIds is { Count: > 0 })
        {
            var added = await AssignComponentsAsync(package, componentIds, ct);
            if (added.Error is not null)
            {
                return PackageResult.Invalid("ComponentIds", added.Error);
            }
            count = added.Components;
        }
        audit.Record(package.OrganizationId, projectId, "package_created", $"Created test package {package.Name}",
            new { package.Id, package.Name, testType = package.TestType?.ToString(), drawings = drawingIds?.Count ?? 0, components = count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PackageResult.Ok(PackageRules.Created(count), package.Id);
    }

    private void AddStages(TestPackage package, IEnumerable<StageKind> kinds, int firstNumber)
    {
        var number = firstNumber;
        foreach (var kind in kinds)
        {
            db.PackageStages.Add(new PackageStage
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = package.OrganizationId,
                ProjectId = package.ProjectId,
                PackageId = package.Id,
                Number = number++,
                Kind = kind,
            });
        }
    }

    /// <summary>PKG-004 edit with PKG-051 stage changes; <paramref name="version"/> is the one the editor loaded.</summary>
    public async Task<PackageResult> UpdateAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, PackageForm form, Guid? version, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, Permission.ManageProjects, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        if (package is null)
        {
            return PackageResult.NotFound;
        }
        if (version is { } v && v != package.Version)
        {
            return PackageResult.Conflict(PackageChangedMessage);
        }
        var errors = await ValidateAsync(projectId, packageId, form, ct);
        if (errors.Count > 0)
        {
            return PackageResult.Invalid(errors);
        }
        PackageRules.TryParseTestType(form.TestType, out var newType);
        var stages = await db.PackageStages.Where(s => s.PackageId == packageId).OrderBy(s => s.Number).ToListAsync(ct);
        var statuses = stages.Select(s => s.Status).ToList();
        var before = new { package.Name, package.Description, testType = package.TestType?.ToString(), package.RequiresCoating, package.RequiresInsulation, package.TestPressure, package.TargetDate };

        if (newType != package.TestType)
        {
            if (Workflow.CanChangeTestType(statuses) is { } locked)
            {
                return PackageResult.Invalid("TestType", locked);
            }
            db.PackageStages.RemoveRange(stages);
            stages.Clear();
        }
        else
        {
            foreach (var (kind, was, now) in new[] { (StageKind.ProtectiveCoatings, package.RequiresCoating, form.RequiresCoating), (StageKind.Insulation, package.RequiresInsulation, form.RequiresInsulation) })
            {
                if (was == now || stages.Count == 0)
                {
                    continue;
                }
                var message = now
                    ? Workflow.CanSetFlag(stages.Find(s => s.Kind == StageKind.Final)?.Status ?? StageStatus.NotStarted)
                    : Workflow.CanClearFlag(stages.Find(s => s.Kind == kind)?.Status ?? StageStatus.NotStarted);
                if (message is not null)
                {
                    return PackageResult.Invalid(kind == StageKind.Insulation ? "RequiresInsulation" : "RequiresCoating", message);
                }
            }
        }

        Apply(package, form);
        // Bring the stages in line with PKG-050 for the new type and flags, keeping existing ones (and their state).
        var desired = Workflow.Stages(package.TestType, package.RequiresCoating, package.RequiresInsulation);
        foreach (var extra in stages.Where(s => !desired.Contains(s.Kind)).ToList())
        {
            db.PackageStages.Remove(extra);
            stages.Remove(extra);
        }
        for (var i = 0; i < desired.Count; i++)
        {
            var stage = stages.Find(s => s.Kind == desired[i]);
            if (stage is null)
            {
                AddStages(package, [desired[i]], i + 1);
            }
            else if (stage.Number != i + 1)
            {
                stage.Number = i + 1;
            }
        }
        audit.Record(package.OrganizationId, projectId, "package_updated", $"Edited test package {package.Name}",
            new { package.Id, before, after = new { package.Name, package.Description, testType = package.TestType?.ToString(), package.RequiresCoating, package.RequiresInsulation, package.TestPressure, package.TargetDate } });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PackageResult.Conflict(PackageChangedMessage);
        }
        return PackageResult.Ok("Test package saved", package.Id);
    }

    private sealed record Assigned(int Drawings, int Components, string? Error);

    /// <summary>PKG-012: only drawings without a package; the package propagates to their live components (TRK-073).</summary>
    private async Task<Assigned> AssignDrawingsAsync(TestPackage package, IReadOnlyCollection<Guid> drawingIds, CancellationToken ct)
    {
        var ids = drawingIds.Distinct().ToList();
        var drawings = await db.Drawings.Where(d => d.ProjectId == package.ProjectId && d.RetiredAt == null && ids.Contains(d.Id)).ToListAsync(ct);
        if (drawings.Count != ids.Count)
        {
            return new Assigned(0, 0, "One or more drawings do not exist in this project");
        }
        if (drawings.Any(d => d.PackageId is not null))
        {
            return new Assigned(0, 0, DrawingTakenMessage);
        }
        foreach (var drawing in drawings)
        {
            drawing.PackageId = package.Id;
            drawing.Version = Guid.NewGuid();
        }
        await db.SaveChangesAsync(ct);
        var components = await db.Components
            .Where(c => c.ProjectId == package.ProjectId && c.RetiredAt == null && c.DrawingId != null && ids.Contains(c.DrawingId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PackageId, package.Id).SetProperty(c => c.Version, Guid.NewGuid()), ct);
        return new Assigned(drawings.Count, components, null);
    }

    /// <summary>PKG-011: only live components with no effective package; sets their own package.</summary>
    private async Task<Assigned> AssignComponentsAsync(TestPackage package, IReadOnlyCollection<Guid> componentIds, CancellationToken ct)
    {
        var ids = componentIds.Distinct().ToList();
        var rows = await (
            from c in db.Components
            where c.ProjectId == package.ProjectId && c.RetiredAt == null && ids.Contains(c.Id)
            join d in db.Drawings on c.DrawingId equals d.Id into dj
            from d in dj.DefaultIfEmpty()
            select new { c.Id, Effective = c.PackageId ?? (d == null ? null : d.PackageId) }).ToListAsync(ct);
        if (rows.Count != ids.Count)
        {
            return new Assigned(0, 0, "One or more components do not exist in this project");
        }
        if (rows.Any(r => r.Effective is not null))
        {
            return new Assigned(0, 0, ComponentTakenMessage);
        }
        var updated = await db.Components.Where(c => ids.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PackageId, package.Id).SetProperty(c => c.Version, Guid.NewGuid()), ct);
        return new Assigned(0, updated, null);
    }

    /// <summary>PKG-012 + PKG-016 <c>drawing_assignments_added</c>.</summary>
    public Task<PackageResult> AddDrawingsAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, IReadOnlyCollection<Guid> drawingIds, CancellationToken ct) =>
        AddAsync(user, projectId, packageId, drawingIds, drawings: true, ct);

    /// <summary>PKG-011 + PKG-016 <c>component_assignments_added</c>.</summary>
    public Task<PackageResult> AddComponentsAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, IReadOnlyCollection<Guid> componentIds, CancellationToken ct) =>
        AddAsync(user, projectId, packageId, componentIds, drawings: false, ct);

    private async Task<PackageResult> AddAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, IReadOnlyCollection<Guid> ids, bool drawings, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        if (package is null)
        {
            return PackageResult.NotFound;
        }
        if (ids.Count == 0)
        {
            return PackageResult.Invalid(drawings ? "DrawingIds" : "ComponentIds", drawings ? "Select at least one drawing" : "Select at least one component");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var added = drawings ? await AssignDrawingsAsync(package, ids, ct) : await AssignComponentsAsync(package, ids, ct);
        if (added.Error is not null)
        {
            return PackageResult.Invalid(drawings ? "DrawingIds" : "ComponentIds", added.Error);
        }
        if (drawings)
        {
            audit.Record(package.OrganizationId, projectId, "drawing_assignments_added", $"Added {added.Drawings} drawing(s) to {package.Name}",
                new { packageId, drawings = ids, componentsAffected = added.Components });
        }
        else
        {
            audit.Record(package.OrganizationId, projectId, "component_assignments_added", $"Added {added.Components} component(s) to {package.Name}",
                new { packageId, ids, count = added.Components });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PackageResult.Ok(drawings
            ? string.Create(CultureInfo.InvariantCulture, $"Added {added.Drawings} drawing(s) with {added.Components} component(s)")
            : string.Create(CultureInfo.InvariantCulture, $"Added {added.Components} component(s)"), packageId);
    }

    private static string? Reason(string? reason) => reason?.Trim() is { Length: > 0 and <= 500 } r ? r : null;

    /// <summary>PKG-014: the drawing and its components in this package leave it.</summary>
    public async Task<PackageResult> RemoveDrawingAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, Guid drawingId, string? reason, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        var drawing = package is null ? null : await db.Drawings.SingleOrDefaultAsync(d => d.Id == drawingId && d.ProjectId == projectId && d.PackageId == packageId, ct);
        if (package is null || drawing is null)
        {
            return PackageResult.NotFound;
        }
        if (Reason(reason) is not { } why)
        {
            return PackageResult.Invalid("Reason", ReasonMessage);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        drawing.PackageId = null;
        drawing.Version = Guid.NewGuid();
        var released = await db.Components.Where(c => c.DrawingId == drawingId && c.PackageId == packageId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PackageId, (Guid?)null).SetProperty(c => c.Version, Guid.NewGuid()), ct);
        audit.Record(package.OrganizationId, projectId, "drawing_assignment_removed", $"Removed drawing {drawing.Number} from {package.Name}",
            new { packageId, drawing.Number, drawing.Title, componentsReleased = released, reason = why });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PackageResult.Ok(string.Create(CultureInfo.InvariantCulture, $"Removed drawing {drawing.Number}; {released} component(s) left the package"), packageId);
    }

    /// <summary>PKG-013: refused while the component would still inherit the package through its drawing.</summary>
    public async Task<PackageResult> RemoveComponentAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, Guid componentId, string? reason, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        var component = package is null ? null : await db.Components.SingleOrDefaultAsync(c => c.Id == componentId && c.ProjectId == projectId && c.RetiredAt == null, ct);
        if (package is null || component is null)
        {
            return PackageResult.NotFound;
        }
        var drawing = component.DrawingId is { } did ? await db.Drawings.AsNoTracking().Where(d => d.Id == did).Select(d => new { d.Number, d.PackageId }).SingleOrDefaultAsync(ct) : null;
        if ((component.PackageId ?? drawing?.PackageId) != packageId)
        {
            return PackageResult.NotFound;
        }
        if (Reason(reason) is not { } why)
        {
            return PackageResult.Invalid("Reason", ReasonMessage);
        }
        if (drawing?.PackageId == packageId)
        {
            return PackageResult.Conflict(PackageRules.RemoveThroughDrawing(drawing.Number));
        }
        component.PackageId = null;
        component.Version = Guid.NewGuid();
        audit.Record(package.OrganizationId, projectId, "component_assignment_removed", $"Removed component {component.IdentityKey} from {package.Name}",
            new { packageId, identity = component.IdentityKey, reason = why });
        await db.SaveChangesAsync(ct);
        return PackageResult.Ok($"Removed {component.IdentityKey} from the package", packageId);
    }

    /// <summary>PKG-015: flag or clear "installed after the test" on members of the package.</summary>
    public async Task<PackageResult> SetPostHydroAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, IReadOnlyCollection<Guid> componentIds, bool postHydro, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, Permission.AssignWork, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        if (package is null)
        {
            return PackageResult.NotFound;
        }
        var ids = componentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return PackageResult.Invalid("ComponentIds", "Select at least one component");
        }
        var members = await PackageQueries.Members(db, projectId, packageId).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (members.Count != ids.Count)
        {
            return PackageResult.Invalid("ComponentIds", "Only components of this package can be flagged");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var count = await db.Components.Where(c => members.Contains(c.Id) && c.PostHydro != postHydro)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PostHydro, postHydro).SetProperty(c => c.Version, Guid.NewGuid()), ct);
        audit.Record(package.OrganizationId, projectId, postHydro ? "post_hydro_marked" : "post_hydro_cleared",
            string.Create(CultureInfo.InvariantCulture, $"{(postHydro ? "Marked" : "Cleared")} post-hydro on {count} component(s) of {package.Name}"),
            new { packageId, ids = members, count });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PackageResult.Ok(string.Create(CultureInfo.InvariantCulture, $"{(postHydro ? "Marked" : "Cleared")} post-hydro on {count} component(s)"), packageId);
    }

    /// <summary>PKG-060: typed name; members and drawings released (TRK-073), certificate and stages removed, audited.</summary>
    public async Task<PackageResult> DeleteAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, string? confirmName, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, Permission.ManageProjects, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        if (package is null)
        {
            return PackageResult.NotFound;
        }
        if (!string.Equals(confirmName?.Trim(), package.Name, StringComparison.Ordinal))
        {
            return PackageResult.Invalid("ConfirmName", ConfirmNameMessage);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var released = await PackageQueries.Members(db, projectId, packageId).CountAsync(ct);
        var drawingIds = await db.Drawings.Where(d => d.PackageId == packageId).Select(d => d.Id).ToListAsync(ct);
        await db.Components.Where(c => c.PackageId == packageId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PackageId, (Guid?)null).SetProperty(c => c.Version, Guid.NewGuid()), ct);
        if (drawingIds.Count > 0)
        {
            await db.Components.Where(c => c.RetiredAt == null && c.DrawingId != null && drawingIds.Contains(c.DrawingId.Value) && c.PackageId != null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.PackageId, (Guid?)null).SetProperty(c => c.Version, Guid.NewGuid()), ct);
            await db.Drawings.Where(d => drawingIds.Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.PackageId, (Guid?)null).SetProperty(d => d.Version, Guid.NewGuid()), ct);
        }
        await db.PackageCertificates.Where(c => c.PackageId == packageId).ExecuteDeleteAsync(ct);
        var stageIds = db.PackageStages.Where(s => s.PackageId == packageId).Select(s => s.Id);
        await db.StageSignOffs.Where(s => stageIds.Contains(s.StageId)).ExecuteDeleteAsync(ct);
        await db.PackageStages.Where(s => s.PackageId == packageId).ExecuteDeleteAsync(ct);
        db.TestPackages.Remove(package);
        audit.Record(package.OrganizationId, projectId, "package_deleted", $"Deleted test package {package.Name}", new { package.Name, componentsReleased = released });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return PackageResult.Ok(string.Create(CultureInfo.InvariantCulture, $"Deleted {package.Name}; {released} component(s) released"));
    }
}
