using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Projects;

/// <summary>PPL-030: the project switcher (htmx) or a plain form remembers the choice server-side, then opens the project.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SelectModel(ProjectOperations projects) : PageModel
{
    /// <summary>Selecting is a POST; a GET (an old bookmark) answers like any unknown page.</summary>
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid projectId, CancellationToken ct)
    {
        var outcome = await projects.SelectAsync(User, projectId, ct);
        if (!outcome.Succeeded)
        {
            return this.ErrorResult(StatusCodes.Status404NotFound, "We couldn't find that project. It may have been archived or deleted.");
        }
        var dashboard = $"/projects/{projectId}/dashboard";
        if (Request.IsHtmx())
        {
            // The switcher posts with htmx: htmx follows HX-Redirect with a full page load.
            Response.Headers["HX-Redirect"] = dashboard;
            return new OkResult();
        }
        return Redirect(dashboard);
    }
}
