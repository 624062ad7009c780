using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Dashboard;

/// <summary>
/// A project's home. Opening it selects the project (PPL-030). Progress figures arrive with the
/// progress dashboard; until then it shows the project's facts only.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ProjectDashboardModel(ProjectOperations projects, AppDbContext db) : PageModel
{
    public Project Project { get; private set; } = null!;

    public int TeamSize { get; private set; }

    public bool CanManage => User.Can(Permission.ManageProjects);

    /// <summary>The creation date as a calendar day in the project's own time zone (TRK-002).</summary>
    public string CreatedOn => TimeZoneInfo.TryFindSystemTimeZoneById(Project.TimeZone, out var zone)
        ? TimeZoneInfo.ConvertTimeFromUtc(Project.CreatedAt, zone).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
        : Project.CreatedAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        if (!project.IsArchived)
        {
            await projects.SelectAsync(User, project.Id, ct);
        }
        Project = project;
        var orgId = User.OrganizationId();
        TeamSize = await db.Users.CountAsync(u => u.OrganizationId == orgId, ct);
        return Page();
    }
}
