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
public sealed class LogModel(WeldQueries queries, TimeProvider clock) : PageModel
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
    [FromQuery(Name = "sort")] public string? SortCode { get; set; }
    [FromQuery(Name = "dir")] public string? Dir { get; set; }

    /// <summary>WLD-083: the sort is remembered per user (browser) in this cookie when the URL names none.</summary>
    public const string SortCookie = "pipetrak.weldsort";

    public WeldLogSort Sort { get; private set; } = WeldLogSort.Default;

    [TempData]
    public string? Message { get; set; }

    public Guid ProjectId { get; private set; }

    public WeldLogPage Log { get; private set; } = new([], 0, 1, PageSize);

    public WeldLogOptions Options { get; private set; } = new([], [], [], [], []);

    public bool CanCreate => User.Can(Permission.ManageWelds);

    /// <summary>Any filter, search or "show retired" narrows the log (the empty state then says "No results found").</summary>
    public bool IsFiltered => DrawingId is not null || !string.IsNullOrWhiteSpace(Welder) || PackageId is not null || SystemId is not null
        || AreaId is not null || !string.IsNullOrWhiteSpace(Status) || !string.IsNullOrWhiteSpace(Nde) || !string.IsNullOrWhiteSpace(Search) || ShowRetired;

    public bool CanImport => User.Can(Permission.ManageProjects);

    public int PageCount => Math.Max(1, (Log.Total + Log.PageSize - 1) / Log.PageSize);

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        Sort = RememberedSort();
        var log = await queries.LogAsync(User, projectId, Filter(PageNumber, PageSize), Sort, ct);
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

    /// <summary>RPT-032: the log as CSV or Excel with the current filters, search and sort.</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid projectId, string? format, CancellationToken ct)
    {
        Sort = WeldLogSort.Parse(SortCode, Dir);
        var rows = await queries.ExportRowsAsync(User, projectId, Filter(1, WeldLogFilter.MaxPageSize), Sort, ct);
        if (rows is null)
        {
            return NotFound();
        }
        var kind = WeldLogExport.ParseFormat(format) ?? WeldLogExportFormat.Csv;
        var file = WeldLogExport.Build(rows, kind, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return File(file.Content, file.ContentType, file.FileName);
    }

    private WeldLogFilter Filter(int page, int pageSize)
    {
        var unassigned = string.Equals(Welder, "unassigned", StringComparison.OrdinalIgnoreCase);
        return new WeldLogFilter(
            DrawingId, !unassigned && Guid.TryParse(Welder, out var welderId) ? welderId : null, unassigned, PackageId, SystemId, AreaId,
            WeldCodes.TryParseStatus(Status, out var status) ? status : null,
            WeldCodes.TryParseNdeResult(Nde, out var nde) ? nde : null,
            Search, ShowRetired, page, pageSize);
    }

    /// <summary>WLD-083: the URL's sort (then remembered), else the remembered one, else natural weld number.</summary>
    private WeldLogSort RememberedSort()
    {
        if (!string.IsNullOrWhiteSpace(SortCode))
        {
            var sort = WeldLogSort.Parse(SortCode, Dir);
            Response.Cookies.Append(SortCookie, $"{sort.Code}:{sort.Direction}", new CookieOptions
            {
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return sort;
        }
        var remembered = Request.Cookies[SortCookie]?.Split(':');
        return remembered is [var code, var dir] ? WeldLogSort.Parse(code, dir) : WeldLogSort.Default;
    }

    /// <summary>A column header's link: this column's sort (toggled when already chosen), first page, filters kept.</summary>
    public string SortUrl(WeldLogColumn column)
    {
        var next = Sort.Toggle(column);
        return LogUrl(1, next);
    }

    /// <summary>aria-sort value of a column header.</summary>
    public string AriaSort(WeldLogColumn column) => Sort.Column != column ? "none" : Sort.Descending ? "descending" : "ascending";

    /// <summary>The export link of a format with the current filters, search and sort.</summary>
    public string ExportUrl(string format) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            $"/projects/{ProjectId}/welds", Query(null, Sort).Append(new("handler", "Export")).Append(new("format", format)));

    /// <summary>The current filters with one page number: paging links keep the filters (WLD-081).</summary>
    public string PageUrl(int page) => LogUrl(page, Sort);

    private string LogUrl(int page, WeldLogSort sort) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/projects/{ProjectId}/welds", Query(page, sort));

    private IEnumerable<KeyValuePair<string, string?>> Query(int? page, WeldLogSort sort)
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
            ["sort"] = sort.Code,
            ["dir"] = sort.Direction,
            ["page"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return query.Where(q => !string.IsNullOrEmpty(q.Value));
    }
}
