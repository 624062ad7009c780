using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Dashboard;

/// <summary>
/// PPL-015: the dashboard of the last selected project (else the newest). Without projects,
/// those who can create one are invited to; everyone else is told to ask.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(ProjectOperations projects) : PageModel
{
    public const string NoProjectsMessage = "No projects available. Ask your administrator to create one.";

    public bool CanCreate => User.Can(Permission.ManageProjects);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var current = await projects.CurrentProjectIdAsync(User, ct);
        return current is { } id ? Redirect($"/projects/{id}/dashboard") : Page();
    }
}
