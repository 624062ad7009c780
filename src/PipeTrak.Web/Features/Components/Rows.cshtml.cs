using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// Fragment: <c>GET /projects/{projectId}/components/rows?drawingId={id}</c> (and every list filter)
/// answers <c>&lt;tr&gt;</c> rows with milestone controls (5 cells: component, drawing, area/system/package,
/// %, milestones), for embedding in a drawing row or the drawing page; <c>table=true</c> wraps them in a
/// table with a header. Paged: a trailing row loads the next page.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class RowsModel(ProjectOperations projects, ComponentQueries queries) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid projectId, bool table, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        var filter = ComponentFilter.From(Request.Query);
        if (filter.DrawingId is { } drawingId && !await queries.DrawingExistsAsync(projectId, drawingId, ct))
        {
            return NotFound();
        }
        var page = await queries.ListAsync(projectId, filter, ct);
        var options = new RowOptions(projectId, User.Can(Permission.UpdateMilestones) && !project.IsArchived, Selectable: false);
        string? more = null;
        if (page.Filter.Page < page.PageCount)
        {
            more = $"/projects/{projectId}/components/rows" + (page.Filter with { Page = page.Filter.Page + 1 }).ToQuery();
        }
        var view = new ComponentRowsView(page.Rows, options, more, page.Filter.Page == 1 ? "No components on this drawing." : null);
        Response.Headers.Vary = "HX-Request";
        return Partial(table ? "_ComponentTable" : "_ComponentRows", view);
    }
}
