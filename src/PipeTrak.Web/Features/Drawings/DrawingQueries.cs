using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>An area/system/package filter: any, "Not Assigned" (<c>none</c>), or one value.</summary>
public readonly record struct RefFilter(bool Unassigned, Guid? Id)
{
    public static readonly RefFilter Any = new(false, null);

    public bool IsAny => !Unassigned && Id is null;

    public static RefFilter Parse(string? raw) =>
        string.Equals(raw?.Trim(), FieldChoice.NoneCode, StringComparison.OrdinalIgnoreCase) ? new RefFilter(true, null)
        : Guid.TryParse(raw, out var id) ? new RefFilter(false, id)
        : Any;

    public string? Code => Unassigned ? FieldChoice.NoneCode : Id?.ToString();
}

public enum DrawingSort
{
    Number = 0,
    NumberDescending = 1,
    Title = 2,
    TitleDescending = 3,
}

/// <summary>The drawing list's search, filters, sort and page (all carried in the URL).</summary>
public sealed record DrawingListQuery(
    string? Search = null,
    RefFilter Area = default,
    RefFilter System = default,
    RefFilter Package = default,
    ProgressStatus? Status = null,
    bool ShowRetired = false,
    DrawingSort Sort = DrawingSort.Number,
    int Page = 1,
    int PageSize = DrawingListQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static DrawingSort ParseSort(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "-number" => DrawingSort.NumberDescending,
        "title" => DrawingSort.Title,
        "-title" => DrawingSort.TitleDescending,
        _ => DrawingSort.Number,
    };

    public static string SortCode(DrawingSort sort) => sort switch
    {
        DrawingSort.NumberDescending => "-number",
        DrawingSort.Title => "title",
        DrawingSort.TitleDescending => "-title",
        _ => "number",
    };

    public DrawingListQuery Normalized() => this with
    {
        Page = Math.Max(1, Page),
        PageSize = PageSize is < 1 ? DefaultPageSize : Math.Min(PageSize, MaxPageSize),
    };
}

/// <summary>One drawing with its names and TRK-050 roll-up.</summary>
public sealed record DrawingRow(
    Guid Id, string Number, string NormalizedNumber, string Title, string Revision, string Sheet,
    Guid? AreaId, string? AreaName, Guid? SystemId, string? SystemName, Guid? PackageId, string? PackageName,
    DateTime? RetiredAt, string? RetiredReason, Guid Version, RollupFigures Rollup)
{
    public bool IsRetired => RetiredAt is not null;
}

public sealed record DrawingPage(IReadOnlyList<DrawingRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>TRK-052: mean category completion over the drawing's live components having that category.</summary>
public sealed record CategoryCompletion(MilestoneCategory Category, decimal Average, int Components);

/// <summary>
/// Drawing reads. Paging is server-side in natural number order (<see cref="Drawing.NumberSortKey"/>,
/// indexed with the project); roll-ups are read only for the page's drawings (TRK-003, TRK-050).
/// </summary>
public sealed class DrawingQueries(AppDbContext db)
{
    private sealed record RowData(
        Guid Id, string Number, string NormalizedNumber, string Title, string Revision, string Sheet,
        Guid? AreaId, string? AreaName, Guid? SystemId, string? SystemName, Guid? PackageId, string? PackageName,
        DateTime? RetiredAt, string? RetiredReason, Guid Version);

    public async Task<DrawingPage> ListAsync(Guid projectId, DrawingListQuery query, CancellationToken ct)
    {
        query = query.Normalized();
        var drawings = Filter(projectId, query);
        var total = await drawings.CountAsync(ct);
        var lastPage = total == 0 ? 1 : (total + query.PageSize - 1) / query.PageSize;
        var page = Math.Min(query.Page, lastPage);
        // Two steps: the ordered page of ids walks the (project, sort key) index and computes nothing
        // for skipped rows; the names are then read for those ids only.
        var ids = await Order(drawings, query.Sort)
            .Skip((page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(d => d.Id)
            .ToListAsync(ct);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var data = (await Project(db.Drawings.AsNoTracking().Where(d => d.ProjectId == projectId && ids.Contains(d.Id))).ToListAsync(ct))
            .OrderBy(d => position[d.Id])
            .ToList();
        var rollups = await DrawingRollups.ForDrawingsAsync(db, projectId, [.. data.Select(d => d.Id)], ct);
        return new DrawingPage([.. data.Select(d => ToRow(d, rollups))], total, page, query.PageSize);
    }

    public async Task<DrawingRow?> FindAsync(Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var data = await Project(db.Drawings.AsNoTracking().Where(d => d.ProjectId == projectId && d.Id == drawingId)).SingleOrDefaultAsync(ct);
        if (data is null)
        {
            return null;
        }
        var rollups = await DrawingRollups.ForDrawingsAsync(db, projectId, [data.Id], ct);
        return ToRow(data, rollups);
    }

    /// <summary>TRK-052 per category, over the drawing's live components (retired ones are left out, TRK-060).</summary>
    public async Task<IReadOnlyList<CategoryCompletion>> CategoriesAsync(Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var components = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.DrawingId == drawingId && c.RetiredAt == null)
            .Select(c => new { c.Id, c.Type })
            .ToListAsync(ct);
        if (components.Count == 0)
        {
            return [];
        }
        var values = (await db.MilestoneValues.AsNoTracking()
                .Where(v => v.ProjectId == projectId && db.Components.Any(c => c.Id == v.ComponentId && c.DrawingId == drawingId && c.RetiredAt == null))
                .Select(v => new { v.ComponentId, v.Milestone, v.Value })
                .ToListAsync(ct))
            .GroupBy(v => v.ComponentId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, MilestoneValue>)g.ToDictionary(v => v.Milestone, v => v.Value, StringComparer.Ordinal));
        var types = components.Select(c => c.Type).Distinct().ToList();
        var projectRows = await db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == projectId && types.Contains(r.ComponentType))
            .OrderBy(r => r.Order)
            .ToListAsync(ct);
        var templates = types.ToDictionary(t => t, t => EffectiveTemplate.For(t, [.. projectRows.Where(r => r.ComponentType == t).Select(r => r.ToRow())]).Rows);
        var empty = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal);
        var result = new List<CategoryCompletion>();
        foreach (var category in MilestoneCategories.All)
        {
            decimal sum = 0;
            var count = 0;
            foreach (var c in components)
            {
                if (ProgressRules.CategoryCompletion(templates[c.Type], values.GetValueOrDefault(c.Id) ?? empty, category) is { } completion)
                {
                    sum += completion;
                    count++;
                }
            }
            if (count > 0)
            {
                result.Add(new CategoryCompletion(category, sum / count, count));
            }
        }
        return result;
    }

    private IQueryable<Drawing> Filter(Guid projectId, DrawingListQuery query)
    {
        var drawings = db.Drawings.AsNoTracking().Where(d => d.ProjectId == projectId);
        // TRK-060: lists show retired drawings only with "Show retired".
        if (!query.ShowRetired)
        {
            drawings = drawings.Where(d => d.RetiredAt == null);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // TRK-014: the number is searched in its normalized form; the title ignoring case.
            var number = DrawingNumber.Normalize(query.Search);
            var title = query.Search.Trim().ToUpperInvariant();
            drawings = drawings.Where(d => d.NormalizedNumber.Contains(number) || d.Title.ToUpper().Contains(title));
        }
        drawings = query.Area switch
        {
            { Unassigned: true } => drawings.Where(d => d.AreaId == null),
            { Id: { } id } => drawings.Where(d => d.AreaId == id),
            _ => drawings,
        };
        drawings = query.System switch
        {
            { Unassigned: true } => drawings.Where(d => d.SystemId == null),
            { Id: { } id } => drawings.Where(d => d.SystemId == id),
            _ => drawings,
        };
        drawings = query.Package switch
        {
            { Unassigned: true } => drawings.Where(d => d.PackageId == null),
            { Id: { } id } => drawings.Where(d => d.PackageId == id),
            _ => drawings,
        };
        return query.Status is { } status ? WithStatus(drawings, status) : drawings;
    }

    /// <summary>
    /// TRK-050 thresholds as set conditions over the drawing's roll-up cells (ADR 007; a cell has a
    /// component above 0 when its percent sum is above 0, and one below 100 when fewer than all are
    /// complete): Not started = no component above 0 (also no components); Complete = some component
    /// and none below 100; In progress = some above 0 and some below 100. Equal to <see cref="RollupFigures.Status"/>.
    /// </summary>
    private IQueryable<Drawing> WithStatus(IQueryable<Drawing> drawings, ProgressStatus status)
    {
        var cells = db.RollupCells;
        return status switch
        {
            ProgressStatus.NotStarted => drawings.Where(d => !cells.Any(c => c.ProjectId == d.ProjectId && c.DrawingId == d.Id && c.PercentHundredths > 0)),
            ProgressStatus.Complete => drawings.Where(d =>
                cells.Any(c => c.ProjectId == d.ProjectId && c.DrawingId == d.Id)
                && !cells.Any(c => c.ProjectId == d.ProjectId && c.DrawingId == d.Id && c.Completed < c.Total)),
            _ => drawings.Where(d =>
                cells.Any(c => c.ProjectId == d.ProjectId && c.DrawingId == d.Id && c.PercentHundredths > 0)
                && cells.Any(c => c.ProjectId == d.ProjectId && c.DrawingId == d.Id && c.Completed < c.Total)),
        };
    }

    private static IQueryable<Drawing> Order(IQueryable<Drawing> drawings, DrawingSort sort) => sort switch
    {
        DrawingSort.NumberDescending => drawings.OrderByDescending(d => d.NumberSortKey).ThenByDescending(d => d.NormalizedNumber).ThenByDescending(d => d.Sheet).ThenByDescending(d => d.Id),
        DrawingSort.Title => drawings.OrderBy(d => d.Title).ThenBy(d => d.NumberSortKey).ThenBy(d => d.Id),
        DrawingSort.TitleDescending => drawings.OrderByDescending(d => d.Title).ThenBy(d => d.NumberSortKey).ThenBy(d => d.Id),
        _ => drawings.OrderBy(d => d.NumberSortKey).ThenBy(d => d.NormalizedNumber).ThenBy(d => d.Sheet).ThenBy(d => d.Id),
    };

    private IQueryable<RowData> Project(IQueryable<Drawing> drawings) => drawings.Select(d => new RowData(
        d.Id, d.Number, d.NormalizedNumber, d.Title, d.Revision, d.Sheet,
        d.AreaId, db.Areas.Where(a => a.Id == d.AreaId).Select(a => a.Name).FirstOrDefault(),
        d.SystemId, db.Systems.Where(s => s.Id == d.SystemId).Select(s => s.Name).FirstOrDefault(),
        d.PackageId, db.TestPackages.Where(p => p.Id == d.PackageId).Select(p => p.Name).FirstOrDefault(),
        d.RetiredAt, d.RetiredReason, d.Version));

    private static DrawingRow ToRow(RowData d, IReadOnlyDictionary<Guid, RollupFigures> rollups) => new(
        d.Id, d.Number, d.NormalizedNumber, d.Title, d.Revision, d.Sheet, d.AreaId, d.AreaName, d.SystemId, d.SystemName,
        d.PackageId, d.PackageName, d.RetiredAt, d.RetiredReason, d.Version, rollups.GetValueOrDefault(d.Id) ?? RollupFigures.Empty);
}
