using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Shared.Components.ProjectNav;

/// <summary>
/// The sidebar's project section: links into the project shown on the page (route), else the one
/// the user last selected. Links a role cannot use are not shown; the pages refuse them anyway.
/// </summary>
public sealed class ProjectNavViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var project = await CurrentProjectAsync(db, HttpContext, RouteData);
        if (project is null)
        {
            return Content("");
        }
        var user = HttpContext.User;
        var links = new List<ProjectNavLink>();
        foreach (var (label, suffix, permission) in Links)
        {
            if (user.Can(permission))
            {
                links.Add(new ProjectNavLink(label, $"/projects/{project.Id}/{suffix}"));
            }
        }
        return View(new ProjectNavModel(project, links, HttpContext.Request.Path.Value ?? "/"));
    }

    /// <summary>
    /// The project the navigation is about: the page's own (route), else the one the user last selected,
    /// else their newest non-archived project; null when signed out or without one.
    /// </summary>
    public static async Task<ProjectLink?> CurrentProjectAsync(AppDbContext db, HttpContext http, RouteData route)
    {
        // The sidebar and the header bell both ask on every page: read it once per request.
        if (http.Items.TryGetValue(CurrentProjectKey, out var known))
        {
            return (ProjectLink?)known;
        }
        var project = await FindCurrentProjectAsync(db, http, route);
        http.Items[CurrentProjectKey] = project;
        return project;
    }

    private static readonly object CurrentProjectKey = new();

    private static async Task<ProjectLink?> FindCurrentProjectAsync(AppDbContext db, HttpContext http, RouteData route)
    {
        var userId = http.User.UserId();
        if (userId is null || http.User.OrganizationId() is null)
        {
            return null;
        }
        var routeProject = route.Values.TryGetValue("projectId", out var v) && Guid.TryParse(v?.ToString(), out var rp) ? rp : (Guid?)null;
        var selected = routeProject ?? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SelectedProjectId).SingleOrDefaultAsync(http.RequestAborted);
        return await db.Projects.AsNoTracking()
            .Where(p => !p.IsArchived && (selected == null || p.Id == selected))
            .OrderByDescending(p => p.Id == selected).ThenByDescending(p => p.CreatedAt)
            .Select(p => new ProjectLink(p.Id, p.Name))
            .FirstOrDefaultAsync(http.RequestAborted);
    }

    /// <summary>The project's screens, in sidebar order.</summary>
    private static readonly (string Label, string Suffix, Permission Permission)[] Links =
    [
        ("Dashboard", "dashboard", Permission.ViewProjectData),
        ("Drawings", "drawings", Permission.ViewProjectData),
        ("Components", "components", Permission.ViewProjectData),
        ("Test packages", "packages", Permission.ViewProjectData),
        ("Weld log", "welds", Permission.ViewProjectData),
        ("Welders", "welders", Permission.ViewProjectData),
        ("QC review", "review", Permission.ViewProjectData),
        ("Imports", "imports", Permission.ManageProjects),
        ("Weld import", "welds/import", Permission.ManageProjects),
        ("Manhours", "manhours", Permission.ManageProjects),
        ("Rules of credit", "settings/rules-of-credit", Permission.ManageProjects),
        ("Settings", "settings", Permission.ManageProjects),
    ];
}

public sealed record ProjectNavLink(string Label, string Href);

public sealed record ProjectNavModel(ProjectLink Project, IReadOnlyList<ProjectNavLink> Links, string CurrentPath)
{
    /// <summary>The most specific link containing the current page ("Rules of credit" rather than "Settings").</summary>
    public bool IsActive(ProjectNavLink link) =>
        ReferenceEquals(link, Links.Where(Contains).OrderByDescending(l => l.Href.Length).FirstOrDefault());

    private bool Contains(ProjectNavLink link) =>
        CurrentPath.Equals(link.Href, StringComparison.OrdinalIgnoreCase)
        || CurrentPath.StartsWith(link.Href + "/", StringComparison.OrdinalIgnoreCase);
}
