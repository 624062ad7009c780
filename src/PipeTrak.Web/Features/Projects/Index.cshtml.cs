using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

/// <summary>PPL-030/033: the organization's projects, newest first; archived ones for owner/admin/PM.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(ProjectOperations projects) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    public IReadOnlyList<Project> Projects { get; private set; } = [];

    public bool CanManage => User.Can(Permission.ManageProjects);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Archived && !CanManage)
        {
            return this.Forbidden(Permission.ManageProjects);
        }
        Projects = await projects.ListAsync(Archived, ct);
        return Page();
    }
}
