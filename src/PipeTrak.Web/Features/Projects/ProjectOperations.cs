using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

public enum ProjectOutcomeKind
{
    Ok,
    NotFound,
    Forbidden,
    Archived,
    Invalid,
    Conflict,
}

/// <summary>The result of a project operation; pages and endpoints translate it to their own responses.</summary>
public sealed record ProjectOutcome(
    ProjectOutcomeKind Kind,
    Project? Project = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    Permission Denied = Permission.ManageProjects)
{
    public static readonly ProjectOutcome NotFound = new(ProjectOutcomeKind.NotFound);

    public bool Succeeded => Kind == ProjectOutcomeKind.Ok;

    public static ProjectOutcome Ok(Project project) => new(ProjectOutcomeKind.Ok, project);

    public static ProjectOutcome Forbidden(Permission permission) => new(ProjectOutcomeKind.Forbidden, Denied: permission);

    public static ProjectOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ProjectOutcomeKind.Invalid, Errors: errors);

    public static ProjectOutcome Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// PPL-030..034 use cases, shared by the pages and the API. Every operation follows PPL-041: the
/// project is loaded through the tenant filter (unknown or other organization → not found), then
/// the role is checked, then (for writes) the archived flag.
/// </summary>
public sealed class ProjectOperations(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>PPL-030/033: archived projects exist only for those who may unarchive them.</summary>
    public static bool CanSee(ClaimsPrincipal user, Project project) =>
        !project.IsArchived || user.Can(Permission.ManageProjects);

    /// <summary>The project if it is in the caller's organization and visible to them (untracked).</summary>
    public async Task<Project?> FindAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return project is not null && CanSee(user, project) ? project : null;
    }

    /// <summary>A new project of <paramref name="organizationId"/> from already validated input.</summary>
    public static Project Build(Guid organizationId, ProjectInput input, Guid? createdBy, DateTime now)
    {
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            Description = input.Description?.Trim() ?? "",
            TimeZone = ProjectTimeZones.Normalize(input.TimeZone),
            CreatedAt = now,
            CreatedByUserId = createdBy,
            Version = Guid.NewGuid(),
        };
        project.Rename(input.Name ?? "");
        return project;
    }

    /// <summary>PPL-031: validates, creates, selects it for the creator, audits.</summary>
    public async Task<ProjectOutcome> CreateAsync(ClaimsPrincipal user, ProjectInput input, CancellationToken ct)
    {
        if (!user.Can(Permission.ManageProjects) || user.OrganizationId() is not { } orgId)
        {
            return ProjectOutcome.Forbidden(Permission.ManageProjects);
        }
        var errors = ProjectRules.Validate(input);
        if (errors.Count == 0 && await NameTakenAsync(input.Name!, null, ct))
        {
            errors[nameof(ProjectInput.Name)] = [ProjectRules.DuplicateName(input.Name!)];
        }
        if (errors.Count > 0)
        {
            return ProjectOutcome.Invalid(errors);
        }
        var userId = user.RequiredUserId();
        var project = Build(orgId, input, userId, clock.GetUtcNow().UtcDateTime);
        db.Projects.Add(project);
        ProjectTemplates.CopyDefaults(db, project);
        var creator = await db.Users.SingleAsync(u => u.Id == userId, ct);
        creator.SelectedProjectId = project.Id;
        audit.Record(orgId, project.Id, "project.created", $"Created project '{project.Name}'",
            new { after = Snapshot(project) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await NameTakenAsync(project.Name, project.Id, ct))
            {
                // Two creators raced for the same name: the unique index decided.
                return ProjectOutcome.Invalid(nameof(ProjectInput.Name), ProjectRules.DuplicateName(project.Name));
            }
            throw;
        }
        return ProjectOutcome.Ok(project);
    }

    /// <summary>
    /// PPL-032: edit name, description and time zone with optimistic concurrency. With
    /// <paramref name="partial"/>, null fields keep their value (API PATCH). A stale
    /// <paramref name="version"/> changes nothing and returns the current state.
    /// </summary>
    public async Task<ProjectOutcome> UpdateAsync(ClaimsPrincipal user, Guid id, ProjectInput input, Guid? version, bool partial, CancellationToken ct)
    {
        var (project, refusal) = await LoadForWriteAsync(user, id, Permission.ManageProjects, ct);
        if (project is null)
        {
            return refusal!;
        }
        if ((version is null && !partial) || (version is { } v && v != project.Version))
        {
            return new ProjectOutcome(ProjectOutcomeKind.Conflict, project);
        }
        if (partial)
        {
            input = new ProjectInput(input.Name ?? project.Name, input.Description ?? project.Description, input.TimeZone ?? project.TimeZone);
        }
        var errors = ProjectRules.Validate(input);
        if (errors.Count == 0 && await NameTakenAsync(input.Name!, project.Id, ct))
        {
            errors[nameof(ProjectInput.Name)] = [ProjectRules.DuplicateName(input.Name!)];
        }
        if (errors.Count > 0)
        {
            return ProjectOutcome.Invalid(errors);
        }
        var before = Snapshot(project);
        project.Rename(input.Name!);
        project.Description = input.Description!.Trim();
        project.TimeZone = ProjectTimeZones.Normalize(input.TimeZone);
        var after = Snapshot(project);
        if (before == after)
        {
            return ProjectOutcome.Ok(project);
        }
        project.Version = Guid.NewGuid();
        audit.Record(project.OrganizationId, project.Id, "project.updated", $"Edited project '{project.Name}'", new { before, after });
        return await SaveOrConflictAsync(project, ct);
    }

    /// <summary>PPL-033: archive or unarchive (owner/admin/PM), audited. Repeating it changes nothing.</summary>
    public async Task<ProjectOutcome> SetArchivedAsync(ClaimsPrincipal user, Guid id, bool archived, CancellationToken ct)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null || !CanSee(user, project))
        {
            return ProjectOutcome.NotFound;
        }
        if (!user.Can(Permission.ManageProjects))
        {
            return ProjectOutcome.Forbidden(Permission.ManageProjects);
        }
        if (project.IsArchived == archived)
        {
            return ProjectOutcome.Ok(project);
        }
        project.IsArchived = archived;
        project.ArchivedAt = archived ? clock.GetUtcNow().UtcDateTime : null;
        project.Version = Guid.NewGuid();
        audit.Record(project.OrganizationId, project.Id, archived ? "project.archived" : "project.unarchived",
            $"{(archived ? "Archived" : "Unarchived")} project '{project.Name}'");
        return await SaveOrConflictAsync(project, ct);
    }

    /// <summary>
    /// PPL-034: owner/admin, exact name typed. One transaction removes the project and its data
    /// (its own audit trail and every row that cascades from it); an organization-level audit
    /// entry (no project) records the deletion.
    /// </summary>
    public async Task<ProjectOutcome> DeleteAsync(ClaimsPrincipal user, Guid id, string? confirmName, CancellationToken ct)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null || !CanSee(user, project))
        {
            return ProjectOutcome.NotFound;
        }
        if (!user.Can(Permission.AdministerOrganization))
        {
            return ProjectOutcome.Forbidden(Permission.AdministerOrganization);
        }
        if (!ProjectRules.ConfirmsDeletion(project.Name, confirmName))
        {
            return ProjectOutcome.Invalid("ConfirmName", ProjectRules.DeleteConfirmMismatch);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.AuditEntries.Where(a => a.ProjectId == project.Id).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.OrganizationId == project.OrganizationId && u.SelectedProjectId == project.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SelectedProjectId, (Guid?)null), ct);
        db.Projects.Remove(project);
        audit.Record(project.OrganizationId, null, "project.deleted", $"Deleted project '{project.Name}'",
            new { before = Snapshot(project), projectId = project.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ProjectOutcome.Ok(project);
    }

    /// <summary>PPL-030: remembers the caller's selected project server-side.</summary>
    public async Task<ProjectOutcome> SelectAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var project = await FindAsync(user, id, ct);
        if (project is null || project.IsArchived)
        {
            return ProjectOutcome.NotFound;
        }
        var userId = user.RequiredUserId();
        await db.Users.Where(u => u.Id == userId && u.OrganizationId == project.OrganizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SelectedProjectId, project.Id), ct);
        return ProjectOutcome.Ok(project);
    }

    /// <summary>PPL-015: the last selected project if still available, else the newest non-archived one.</summary>
    public async Task<Guid?> CurrentProjectIdAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = user.RequiredUserId();
        var selected = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SelectedProjectId).SingleOrDefaultAsync(ct);
        if (selected is { } s && await db.Projects.AnyAsync(p => p.Id == s && !p.IsArchived, ct))
        {
            return s;
        }
        return await db.Projects.AsNoTracking()
            .Where(p => !p.IsArchived)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Select(p => (Guid?)p.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Projects of the caller's organization, newest first (PPL-030).</summary>
    public Task<List<Project>> ListAsync(bool archived, CancellationToken ct) =>
        db.Projects.AsNoTracking()
            .Where(p => p.IsArchived == archived)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .ToListAsync(ct);

    private async Task<(Project? Project, ProjectOutcome? Refusal)> LoadForWriteAsync(ClaimsPrincipal user, Guid id, Permission permission, CancellationToken ct)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null || !CanSee(user, project))
        {
            return (null, ProjectOutcome.NotFound);
        }
        if (!user.Can(permission))
        {
            return (null, ProjectOutcome.Forbidden(permission));
        }
        if (project.IsArchived)
        {
            return (null, new ProjectOutcome(ProjectOutcomeKind.Archived, project));
        }
        return (project, null);
    }

    private Task<bool> NameTakenAsync(string name, Guid? except, CancellationToken ct)
    {
        var key = Project.KeyOf(name);
        return db.Projects.AnyAsync(p => p.NameKey == key && p.Id != except, ct);
    }

    private async Task<ProjectOutcome> SaveOrConflictAsync(Project project, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return ProjectOutcome.Ok(project);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == project.Id, ct);
            return current is null ? ProjectOutcome.NotFound : new ProjectOutcome(ProjectOutcomeKind.Conflict, current);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await NameTakenAsync(project.Name, project.Id, ct))
            {
                return ProjectOutcome.Invalid(nameof(ProjectInput.Name), ProjectRules.DuplicateName(project.Name));
            }
            throw;
        }
    }

    private static ProjectSnapshot Snapshot(Project p) => new(p.Name, p.Description, p.TimeZone);

    private sealed record ProjectSnapshot(string Name, string Description, string TimeZone);
}
