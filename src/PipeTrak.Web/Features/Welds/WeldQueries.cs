using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-011: a welder as the welders page and API show it (<see cref="Deletable"/>: named by no weld and no weld event).</summary>
public sealed record WelderRow(
    Guid Id, string Stencil, string Name, string Status, Guid? VerifiedByUserId, DateTime? VerifiedAt, int WeldsWelded, decimal? RejectRate, Guid Version,
    bool Deletable);

/// <summary>WLD-080: one weld log row.</summary>
public sealed record WeldLogRow(
    Guid Id, Guid ComponentId, string Number, Guid? DrawingId, string? Drawing, Guid? WelderId, string? Welder, DateOnly? DateWelded,
    string WeldType, string Size, string Schedule, string? NdeType, string? NdeResult, string Status, decimal XRayPercent,
    Guid? AreaId, string? Area, Guid? SystemId, string? System, Guid? PackageId, string? Package, decimal Percent, bool IsRepair, bool IsRetired,
    DateOnly? NdeDate = null);

/// <summary>A choice in a filter or form select.</summary>
public sealed record WeldOption(Guid Id, string Label);

/// <summary>WLD-081: the values the log's filters offer.</summary>
public sealed record WeldLogOptions(
    IReadOnlyList<WeldOption> Drawings, IReadOnlyList<WeldOption> Welders, IReadOnlyList<WeldOption> Packages,
    IReadOnlyList<WeldOption> Systems, IReadOnlyList<WeldOption> Areas);

public sealed record WeldLogPage(IReadOnlyList<WeldLogRow> Items, int Total, int Page, int PageSize);

/// <summary>WLD-081/082: filters combine with AND. <c>WelderId</c> "unassigned" is <see cref="UnassignedOnly"/>.</summary>
public sealed record WeldLogFilter(
    Guid? DrawingId = null, Guid? WelderId = null, bool UnassignedOnly = false, Guid? PackageId = null, Guid? SystemId = null, Guid? AreaId = null,
    WeldStatus? Status = null, NdeResult? NdeResult = null, string? Search = null, bool ShowRetired = false, int Page = 1, int PageSize = 50)
{
    public const int MaxPageSize = 500;
}

/// <summary>WLD-059: one entry of a weld's history: a weld event or one of its milestone events.</summary>
public sealed record WeldHistoryEntry(
    string Kind, Guid Id, string Action, DateTime OccurredAt, Guid UserId, string? Milestone, int? Value, int? Previous,
    Guid? WelderId, Guid? PreviousWelderId, DateOnly? DateWelded, DateOnly? PreviousDateWelded,
    string? NdeType, string? PreviousNdeType, string? NdeResult, string? PreviousNdeResult, string? Reason, string? Details, string? Snapshot);

/// <summary>A weld with its component's progress and its history, newest first.</summary>
public sealed record WeldDetail(
    WeldLogRow Weld, string Spec, string BaseMetal, string Notes, bool NdeRequired, DateOnly? NdeDate, string? NdeNotes, bool IsUnplanned,
    Guid? OriginalWeldId, string? OriginalWeldNumber, Guid? RepairWeldId, string? RepairWeldNumber, int RepairDepth, Guid Version,
    Dictionary<string, int> Milestones, IReadOnlyList<WeldHistoryEntry> History);

/// <summary>Read side of the welds feature: AsNoTracking projections scoped to a visible project.</summary>
public sealed class WeldQueries(AppDbContext db, MilestoneCommands milestones)
{
    /// <summary>PPL-041: the project exists in the caller's organization and is visible to the caller's role.</summary>
    public async Task<bool> ProjectVisibleAsync(ClaimsPrincipal user, Guid projectId, CancellationToken ct) =>
        await WeldProject.FindAsync(db, user, projectId, ct) is not null;

    /// <summary>WLD-050/056: a non-retired drawing of the project.</summary>
    public Task<bool> DrawingExistsAsync(Guid projectId, Guid drawingId, CancellationToken ct) =>
        db.Drawings.AnyAsync(d => d.Id == drawingId && d.ProjectId == projectId && d.RetiredAt == null, ct);

    /// <summary>WLD-081: drawings (non-retired), welders, packages, systems and areas of the project, sorted for the filters.</summary>
    public async Task<WeldLogOptions> OptionsAsync(Guid projectId, CancellationToken ct)
    {
        var drawings = await db.Drawings.AsNoTracking().Where(d => d.ProjectId == projectId && d.RetiredAt == null)
            .OrderBy(d => d.Number).Select(d => new WeldOption(d.Id, d.Number)).ToListAsync(ct);
        var welders = (await db.Welders.AsNoTracking().Where(w => w.ProjectId == projectId).OrderBy(w => w.Stencil)
            .Select(w => new { w.Id, w.Stencil, w.Name }).ToListAsync(ct)).ConvertAll(w => new WeldOption(w.Id, WelderRules.Display(w.Stencil, w.Name)));
        var packages = await db.TestPackages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Name).Select(p => new WeldOption(p.Id, p.Name)).ToListAsync(ct);
        var systems = await db.Systems.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Name).Select(p => new WeldOption(p.Id, p.Name)).ToListAsync(ct);
        var areas = await db.Areas.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Name).Select(p => new WeldOption(p.Id, p.Name)).ToListAsync(ct);
        return new WeldLogOptions(drawings, welders, packages, systems, areas);
    }

    /// <summary>WLD-011: stencil, name, status, welds welded and reject rate (FAIL ÷ (PASS + FAIL) × 100, 1 dp).</summary>
    public async Task<IReadOnlyList<WelderRow>?> WeldersAsync(ClaimsPrincipal user, Guid projectId, CancellationToken ct)
    {
        if (await WeldProject.FindAsync(db, user, projectId, ct) is null)
        {
            return null;
        }
        var welders = await db.Welders.AsNoTracking().Where(w => w.ProjectId == projectId).OrderBy(w => w.Stencil).ToListAsync(ct);
        var stats = await db.Welds.AsNoTracking()
            .Where(w => w.ProjectId == projectId && w.WelderId != null && w.DateWelded != null)
            .Join(db.Components.Where(c => c.RetiredAt == null), w => w.ComponentId, c => c.Id, (w, c) => w)
            .GroupBy(w => w.WelderId)
            .Select(g => new
            {
                WelderId = g.Key,
                Count = g.Count(),
                Pass = g.Count(w => w.NdeResult == NdeResult.Pass),
                Fail = g.Count(w => w.NdeResult == NdeResult.Fail),
            })
            .ToListAsync(ct);
        var weldedBy = (await WelderCommands.WeldedBy(db, projectId).ToListAsync(ct)).ToHashSet();
        return welders.ConvertAll(w =>
        {
            var s = stats.Find(x => x.WelderId == w.Id);
            decimal? rate = s is { } x && x.Pass + x.Fail > 0 ? Math.Round(x.Fail * 100m / (x.Pass + x.Fail), 1, MidpointRounding.AwayFromZero) : null;
            return new WelderRow(w.Id, w.Stencil, w.Name, w.StatusCode, w.VerifiedByUserId, w.VerifiedAt, s?.Count ?? 0, rate, w.Version, !weldedBy.Contains(w.Id));
        });
    }

    public async Task<WelderRow?> WelderAsync(ClaimsPrincipal user, Guid projectId, Guid welderId, CancellationToken ct) =>
        (await WeldersAsync(user, projectId, ct))?.FirstOrDefault(w => w.Id == welderId);

    /// <summary>WLD-080..083: filtered, searched page of the log in natural weld-number order.</summary>
    public Task<WeldLogPage?> LogAsync(ClaimsPrincipal user, Guid projectId, WeldLogFilter filter, CancellationToken ct) =>
        LogAsync(user, projectId, filter, WeldLogSort.Default, ct);

    /// <summary>WLD-080..083: filtered, searched, sorted page of the log.</summary>
    public async Task<WeldLogPage?> LogAsync(ClaimsPrincipal user, Guid projectId, WeldLogFilter filter, WeldLogSort sort, CancellationToken ct)
    {
        if (await WeldProject.FindAsync(db, user, projectId, ct) is null)
        {
            return null;
        }
        var rows = Filtered(projectId, filter);
        var pageSize = Math.Clamp(filter.PageSize, 1, WeldLogFilter.MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var total = await rows.CountAsync(ct);
        var items = await Sorted(rows, sort).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new WeldLogPage(items.ConvertAll(r => r.ToRow()), total, page, pageSize);
    }

    /// <summary>RPT-032: every row of the log (no paging, at most <see cref="ExportMaxRows"/>) with the log's filters, search and sort.</summary>
    public async Task<IReadOnlyList<WeldLogRow>?> ExportRowsAsync(ClaimsPrincipal user, Guid projectId, WeldLogFilter filter, WeldLogSort sort, CancellationToken ct)
    {
        if (await WeldProject.FindAsync(db, user, projectId, ct) is null)
        {
            return null;
        }
        var items = await Sorted(Filtered(projectId, filter), sort).Take(ExportMaxRows).ToListAsync(ct);
        return items.ConvertAll(r => r.ToRow());
    }

    public const int ExportMaxRows = 200_000;

    /// <summary>WLD-081/082: filters combine with AND; search is a case-insensitive substring.</summary>
    private IQueryable<LogProjection> Filtered(Guid projectId, WeldLogFilter filter)
    {
        var rows = Rows(projectId);
        if (!filter.ShowRetired)
        {
            rows = rows.Where(r => !r.IsRetired);
        }
        if (filter.DrawingId is { } drawingId)
        {
            rows = rows.Where(r => r.DrawingId == drawingId);
        }
        if (filter.UnassignedOnly)
        {
            rows = rows.Where(r => r.WelderId == null);
        }
        else if (filter.WelderId is { } welderId)
        {
            rows = rows.Where(r => r.WelderId == welderId);
        }
        if (filter.PackageId is { } packageId)
        {
            rows = rows.Where(r => r.PackageId == packageId);
        }
        if (filter.SystemId is { } systemId)
        {
            rows = rows.Where(r => r.SystemId == systemId);
        }
        if (filter.AreaId is { } areaId)
        {
            rows = rows.Where(r => r.AreaId == areaId);
        }
        if (filter.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }
        if (filter.NdeResult is { } result)
        {
            rows = rows.Where(r => r.NdeResult == result);
        }
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            // WLD-082: case-insensitive substring on number, drawing, stencil and welder name (upper-cased on both sides).
            var term = filter.Search.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.Number.ToUpper().Contains(term)
                || (r.Drawing != null && r.Drawing.ToUpper().Contains(term))
                || (r.Stencil != null && r.Stencil.Contains(term))
                || (r.WelderName != null && r.WelderName.ToUpper().Contains(term)));
        }
        return rows;
    }

    /// <summary>
    /// WLD-083: the chosen column, then natural weld number. Empty values (undated welds, no welder, no
    /// area...) sort last in both directions. Decimals sort as doubles (SQLite cannot order decimals).
    /// </summary>
    private static IOrderedQueryable<LogProjection> Sorted(IQueryable<LogProjection> rows, WeldLogSort sort)
    {
        var d = sort.Descending;
        var ordered = sort.Column switch
        {
            WeldLogColumn.Drawing => By(rows.OrderBy(r => r.Drawing == null), r => r.Drawing, d),
            WeldLogColumn.Welder => By(rows.OrderBy(r => r.Stencil == null), r => r.Stencil, d),
            WeldLogColumn.Date => By(rows.OrderBy(r => r.DateWelded == null), r => r.DateWelded, d),
            WeldLogColumn.Type => First(rows, r => r.WeldType, d),
            WeldLogColumn.Size => By(rows.OrderBy(r => r.Size == ""), r => r.Size, d),
            WeldLogColumn.Schedule => By(rows.OrderBy(r => r.Schedule == ""), r => r.Schedule, d),
            WeldLogColumn.Nde => By(By(rows.OrderBy(r => r.NdeResult == null), r => r.NdeResult, d), r => r.NdeType, d),
            WeldLogColumn.Status => First(rows, r => r.Status, d),
            WeldLogColumn.XRay => First(rows, r => (double)r.XRayPercent, d),
            WeldLogColumn.Area => By(rows.OrderBy(r => r.Area == null), r => r.Area, d),
            WeldLogColumn.System => By(rows.OrderBy(r => r.System == null), r => r.System, d),
            WeldLogColumn.Package => By(rows.OrderBy(r => r.Package == null), r => r.Package, d),
            WeldLogColumn.Progress => First(rows, r => (double)r.Percent, d),
            _ => First(rows, r => r.SortKey, d),
        };
        return ordered.ThenBy(r => r.SortKey).ThenBy(r => r.Id);
    }

    private static IOrderedQueryable<LogProjection> First<TKey>(
        IQueryable<LogProjection> rows, System.Linq.Expressions.Expression<Func<LogProjection, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static IOrderedQueryable<LogProjection> By<TKey>(
        IOrderedQueryable<LogProjection> rows, System.Linq.Expressions.Expression<Func<LogProjection, TKey>> key, bool descending) =>
        descending ? rows.ThenByDescending(key) : rows.ThenBy(key);

    /// <summary>One weld with milestones and its weld and milestone events merged, newest first (WLD-059).</summary>
    public async Task<WeldDetail?> DetailAsync(ClaimsPrincipal user, Guid projectId, Guid weldId, CancellationToken ct)
    {
        if (await WeldProject.FindAsync(db, user, projectId, ct) is null)
        {
            return null;
        }
        var row = await Rows(projectId).SingleOrDefaultAsync(r => r.Id == weldId, ct);
        if (row is null)
        {
            return null;
        }
        var weld = await db.Welds.AsNoTracking().SingleAsync(w => w.Id == weldId, ct);
        var component = await db.Components.AsNoTracking().SingleAsync(c => c.Id == weld.ComponentId, ct);
        var original = weld.OriginalWeldId is { } originalId
            ? await db.Welds.AsNoTracking().Where(w => w.Id == originalId).Select(w => w.Number).SingleOrDefaultAsync(ct)
            : null;
        var repair = await db.Welds.AsNoTracking().Where(w => w.OriginalWeldId == weldId).Select(w => new { w.Id, w.Number }).SingleOrDefaultAsync(ct);
        var state = await milestones.StateAsync(component, ct);
        var weldEvents = await db.WeldEvents.AsNoTracking().Where(e => e.WeldId == weldId).ToListAsync(ct);
        var milestoneEvents = await db.MilestoneEvents.AsNoTracking().Where(e => e.ComponentId == weld.ComponentId).ToListAsync(ct);
        var history = weldEvents
            .Select(e => new WeldHistoryEntry(
                "weld", e.Id, e.Action, e.OccurredAt, e.UserId, null, null, null, e.WelderId, e.PreviousWelderId, e.DateWelded, e.PreviousDateWelded,
                e.NdeType?.Code(), e.PreviousNdeType?.Code(), e.NdeResult?.Code(), e.PreviousNdeResult?.Code(), e.Reason, e.Details, e.Snapshot))
            .Concat(milestoneEvents.Select(e => new WeldHistoryEntry(
                "milestone", e.Id, e.Action.Code(), e.RecordedAt, e.UserId, e.Milestone, e.Value, e.Previous, null, null, null, null,
                null, null, null, null, e.RollbackReason, e.RollbackDetails, null)))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .ToList();
        return new WeldDetail(
            row.ToRow(), weld.Spec, weld.BaseMetal, weld.Notes, weld.NdeRequired, weld.NdeDate, weld.NdeNotes, weld.IsUnplanned,
            weld.OriginalWeldId, original, repair?.Id, repair?.Number, weld.RepairDepth, weld.Version,
            new Dictionary<string, int>(state.Milestones, StringComparer.Ordinal), history);
    }

    /// <summary>The log's flat projection: weld + component + names, effective package = own, else the drawing's (TRK-053).</summary>
    private IQueryable<LogProjection> Rows(Guid projectId) =>
        from w in db.Welds.AsNoTracking()
        join c in db.Components on w.ComponentId equals c.Id
        join d in db.Drawings on c.DrawingId equals d.Id into ds
        from d in ds.DefaultIfEmpty()
        join wd in db.Welders on w.WelderId equals wd.Id into wds
        from wd in wds.DefaultIfEmpty()
        join a in db.Areas on c.AreaId equals a.Id into areas
        from a in areas.DefaultIfEmpty()
        join s in db.Systems on c.SystemId equals s.Id into systems
        from s in systems.DefaultIfEmpty()
        let packageId = c.PackageId ?? d.PackageId
        join p in db.TestPackages on packageId equals p.Id into packages
        from p in packages.DefaultIfEmpty()
        where w.ProjectId == projectId
        select new LogProjection
        {
            Id = w.Id,
            ComponentId = c.Id,
            Number = w.Number,
            SortKey = w.SortKey,
            DrawingId = c.DrawingId,
            Drawing = d.Number,
            WelderId = w.WelderId,
            Stencil = wd.Stencil,
            WelderName = wd.Name,
            DateWelded = w.DateWelded,
            WeldType = w.WeldType,
            Size = w.Size,
            Schedule = w.Schedule,
            NdeType = w.NdeType,
            NdeResult = w.NdeResult,
            NdeDate = w.NdeDate,
            Status = w.Status,
            XRayPercent = w.XRayPercent,
            AreaId = c.AreaId,
            Area = a.Name,
            SystemId = c.SystemId,
            System = s.Name,
            PackageId = packageId,
            Package = p.Name,
            Percent = c.Percent,
            IsRepair = w.OriginalWeldId != null,
            IsRetired = c.RetiredAt != null,
        };

    private sealed class LogProjection
    {
        public Guid Id { get; init; }
        public Guid ComponentId { get; init; }
        public string Number { get; init; } = "";
        public string SortKey { get; init; } = "";
        public Guid? DrawingId { get; init; }
        public string? Drawing { get; init; }
        public Guid? WelderId { get; init; }
        public string? Stencil { get; init; }
        public string? WelderName { get; init; }
        public DateOnly? DateWelded { get; init; }
        public WeldType WeldType { get; init; }
        public string Size { get; init; } = "";
        public string Schedule { get; init; } = "";
        public NdeType? NdeType { get; init; }
        public NdeResult? NdeResult { get; init; }
        public DateOnly? NdeDate { get; init; }
        public WeldStatus Status { get; init; }
        public decimal XRayPercent { get; init; }
        public Guid? AreaId { get; init; }
        public string? Area { get; init; }
        public Guid? SystemId { get; init; }
        public string? System { get; init; }
        public Guid? PackageId { get; init; }
        public string? Package { get; init; }
        public decimal Percent { get; init; }
        public bool IsRepair { get; init; }
        public bool IsRetired { get; init; }

        public WeldLogRow ToRow() => new(
            Id, ComponentId, Number, DrawingId, Drawing, WelderId,
            Stencil is null || WelderName is null ? null : WelderRules.Display(Stencil, WelderName), DateWelded,
            WeldType.Code(), Size, Schedule, NdeType?.Code(), NdeResult?.Code(), Status.Code(), XRayPercent,
            AreaId, Area, SystemId, System, PackageId, Package, Percent, IsRepair, IsRetired, NdeDate);
    }
}
