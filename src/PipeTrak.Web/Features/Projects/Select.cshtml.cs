using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Projects;

/// <summary>PPL-030: the project switcher remembers the choice server-side, then opens the project.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SelectModel(ProjectOperations projects) : PageModel
{
    public IActionResult OnGet(Guid projectId) => Redirect($"/projects/{projectId}/dashboard");

    public async Task<IActionResult> OnPostAsync(Guid projectId, CancellationToken ct)
    {
        var outcome = await projects.SelectAsync(User, projectId, ct);
        return outcome.Succeeded ? Redirect($"/projects/{projectId}/dashboard") : NotFound();
    }
}
