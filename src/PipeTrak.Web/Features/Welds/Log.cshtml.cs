using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-080..083: the weld log with its filters in the URL; htmx swaps only the rows.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class LogModel(WeldQueries queries) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "drawing")] public Guid? DrawingId { get; set; }
    [FromQuery(Name = "welder")] public string? Welder { get; set; }
    [FromQuery(Name = "package")] public Guid? PackageId { get; set; }
    [FromQuery(Name = "system")] public Guid? SystemId { get; set; }
    [FromQuery(Name = "area")] public Guid? AreaId { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "nde")] public string? Nde { get; set; }
    [FromQuery(Name = "search")] public string? Search { get; set; }
    [FromQuery(Name = "retired")] public bool ShowRetired { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Guid ProjectId { get; private set; }

    public WeldLogPage Log { get; private set; } = new([], 0, 1, PageSize);

    public WeldLogOptions Options { get; private set; } = new([], [], [], [], []);

    public bool CanCreate => User.Can(Permission.ManageWelds);

    public int PageCount => Math.Max(1, (Log.Total + Log.PageSize - 1) / Log.PageSize);

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var unassigned = string.Equals(Welder, "unassigned", StringComparison.OrdinalIgnoreCase);
        var filter = new WeldLogFilter(
            DrawingId, !unassigned && Guid.TryParse(Welder, out var welderId) ? welderId : null, unassigned, PackageId, SystemId, AreaId,
            WeldCodes.TryParseStatus(Status, out var status) ? status : null,
            WeldCodes.TryParseNdeResult(Nde, out var nde) ? nde : null,
            Search, ShowRetired, PageNumber, PageSize);
        var log = await queries.LogAsync(User, projectId, filter, ct);
        if (log is null)
        {
            return NotFound();
        }
        ProjectId = projectId;
        Log = log;
        if (!Request.IsHtmx())
        {
            Options = await queries.OptionsAsync(projectId, ct);
        }
        return this.PageOrPartial("_WeldRows");
    }

    /// <summary>The current filters with one page number: paging links keep the filters (WLD-081).</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["drawing"] = DrawingId?.ToString(),
            ["welder"] = Welder,
            ["package"] = PackageId?.ToString(),
            ["system"] = SystemId?.ToString(),
            ["area"] = AreaId?.ToString(),
            ["status"] = Status,
            ["nde"] = Nde,
            ["search"] = Search,
            ["retired"] = ShowRetired ? "true" : null,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            $"/projects/{ProjectId}/welds", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
