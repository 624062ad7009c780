using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Activity;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Dashboard;

/// <summary>
/// A project's home (TRK-054). Opening it selects the project (PPL-030). Figures and recent activity are
/// read at request time and refreshed by htmx polling every <see cref="PollSeconds"/> s (TRK-049, RPT-050)
/// through the <c>Figures</c> and <c>Activity</c> fragments. The earned value panel is built only for
/// owner, admin and project manager (TRK-090): other roles never receive the numbers.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ProjectDashboardModel(ProjectOperations projects, AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PollSeconds = 15;

    public Project Project { get; private set; } = null!;

    public int TeamSize { get; private set; }

    public ProjectRollup Rollup { get; private set; } = null!;

    public IReadOnlyList<ActivityItem> Activity { get; private set; } = [];

    public DateTime Now { get; private set; }

    public bool CanManage => User.Can(Permission.ManageProjects);

    /// <summary>TRK-090: owner, admin and project manager see manhours and earned value.</summary>
    public bool CanSeeManhours => User.Can(Permission.ManageProjects);

    /// <summary>The creation date as a calendar day in the project's own time zone (TRK-002).</summary>
    public string CreatedOn => Local(Project.CreatedAt).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>RPT-050: the exact time of an event (shown on hover), in the project's time zone.</summary>
    public string ExactTime(DateTime utc) =>
        Local(utc).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + " (" + Project.TimeZone + ")";

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        if (!await LoadProjectAsync(projectId, ct))
        {
            return NotFound();
        }
        if (!Project.IsArchived)
        {
            await projects.SelectAsync(User, Project.Id, ct);
        }
        var orgId = User.OrganizationId();
        TeamSize = await db.Users.CountAsync(u => u.OrganizationId == orgId, ct);
        Rollup = await ProjectRollups.ForProjectAsync(db, Project.Id, RollupGroupings.Area | RollupGroupings.System, ct);
        Activity = await ActivityFeed.RecentAsync(db, Project.Id, ActivityFeed.DefaultLimit, ct);
        Response.Headers.Vary = "HX-Request";
        return Page();
    }

    /// <summary>Live fragment: counts, bars, packages ready and (for TRK-090 roles) earned value.</summary>
    public async Task<IActionResult> OnGetFiguresAsync(Guid projectId, CancellationToken ct)
    {
        if (!Request.IsHtmx())
        {
            return await OnGetAsync(projectId, ct);
        }
        if (!await LoadProjectAsync(projectId, ct))
        {
            return NotFound();
        }
        Rollup = await ProjectRollups.ForProjectAsync(db, Project.Id, RollupGroupings.Area | RollupGroupings.System, ct);
        return this.PageOrPartial("_DashboardFigures");
    }

    /// <summary>Live fragment: the last 10 milestone events (RPT-050).</summary>
    public async Task<IActionResult> OnGetActivityAsync(Guid projectId, CancellationToken ct)
    {
        if (!Request.IsHtmx())
        {
            return await OnGetAsync(projectId, ct);
        }
        if (!await LoadProjectAsync(projectId, ct))
        {
            return NotFound();
        }
        Activity = await ActivityFeed.RecentAsync(db, Project.Id, ActivityFeed.DefaultLimit, ct);
        return this.PageOrPartial("_ActivityFeed");
    }

    private async Task<bool> LoadProjectAsync(Guid projectId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return false;
        }
        Project = project;
        Now = clock.GetUtcNow().UtcDateTime;
        return true;
    }

    private DateTime Local(DateTime utc) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(Project.TimeZone, out var zone)
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone)
            : utc;
}
