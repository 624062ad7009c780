using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Components;

/// <summary>One milestone control: the template row and the stored value (absent = 0). Hint is TRK-086's LF hint.</summary>
public sealed record MilestoneCell(string Name, int Value, bool Discrete, int Weight, bool RequiresWelder, string? Hint);

/// <summary>A component as the list and the drawing rows show it.</summary>
public sealed record ComponentRow(
    Guid Id, ComponentType Type, string Display, string IdentityKey, Guid? DrawingId, string? DrawingNumber,
    string? AreaName, string? SystemName, string? PackageName, bool PackageInherited, decimal Percent, bool Retired,
    IReadOnlyList<MilestoneCell> Milestones);

/// <summary>A drawing shown beside the rows with its TRK-050 figures (for the drawing-progress-{id} spans).</summary>
public sealed record DrawingProgress(Guid Id, string Number, RollupFigures Figures);

public sealed record ComponentPage(ComponentFilter Filter, int Total, IReadOnlyList<ComponentRow> Rows, IReadOnlyList<DrawingProgress> Drawings)
{
    public int PageCount => Math.Max(1, (Total + Filter.PageSize - 1) / Filter.PageSize);
}

public sealed record NamedItem(Guid Id, string Name);

/// <summary>A TRK-077 picker: names alphabetically, "(None)" and "Create new…".</summary>
public sealed record MetadataFieldView(MetadataKind Kind, IReadOnlyList<NamedItem> Items, Guid? Selected, string? Error = null, string? NewName = null);

/// <summary>TRK-076 badge of one metadata field.</summary>
public enum MetadataBadge
{
    None = 1,
    Inherited,
    Assigned,
}

public sealed record MetadataValue(Guid? OwnId, string? Name, MetadataBadge Badge, string? Tooltip);

public sealed record HistoryItem(DateTime RecordedAt, DateTime OccurredAt, string Milestone, string Action, int Value, int? Previous, string? Reason, string? Details, string User);

public sealed record ComponentDetail(
    ComponentRow Row, Guid ProjectId, Guid Version, DateTime CreatedAt, DateTime? RetiredAt, string? RetiredReason,
    MetadataValue Area, MetadataValue System, MetadataValue Package, IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<HistoryItem> History);

/// <summary>
/// Read side of the component screens and API: AsNoTracking projections, one query per concern and
/// page (never the whole project, TRK-003). Tenant query filters apply to every query.
/// </summary>
public sealed class ComponentQueries(AppDbContext db)
{
    public const int HistoryLimit = 200;

    public async Task<ComponentPage> ListAsync(Guid projectId, ComponentFilter filter, CancellationToken ct)
    {
        var query = Filtered(projectId, filter);
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + filter.PageSize - 1) / filter.PageSize);
        if (filter.Page > pageCount)
        {
            filter = filter with { Page = pageCount };
        }
        var page = await Sorted(query, filter)
            .Skip((filter.Page - 1) * filter.PageSize)
            .Take(filter.PageSize)
            .Select(c => new Raw(c.Id, c.Type, c.IdentityKey, c.DrawingId, c.AreaId, c.SystemId, c.PackageId, c.Attributes, c.Percent, c.RetiredAt != null))
            .ToListAsync(ct);
        var rows = await RowsAsync(projectId, page, ct);
        var drawingIds = rows.Where(r => r.DrawingId is not null).Select(r => r.DrawingId!.Value).Distinct().ToList();
        var figures = await DrawingRollups.ForDrawingsAsync(db, projectId, drawingIds, ct);
        var drawings = rows.Where(r => r.DrawingId is not null)
            .DistinctBy(r => r.DrawingId)
            .Select(r => new DrawingProgress(r.DrawingId!.Value, r.DrawingNumber ?? "", figures.GetValueOrDefault(r.DrawingId!.Value, RollupFigures.Empty)))
            .OrderBy(d => d.Number, StringComparer.Ordinal)
            .ToList();
        return new ComponentPage(filter, total, rows, drawings);
    }

    /// <summary>One component as a row (for the htmx row swap); null when unknown in this project.</summary>
    public async Task<ComponentRow?> RowAsync(Guid projectId, Guid componentId, CancellationToken ct)
    {
        var raw = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Id == componentId)
            .Select(c => new Raw(c.Id, c.Type, c.IdentityKey, c.DrawingId, c.AreaId, c.SystemId, c.PackageId, c.Attributes, c.Percent, c.RetiredAt != null))
            .SingleOrDefaultAsync(ct);
        return raw is null ? null : (await RowsAsync(projectId, [raw], ct))[0];
    }

    public async Task<ComponentDetail?> DetailAsync(Guid projectId, Guid componentId, CancellationToken ct)
    {
        var c = await db.Components.AsNoTracking().SingleOrDefaultAsync(x => x.ProjectId == projectId && x.Id == componentId, ct);
        if (c is null)
        {
            return null;
        }
        var row = (await RowsAsync(projectId, [new Raw(c.Id, c.Type, c.IdentityKey, c.DrawingId, c.AreaId, c.SystemId, c.PackageId, c.Attributes, c.Percent, c.IsRetired)], ct))[0];
        var drawing = c.DrawingId is { } did
            ? await db.Drawings.AsNoTracking().Where(d => d.Id == did).Select(d => new { d.Number, d.AreaId, d.SystemId, d.PackageId }).SingleOrDefaultAsync(ct)
            : null;
        var names = await NamesAsync(projectId, [c.AreaId, drawing?.AreaId], [c.SystemId, drawing?.SystemId], [c.PackageId, drawing?.PackageId], ct);
        var events = await db.MilestoneEvents.AsNoTracking()
            .Where(e => e.ComponentId == c.Id)
            .OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .Take(HistoryLimit)
            .Select(e => new { e.RecordedAt, e.OccurredAt, e.Milestone, e.Action, e.Value, e.Previous, e.RollbackReason, e.RollbackDetails, e.UserId })
            .ToListAsync(ct);
        var userIds = events.Select(e => e.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var history = events.Select(e => new HistoryItem(e.RecordedAt, e.OccurredAt, e.Milestone, e.Action.Code(), e.Value, e.Previous, e.RollbackReason, e.RollbackDetails,
            users.GetValueOrDefault(e.UserId) ?? "Former member")).ToList();
        var number = drawing?.Number;
        return new ComponentDetail(row, projectId, c.Version, c.CreatedAt, c.RetiredAt, c.RetiredReason,
            Badge(c.AreaId, drawing?.AreaId, names.Areas, number, inheritWhenEmpty: false),
            Badge(c.SystemId, drawing?.SystemId, names.Systems, number, inheritWhenEmpty: false),
            Badge(c.PackageId, drawing?.PackageId, names.Packages, number, inheritWhenEmpty: true),
            ComponentAttributes.Parse(c.Attributes).All, history);
    }

    /// <summary>Picker options (TRK-077): names alphabetically.</summary>
    public async Task<(IReadOnlyList<NamedItem> Areas, IReadOnlyList<NamedItem> Systems, IReadOnlyList<NamedItem> Packages)> PickersAsync(Guid projectId, CancellationToken ct)
    {
        var areas = await db.Areas.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Name).Select(a => new NamedItem(a.Id, a.Name)).ToListAsync(ct);
        var systems = await db.Systems.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Name).Select(a => new NamedItem(a.Id, a.Name)).ToListAsync(ct);
        var packages = await db.TestPackages.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Name).Select(a => new NamedItem(a.Id, a.Name)).ToListAsync(ct);
        return (areas, systems, packages);
    }

    public Task<Guid?> VersionAsync(Guid projectId, Guid componentId, CancellationToken ct) =>
        db.Components.AsNoTracking().Where(c => c.ProjectId == projectId && c.Id == componentId).Select(c => (Guid?)c.Version).SingleOrDefaultAsync(ct);

    public Task<bool> DrawingExistsAsync(Guid projectId, Guid drawingId, CancellationToken ct) =>
        db.Drawings.AsNoTracking().AnyAsync(d => d.ProjectId == projectId && d.Id == drawingId, ct);

    public Task<List<NamedItem>> DrawingOptionsAsync(Guid projectId, CancellationToken ct) =>
        db.Drawings.AsNoTracking().Where(d => d.ProjectId == projectId && d.RetiredAt == null)
            .OrderBy(d => d.NormalizedNumber).Take(1000).Select(d => new NamedItem(d.Id, d.Number)).ToListAsync(ct);

    /// <summary>TRK-023: the project's effective template of every type (65 rows at most, loaded once).</summary>
    public async Task<Dictionary<ComponentType, IReadOnlyList<TemplateRow>>> TemplatesAsync(Guid projectId, CancellationToken ct)
    {
        var rows = await db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == projectId).OrderBy(r => r.Order).ToListAsync(ct);
        var byType = rows.GroupBy(r => r.ComponentType).ToDictionary(g => g.Key, g => g.Select(r => r.ToRow()).ToList());
        return ComponentTypes.All.ToDictionary(t => t, t => EffectiveTemplate.For(t, byType.GetValueOrDefault(t)).Rows);
    }

    /// <summary>TRK-076: none; inherited (own equals the drawing's, or a package inherited from the drawing); assigned.</summary>
    public static MetadataValue Badge(Guid? own, Guid? fromDrawing, IReadOnlyDictionary<Guid, string> names, string? drawingNumber, bool inheritWhenEmpty)
    {
        if (own is null)
        {
            return inheritWhenEmpty && fromDrawing is { } inherited
                ? new MetadataValue(null, names.GetValueOrDefault(inherited), MetadataBadge.Inherited, $"From drawing {drawingNumber}")
                : new MetadataValue(null, null, MetadataBadge.None, null);
        }
        return own == fromDrawing
            ? new MetadataValue(own, names.GetValueOrDefault(own.Value), MetadataBadge.Inherited, $"From drawing {drawingNumber}")
            : new MetadataValue(own, names.GetValueOrDefault(own.Value), MetadataBadge.Assigned, "Manually assigned");
    }

    private IQueryable<Component> Filtered(Guid projectId, ComponentFilter f)
    {
        var q = db.Components.AsNoTracking().Where(c => c.ProjectId == projectId);
        if (!f.ShowRetired)
        {
            q = q.Where(c => c.RetiredAt == null); // TRK-060
        }
        if (f.Type is { } type)
        {
            q = q.Where(c => c.Type == type);
        }
        if (f.AreaId is { } area)
        {
            q = q.Where(c => c.AreaId == area);
        }
        if (f.SystemId is { } system)
        {
            q = q.Where(c => c.SystemId == system);
        }
        if (f.DrawingId is { } drawing)
        {
            q = q.Where(c => c.DrawingId == drawing);
        }
        if (f.PackageId is { } package)
        {
            // TRK-072: the effective package is the own one, else the drawing's.
            q = q.Where(c => c.PackageId == package || (c.PackageId == null && db.Drawings.Any(d => d.Id == c.DrawingId && d.PackageId == package)));
        }
        // TRK-050 thresholds (percent is TEXT on SQLite, so compare as double).
        q = f.Progress switch
        {
            ProgressStatus.NotStarted => q.Where(c => (double)c.Percent <= 0.0),
            ProgressStatus.InProgress => q.Where(c => (double)c.Percent > 0.0 && (double)c.Percent < 100.0),
            ProgressStatus.Complete => q.Where(c => (double)c.Percent >= 100.0),
            _ => q,
        };
        if (f.Search is { Length: > 0 } search)
        {
            // Identity keys and normalized drawing numbers are upper-case (TRK-010/014).
            var term = DrawingNumber.Normalize(search);
            q = q.Where(c => c.IdentityKey.Contains(term) || db.Drawings.Any(d => d.Id == c.DrawingId && d.NormalizedNumber.Contains(term)));
        }
        return q;
    }

    private IQueryable<Component> Sorted(IQueryable<Component> q, ComponentFilter f) => (f.Sort, f.Descending) switch
    {
        (ComponentSort.Type, false) => q.OrderBy(c => c.Type).ThenBy(c => c.IdentityKey).ThenBy(c => c.Id),
        (ComponentSort.Type, true) => q.OrderByDescending(c => c.Type).ThenBy(c => c.IdentityKey).ThenBy(c => c.Id),
        (ComponentSort.Drawing, false) => q.OrderBy(c => db.Drawings.Where(d => d.Id == c.DrawingId).Select(d => d.NormalizedNumber).FirstOrDefault()).ThenBy(c => c.IdentityKey).ThenBy(c => c.Id),
        (ComponentSort.Drawing, true) => q.OrderByDescending(c => db.Drawings.Where(d => d.Id == c.DrawingId).Select(d => d.NormalizedNumber).FirstOrDefault()).ThenBy(c => c.IdentityKey).ThenBy(c => c.Id),
        (ComponentSort.Percent, false) => q.OrderBy(c => (double)c.Percent).ThenBy(c => c.IdentityKey).ThenBy(c => c.Id),
        (ComponentSort.Percent, true) => q.OrderByDescending(c => (double)c.Percent).ThenBy(c => c.IdentityKey).ThenBy(c => c.Id),
        (_, false) => q.OrderBy(c => c.IdentityKey).ThenBy(c => c.Id),
        _ => q.OrderByDescending(c => c.IdentityKey).ThenBy(c => c.Id),
    };

    private sealed record Raw(Guid Id, ComponentType Type, string IdentityKey, Guid? DrawingId, Guid? AreaId, Guid? SystemId, Guid? PackageId, string Attributes, decimal Percent, bool Retired);

    private sealed record Names(Dictionary<Guid, string> Areas, Dictionary<Guid, string> Systems, Dictionary<Guid, string> Packages);

    private async Task<Names> NamesAsync(Guid projectId, IEnumerable<Guid?> areaIds, IEnumerable<Guid?> systemIds, IEnumerable<Guid?> packageIds, CancellationToken ct)
    {
        var a = areaIds.OfType<Guid>().Distinct().ToList();
        var s = systemIds.OfType<Guid>().Distinct().ToList();
        var p = packageIds.OfType<Guid>().Distinct().ToList();
        return new Names(
            a.Count == 0 ? [] : await db.Areas.AsNoTracking().Where(x => x.ProjectId == projectId && a.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            s.Count == 0 ? [] : await db.Systems.AsNoTracking().Where(x => x.ProjectId == projectId && s.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct),
            p.Count == 0 ? [] : await db.TestPackages.AsNoTracking().Where(x => x.ProjectId == projectId && p.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct));
    }

    private async Task<List<ComponentRow>> RowsAsync(Guid projectId, List<Raw> page, CancellationToken ct)
    {
        if (page.Count == 0)
        {
            return [];
        }
        var ids = page.Select(r => r.Id).ToList();
        var drawingIds = page.Where(r => r.DrawingId is not null).Select(r => r.DrawingId!.Value).Distinct().ToList();
        var drawings = drawingIds.Count == 0
            ? []
            : await db.Drawings.AsNoTracking().Where(d => drawingIds.Contains(d.Id))
                .Select(d => new { d.Id, d.Number, d.PackageId }).ToDictionaryAsync(d => d.Id, ct);
        var names = await NamesAsync(projectId, page.Select(r => r.AreaId), page.Select(r => r.SystemId),
            page.Select(r => r.PackageId).Concat(drawings.Values.Select(d => d.PackageId)), ct);
        var values = (await db.MilestoneValues.AsNoTracking().Where(v => ids.Contains(v.ComponentId)).ToListAsync(ct))
            .ToLookup(v => v.ComponentId);
        var templates = await TemplatesAsync(projectId, ct);
        var siblings = await SiblingMaxSeqAsync(projectId, page, ct);

        var rows = new List<ComponentRow>(page.Count);
        foreach (var r in page)
        {
            var attributes = ComponentAttributes.Parse(r.Attributes);
            var stored = values[r.Id].ToDictionary(v => v.Milestone, v => v.Value.Value, StringComparer.Ordinal);
            var cells = templates[r.Type].Select(t =>
            {
                var value = stored.GetValueOrDefault(t.Name);
                // TRK-086: the LF hint under an aggregate's partial milestones.
                var hint = r.Type.IsAggregate() && !t.IsDiscrete ? ComponentRules.LinearFeetHint(value, attributes.TotalLinearFeet, attributes.OriginalQty) : null;
                return new MilestoneCell(t.Name, value, t.IsDiscrete, t.Weight, t.RequiresWelder, hint);
            }).ToList();
            var prefix = ComponentDisplay.CountedParts(r.IdentityKey)?.Prefix;
            int? n = prefix is not null && siblings.TryGetValue(prefix, out var max) ? max : null;
            var drawing = r.DrawingId is { } d && drawings.TryGetValue(d, out var dv) ? dv : null;
            var packageId = r.PackageId ?? drawing?.PackageId;
            rows.Add(new ComponentRow(r.Id, r.Type, ComponentDisplay.For(r.Type, r.IdentityKey, attributes, n), r.IdentityKey, r.DrawingId, drawing?.Number,
                r.AreaId is { } a ? names.Areas.GetValueOrDefault(a) : null,
                r.SystemId is { } s ? names.Systems.GetValueOrDefault(s) : null,
                packageId is { } p ? names.Packages.GetValueOrDefault(p) : null,
                r.PackageId is null && packageId is not null,
                r.Percent, r.Retired, cells));
        }
        return rows;
    }

    /// <summary>TRK-013: n = highest seq among non-retired siblings (same drawing, code, size), per key prefix.</summary>
    private async Task<Dictionary<string, int>> SiblingMaxSeqAsync(Guid projectId, List<Raw> page, CancellationToken ct)
    {
        var counted = page.Where(r => r.Type.IsCounted() && r.DrawingId is not null).ToList();
        if (counted.Count == 0)
        {
            return [];
        }
        var drawingIds = counted.Select(r => r.DrawingId!.Value).Distinct().ToList();
        var types = counted.Select(r => r.Type).Distinct().ToList();
        var keys = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.RetiredAt == null && c.DrawingId != null && drawingIds.Contains(c.DrawingId.Value) && types.Contains(c.Type))
            .Select(c => c.IdentityKey)
            .ToListAsync(ct);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (ComponentDisplay.CountedParts(key) is { } p)
            {
                result[p.Prefix] = Math.Max(result.GetValueOrDefault(p.Prefix), p.Seq);
            }
        }
        return result;
    }
}
