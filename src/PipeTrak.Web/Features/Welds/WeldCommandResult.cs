using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

public enum WeldCommandStatus
{
    Ok = 1,

    /// <summary>PPL-041 step 2 (and PPL-070.3: a referenced id of another project or organization).</summary>
    NotFound,

    /// <summary>PPL-041 step 3: "You don't have permission to {action}."</summary>
    Forbidden,

    /// <summary>PPL-033: writes to an archived project.</summary>
    Archived,

    /// <summary>A WLD rule refused the command (422 with the spec message).</summary>
    Refused,

    /// <summary>A uniqueness rule (duplicate number, stencil taken) or a concurrent change (409).</summary>
    Conflict,
}

/// <summary>The outcome of a weld or welder command: the id it acted on, or why it was refused.</summary>
public sealed record WeldCommandResult(WeldCommandStatus Status, Guid? Id = null, string? Message = null)
{
    public const string ConcurrentChangeMessage = "The weld was changed by someone else. Reload it and try again.";

    public bool Succeeded => Status == WeldCommandStatus.Ok;

    public static WeldCommandResult Ok(Guid id) => new(WeldCommandStatus.Ok, id);

    public static WeldCommandResult NotFound(string message) => new(WeldCommandStatus.NotFound, Message: message);

    public static WeldCommandResult Refused(string message) => new(WeldCommandStatus.Refused, Message: message);

    public static WeldCommandResult Conflict(string message) => new(WeldCommandStatus.Conflict, Message: message);

    public static WeldCommandResult Forbidden(Permission permission) =>
        new(WeldCommandStatus.Forbidden, Message: $"You don't have permission to {permission.ActionPhrase()}.");

    public static readonly WeldCommandResult Archived = new(WeldCommandStatus.Archived, Message: Project.ArchivedMessage);
}

/// <summary>The project a weld command or query acts in, with its calendar "today" (TRK-002 time zone).</summary>
public sealed record WeldProject(Guid Id, Guid OrganizationId, bool IsArchived, string TimeZone)
{
    public const string NotFoundMessage = "The project does not exist.";

    public DateOnly Today(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(now, zone).DateTime
            : now.UtcDateTime);

    /// <summary>
    /// PPL-041 steps 2 and 4 for a project: unknown or another organization's → null; archived projects are
    /// invisible to roles that cannot manage projects (PPL-033).
    /// </summary>
    public static async Task<WeldProject?> FindAsync(AppDbContext db, ClaimsPrincipal user, Guid projectId, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking()
            .Where(p => p.Id == projectId)
            .Select(p => new WeldProject(p.Id, p.OrganizationId, p.IsArchived, p.TimeZone))
            .SingleOrDefaultAsync(ct);
        return project is null || (project.IsArchived && !user.Can(Permission.ManageProjects)) ? null : project;
    }
}
