using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Shared;

/// <summary>
/// The project switcher and navigation: the caller's non-archived projects (PPL-030), newest first,
/// and the project the user last selected (remembered server-side).
/// </summary>
public sealed class ProjectSwitcherViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = HttpContext.User.UserId();
        if (userId is null || HttpContext.User.OrganizationId() is null)
        {
            return View(new ProjectSwitcherModel([], null, null, false));
        }
        var projects = await db.Projects.AsNoTracking()
            .Where(p => !p.IsArchived)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new ProjectLink(p.Id, p.Name))
            .ToListAsync(HttpContext.RequestAborted);
        var selectedId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SelectedProjectId).SingleOrDefaultAsync(HttpContext.RequestAborted);
        var routeProject = RouteData.Values.TryGetValue("projectId", out var v) && Guid.TryParse(v?.ToString(), out var rp) ? rp : (Guid?)null;
        var current = projects.FirstOrDefault(p => p.Id == (routeProject ?? selectedId)) ?? projects.FirstOrDefault();
        return View(new ProjectSwitcherModel(projects, current, HttpContext.User.Role(), HttpContext.User.Can(Permission.ManageProjects)));
    }
}

public sealed record ProjectLink(Guid Id, string Name);

public sealed record ProjectSwitcherModel(IReadOnlyList<ProjectLink> Projects, ProjectLink? Current, OrgRole? Role, bool CanManageProjects);
