using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>
/// Drawing list (TRK-050, TRK-060, TRK-074): search, filters and page in the URL, natural order,
/// server-side paging, progress per drawing, expandable component rows and bulk assignment.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(ProjectOperations projects, DrawingQueries queries, DrawingCommands commands, MetadataNames names) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "area")]
    public string? AreaFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "system")]
    public string? SystemFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "package")]
    public string? PackageFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "retired")]
    public bool ShowRetired { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    // "page" is the Razor Pages route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Project Project { get; private set; } = null!;
    public DrawingPage Result { get; private set; } = new([], 0, 1, DrawingListQuery.DefaultPageSize);
    public MetadataOptions Options { get; private set; } = new([], [], []);
    public bool CanAssign { get; private set; }
    public string? BulkError { get; private set; }
    public bool HasFilters => !string.IsNullOrWhiteSpace(Search) || AreaFilter is { Length: > 0 } || SystemFilter is { Length: > 0 } || PackageFilter is { Length: > 0 } || Status is { Length: > 0 } || ShowRetired;

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        if (!await LoadAsync(projectId, ct))
        {
            return NotFound();
        }
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && !Request.Headers.ContainsKey("HX-History-Restore-Request") ? Partial("_DrawingRows", this) : Page();
    }

    /// <summary>TRK-074: bulk assignment of the selected drawings; a summary on success.</summary>
    public async Task<IActionResult> OnPostBulkAssignAsync(
        Guid projectId, List<Guid>? drawingIds, string? bulkArea, string? bulkSystem, string? bulkPackage,
        string? bulkNewArea, string? bulkNewSystem, string? bulkNewPackage, CancellationToken ct)
    {
        // TRK-077: "Create new…" creates the name (kept even if the assignment is then refused).
        var area = FieldChoice.Parse(bulkArea, bulkNewArea);
        var system = FieldChoice.Parse(bulkSystem, bulkNewSystem);
        var package = FieldChoice.Parse(bulkPackage, bulkNewPackage);
        DrawingOutcome outcome;
        if (area is null || system is null || package is null)
        {
            outcome = await commands.BulkAssignAsync(User, projectId, [], FieldChoice.NoChange, FieldChoice.NoChange, FieldChoice.NoChange, ct);
            if (outcome.Kind is not (DrawingOutcomeKind.NotFound or DrawingOutcomeKind.Forbidden or DrawingOutcomeKind.Archived))
            {
                outcome = DrawingOutcome.Invalid(DrawingRules.InvalidChoice);
            }
        }
        else
        {
            outcome = await commands.BulkAssignAsync(User, projectId, drawingIds, area.Value, system.Value, package.Value, ct);
        }
        switch (outcome.Kind)
        {
            case DrawingOutcomeKind.Ok:
                TempData["Toast"] = outcome.Bulk!.Summary;
                return Redirect(ListUrl(projectId));
            case DrawingOutcomeKind.Invalid or DrawingOutcomeKind.Conflict when !Request.IsHtmx():
                if (!await LoadAsync(projectId, ct))
                {
                    return NotFound();
                }
                BulkError = outcome.Message;
                Response.StatusCode = outcome.StatusCode;
                return Page();
            case DrawingOutcomeKind.NotFound:
                return NotFound();
            default:
                return this.ErrorResult(outcome.StatusCode, outcome.Message ?? "");
        }
    }

    public DrawingListQuery Query() => new(
        Search, RefFilter.Parse(AreaFilter), RefFilter.Parse(SystemFilter), RefFilter.Parse(PackageFilter), DrawingRules.ParseStatus(Status),
        ShowRetired, DrawingListQuery.ParseSort(Sort), PageNumber);

    /// <summary>The list URL with the current filters (and another page or sort when given).</summary>
    public string ListUrl(Guid projectId, int? page = null, string? sort = null)
    {
        var query = Query();
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }
        Add("q", Search?.Trim());
        Add("area", query.Area.Code);
        Add("system", query.System.Code);
        Add("package", query.Package.Code);
        Add("status", query.Status?.Code());
        Add("retired", ShowRetired ? "true" : null);
        var sortCode = sort ?? DrawingListQuery.SortCode(query.Sort);
        Add("sort", sortCode == "number" ? null : sortCode);
        var p = page ?? query.Page;
        Add("p", p > 1 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        return $"/projects/{projectId}/drawings" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    /// <summary>The bulk form posts back to the list with its filters, so the result shows the same list.</summary>
    public string BulkAssignUrl(Guid projectId)
    {
        var list = ListUrl(projectId);
        return list + (list.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=BulkAssign";
    }

    public static IReadOnlyList<(string Code, string Label)> Statuses =>
        [.. Enum.GetValues<ProgressStatus>().Select(s => (s.Code(), s.Label()))];

    private async Task<bool> LoadAsync(Guid projectId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return false;
        }
        Project = project;
        CanAssign = DrawingCommands.CanEdit(User) && !project.IsArchived;
        Options = await names.OptionsAsync(projectId, ct);
        Result = await queries.ListAsync(projectId, Query(), ct);
        return true;
    }
}
