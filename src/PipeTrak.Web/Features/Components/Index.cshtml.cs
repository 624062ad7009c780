using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// The component list of a project: filters, search, sort and paging in the URL, milestone controls
/// per row (TRK-040..048), "Show retired" (TRK-060) and bulk Mark Received (TRK-080).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(ProjectOperations projects, ComponentQueries queries, BulkReceiveCommand bulkReceive) : PageModel
{
    public const string BulkResultKey = "BulkReceiveResult";
    public const string BulkFailuresKey = "BulkReceiveFailures";

    public Project Project { get; private set; } = null!;
    public ComponentFilter Filter { get; private set; } = new();
    public ComponentPage List { get; private set; } = new(new ComponentFilter(), 0, [], []);
    public IReadOnlyList<NamedItem> Areas { get; private set; } = [];
    public IReadOnlyList<NamedItem> Systems { get; private set; } = [];
    public IReadOnlyList<NamedItem> Packages { get; private set; } = [];
    public IReadOnlyList<NamedItem> Drawings { get; private set; } = [];
    public bool CanAssign => User.Can(Permission.AssignWork) && !Project.IsArchived;
    public RowOptions Options => new(Project.Id, User.Can(Permission.UpdateMilestones) && !Project.IsArchived, Selectable: CanAssign);
    public string? EmptyText => List.Total > 0 ? null
        : Filter with { Page = 1, Sort = ComponentSort.Identity, Descending = false, ShowRetired = false, PageSize = ComponentFilter.DefaultPageSize } == new ComponentFilter()
            ? "No components yet. Import a takeoff to add components."
            : "No components match these filters.";
    public string BaseUrl => $"/projects/{Project.Id}/components";

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        Project = project;
        Filter = ComponentFilter.From(Request.Query);
        List = await queries.ListAsync(projectId, Filter, ct);
        Filter = List.Filter;
        Response.Headers.Vary = "HX-Request";
        if (Request.IsHtmx() && !Request.Headers.ContainsKey("HX-History-Restore-Request"))
        {
            return Partial("_ComponentList", this);
        }
        (Areas, Systems, Packages) = await queries.PickersAsync(projectId, ct);
        Drawings = await queries.DrawingOptionsAsync(projectId, ct);
        return Page();
    }

    /// <summary>TRK-080: marks the selected components received, then shows the summary (post-redirect-get).</summary>
    public async Task<IActionResult> OnPostBulkReceiveAsync(Guid projectId, [FromForm] List<Guid>? ids, [FromForm] string? returnQuery, CancellationToken ct)
    {
        var outcome = await bulkReceive.RunAsync(User, projectId, ids ?? [], null, ct);
        switch (outcome.Status)
        {
            case BulkReceiveStatus.NotFound:
                return NotFound();
            case BulkReceiveStatus.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, outcome.Message!);
            case BulkReceiveStatus.Invalid:
                TempData[BulkResultKey] = outcome.Message;
                break;
            default:
                TempData[BulkResultKey] = outcome.Result!.Summary;
                TempData[BulkFailuresKey] = outcome.Result.Failures.Count == 0
                    ? null
                    : string.Join("\n", outcome.Result.Failures.Take(50).Select(f => $"{f.ComponentId}: {f.Reason}"));
                break;
        }
        var query = returnQuery is { Length: > 0 } q && q.StartsWith('?') ? q : "";
        return Redirect($"/projects/{projectId}/components{query}");
    }

    /// <summary>TRK-075: assigns area, system and package (No change / None / value) to the selection in one transaction.</summary>
    public async Task<IActionResult> OnPostBulkAssignAsync(Guid projectId, [FromForm] List<Guid>? ids, [FromForm] string? area, [FromForm] string? system,
        [FromForm] string? package, [FromForm] string? returnQuery, [FromServices] ComponentOperations operations, CancellationToken ct)
    {
        var (a, s, p) = (FieldChoice.Parse(area), FieldChoice.Parse(system), FieldChoice.Parse(package));
        if (a is null || s is null || p is null)
        {
            return NotFound();
        }
        var (outcome, result) = await operations.BulkAssignAsync(User, projectId, ids ?? [], a, s, p, ct);
        switch (outcome.Kind)
        {
            case ComponentOutcomeKind.NotFound:
                return NotFound();
            case ComponentOutcomeKind.Forbidden or ComponentOutcomeKind.Archived:
                return this.ErrorResult(outcome.StatusCode, outcome.Message!);
            case ComponentOutcomeKind.Ok:
                TempData[BulkResultKey] = result!.Summary;
                break;
            default:
                TempData[BulkResultKey] = outcome.Message;
                break;
        }
        var query = returnQuery is { Length: > 0 } q && q.StartsWith('?') ? q : "";
        return Redirect($"/projects/{projectId}/components{query}");
    }

    public string SortUrl(ComponentSort sort) =>
        BaseUrl + (Filter with { Sort = sort, Descending = Filter.Sort == sort && !Filter.Descending, Page = 1 }).ToQuery();

    public string PageUrl(int page) => BaseUrl + (Filter with { Page = page }).ToQuery();

    public string SortMark(ComponentSort sort) => Filter.Sort != sort ? "" : Filter.Descending ? " ▼" : " ▲";

    public string AriaSort(ComponentSort sort) => Filter.Sort != sort ? "none" : Filter.Descending ? "descending" : "ascending";
}
