using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>Which groupings a roll-up read includes (TRK-053).</summary>
[Flags]
public enum RollupGroupings
{
    None = 0,
    Area = 1,
    System = 2,
    Package = 4,
    All = Area | System | Package,
}

/// <summary>
/// TRK-096 manhours of a set of live components: Σ budgeted, Σ earned (budgeted × percent ÷ 100, derived,
/// never stored) and remaining = budgeted − earned. Kept as exact integer sums: budgeted in
/// ten-thousandths (4 dp) and earned in units of 10⁻⁸ MH (4 dp × 2 dp ÷ 100).
/// </summary>
public sealed record ManhourFigures(long BudgetedTenThousandths, long EarnedHundredMillionths)
{
    public static readonly ManhourFigures Empty = new(0, 0);

    public decimal Budgeted => BudgetedTenThousandths / 10_000m;

    /// <summary>Earned MH at 4 dp (half away from zero).</summary>
    public decimal Earned => Math.Round(EarnedHundredMillionths / 100_000_000m, 4, MidpointRounding.AwayFromZero);

    public decimal Remaining => Budgeted - Earned;

    /// <summary>TRK-096/097: Σ earned ÷ Σ budgeted × 100 at 2 dp; null ("-") when nothing is budgeted.</summary>
    public decimal? EarnedPercent => BudgetedTenThousandths == 0
        ? null
        : Math.Round(EarnedHundredMillionths / (decimal)BudgetedTenThousandths / 100m, 2, MidpointRounding.AwayFromZero);

    public ManhourFigures Plus(ManhourFigures other) =>
        new(BudgetedTenThousandths + other.BudgetedTenThousandths, EarnedHundredMillionths + other.EarnedHundredMillionths);
}

/// <summary>One roll-up group: an area, a system or an effective package, or "Not Assigned" (<see cref="Id"/> null).</summary>
/// <summary><see cref="Categories"/>: TRK-052/053 category % (null = "-"), present only when requested.</summary>
public sealed record RollupGroup(Guid? Id, string Name, RollupFigures Figures, ManhourFigures Manhours,
    IReadOnlyDictionary<MilestoneCategory, decimal?>? Categories = null);

/// <summary>PKG-030/032 readiness of one package as the dashboard counts it.</summary>
public sealed record PackageRollup(Guid Id, string Name, PackageReadiness Readiness, ManhourFigures Manhours);

/// <summary>
/// TRK-053/054 project roll-ups. <see cref="Overall"/> covers every non-retired component;
/// <see cref="OverallPercent"/> is its mean at 1 dp. Group lists hold every defined area, system or
/// package (natural name order) and a trailing "Not Assigned" group when some components lack one.
/// </summary>
public sealed record ProjectRollup(
    RollupFigures Overall,
    ManhourFigures Manhours,
    int Drawings,
    int Packages,
    int PackagesReady,
    IReadOnlyList<RollupGroup>? ByArea,
    IReadOnlyList<RollupGroup>? BySystem,
    IReadOnlyList<RollupGroup>? ByPackage,
    IReadOnlyList<PackageRollup> PackageReadiness)
{
    public const string NotAssigned = "Not Assigned";

    public int Components => Overall.Total;

    /// <summary>TRK-054: mean percent of non-retired components at 1 dp.</summary>
    public decimal OverallPercent => RollupMath.Overall(Overall.Hundredths, Overall.Total);
}

/// <summary>
/// TRK-049/053/054, PKG-030/032: project roll-ups read at request time. All the component figures come
/// from ONE grouped query over the roll-up cells kept in the same transaction as every component write
/// (ADR 007; GROUP BY area, system, effective package in SQL) whose handful of result rows are then
/// folded into the overall figures and the three groupings. Retired components are left out (TRK-060); the effective package
/// is the component's own, else its drawing's (TRK-072). Tenant query filters apply.
/// </summary>
public static class ProjectRollups
{
    private sealed record Cell(
        Guid? AreaId, Guid? SystemId, Guid? PackageId, int Total, int Completed, long Hundredths,
        int Testable, int TestableComplete, long Budgeted, long Earned);

    public static async Task<ProjectRollup> ForProjectAsync(
        AppDbContext db, Guid projectId, RollupGroupings groupings, CancellationToken ct, bool withCategories = false)
    {
        var cells = await CellsAsync(db, projectId, ct);
        var categories = withCategories ? await CategoriesAsync(db, projectId, ct) : null;
        var drawings = await db.Drawings.AsNoTracking().CountAsync(d => d.ProjectId == projectId && d.RetiredAt == null, ct);
        var packages = await db.TestPackages.AsNoTracking().Where(p => p.ProjectId == projectId)
            .Select(p => new Named(p.Id, p.Name)).ToListAsync(ct);

        var overall = RollupFigures.Empty;
        var manhours = ManhourFigures.Empty;
        foreach (var cell in cells)
        {
            overall = Plus(overall, cell);
            manhours = manhours.Plus(new ManhourFigures(cell.Budgeted, cell.Earned));
        }

        var readiness = Readiness(cells, packages, await PackageQueries.BlockersAsync(db, projectId, ct));
        return new ProjectRollup(
            overall,
            manhours,
            drawings,
            packages.Count,
            readiness.Count(p => p.Readiness.Status == PackageStatus.Ready),
            groupings.HasFlag(RollupGroupings.Area) ? Group(cells, c => c.AreaId, categories?.ByArea, await NamesAsync(db.Areas.AsNoTracking().Where(a => a.ProjectId == projectId).Select(a => new Named(a.Id, a.Name)), ct)) : null,
            groupings.HasFlag(RollupGroupings.System) ? Group(cells, c => c.SystemId, categories?.BySystem, await NamesAsync(db.Systems.AsNoTracking().Where(s => s.ProjectId == projectId).Select(s => new Named(s.Id, s.Name)), ct)) : null,
            groupings.HasFlag(RollupGroupings.Package) ? Group(cells, c => c.PackageId, categories?.ByPackage, packages) : null,
            readiness);
    }

    /// <summary>
    /// PKG-030..032 readiness and manhours of the project's packages (or of one, <paramref name="packageId"/>),
    /// from the same aggregate as the dashboard: the packages page, a package's page and the dashboard's
    /// "Packages ready" can never disagree. Packages without members get <see cref="PackageReadiness.Empty"/>.
    /// </summary>
    public static async Task<IReadOnlyList<PackageRollup>> PackagesAsync(AppDbContext db, Guid projectId, Guid? packageId, CancellationToken ct)
    {
        var cells = await CellsAsync(db, projectId, ct, packageId);
        var packages = await db.TestPackages.AsNoTracking().Where(p => p.ProjectId == projectId && (packageId == null || p.Id == packageId))
            .Select(p => new Named(p.Id, p.Name)).ToListAsync(ct);
        return Readiness(cells, packages, await PackageQueries.BlockersAsync(db, projectId, ct));
    }

    private sealed record Named(Guid Id, string Name);

    private static async Task<List<Named>> NamesAsync(IQueryable<Named> query, CancellationToken ct) => await query.ToListAsync(ct);

    /// <summary>
    /// The one aggregate read: the project's roll-up cells (<see cref="RollupCell"/>: live components summed
    /// per own drawing, area, system and package, kept by database triggers in the same statement as every
    /// component write, so never stale) joined to their drawings for the effective package (TRK-072: own,
    /// else the drawing's) and grouped by area, system and effective package. It reads a few rows per
    /// drawing, not the component table, so it does not grow with the number of components per drawing.
    /// With <paramref name="packageId"/> only the cells whose effective package is that one.
    /// </summary>
    private static async Task<List<Cell>> CellsAsync(AppDbContext db, Guid projectId, CancellationToken ct, Guid? packageId = null)
    {
        var rows = await (
            from c in db.RollupCells.AsNoTracking()
            where c.ProjectId == projectId
            join d in db.Drawings.AsNoTracking() on c.DrawingId equals d.Id into drawings
            from d in drawings.DefaultIfEmpty()
            let package = c.PackageId != Guid.Empty ? (Guid?)c.PackageId : (d == null ? null : d.PackageId)
            where packageId == null || package == packageId
            group c by new { c.AreaId, c.SystemId, PackageId = package } into g
            select new
            {
                g.Key.AreaId,
                g.Key.SystemId,
                g.Key.PackageId,
                Total = g.Sum(c => c.Total),
                Completed = g.Sum(c => c.Completed),
                Hundredths = g.Sum(c => c.PercentHundredths),
                Testable = g.Sum(c => c.Testable),
                TestableComplete = g.Sum(c => c.TestableComplete),
                Budgeted = g.Sum(c => c.BudgetedTenThousandths),
                Earned = g.Sum(c => c.EarnedHundredMillionths),
            }).ToListAsync(ct);
        return rows.ConvertAll(r => new Cell(
            NoneToNull(r.AreaId), NoneToNull(r.SystemId), r.PackageId, r.Total, r.Completed, r.Hundredths, r.Testable, r.TestableComplete,
            r.Budgeted, r.Earned));
    }

    private static Guid? NoneToNull(Guid id) => id == Guid.Empty ? null : id;

    private static RollupFigures Plus(RollupFigures figures, Cell cell) =>
        new(figures.Total + cell.Total, figures.Completed + cell.Completed, figures.Hundredths + cell.Hundredths);

    private static List<RollupGroup> Group(
        List<Cell> cells, Func<Cell, Guid?> key, Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>>? categories, List<Named> defined)
    {
        var sums = new Dictionary<Guid, (RollupFigures Figures, ManhourFigures Manhours)>();
        var unassigned = (Figures: RollupFigures.Empty, Manhours: ManhourFigures.Empty);
        foreach (var cell in cells)
        {
            var mh = new ManhourFigures(cell.Budgeted, cell.Earned);
            if (key(cell) is { } id)
            {
                var current = sums.TryGetValue(id, out var s) ? s : (RollupFigures.Empty, ManhourFigures.Empty);
                sums[id] = (Plus(current.Item1, cell), current.Item2.Plus(mh));
            }
            else
            {
                unassigned = (Plus(unassigned.Figures, cell), unassigned.Manhours.Plus(mh));
            }
        }
        var groups = defined
            .OrderBy(n => n.Name, NaturalSort.Comparer)
            .Select(n => sums.TryGetValue(n.Id, out var s)
                ? new RollupGroup(n.Id, n.Name, s.Figures, s.Manhours, CategoriesOf(categories, n.Id))
                : new RollupGroup(n.Id, n.Name, RollupFigures.Empty, ManhourFigures.Empty, CategoriesOf(categories, n.Id)))
            .ToList();
        if (unassigned.Figures.Total > 0)
        {
            groups.Add(new RollupGroup(null, ProjectRollup.NotAssigned, unassigned.Figures, unassigned.Manhours, CategoriesOf(categories, Guid.Empty)));
        }
        return groups;
    }

    private static IReadOnlyDictionary<MilestoneCategory, decimal?>? CategoriesOf(
        Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>>? categories, Guid id) =>
        categories is null ? null
        : categories.TryGetValue(id, out var found) ? found
        : MilestoneCategories.All.ToDictionary(c => c, _ => (decimal?)null);

    private sealed record Categories(
        Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>> ByArea,
        Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>> BySystem,
        Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>> ByPackage);

    private sealed record TypeCell(Guid? AreaId, Guid? SystemId, Guid? PackageId, ComponentType Type, int Count);

    private sealed record ValueCell(Guid? AreaId, Guid? SystemId, Guid? PackageId, ComponentType Type, string Milestone, MilestoneValue Value, int Count);

    /// <summary>
    /// TRK-052/053: two grouped queries (components per group and type; non-zero milestone values per
    /// group, type, milestone and value), folded by <see cref="CategoryRollup"/> with the project's
    /// rules of credit (TRK-023 fallback to the defaults). Reads every milestone value of the project, so
    /// it runs only when asked for.
    /// </summary>
    private static async Task<Categories> CategoriesAsync(AppDbContext db, Guid projectId, CancellationToken ct)
    {
        var types = await (
            from c in db.Components.AsNoTracking()
            where c.ProjectId == projectId && c.RetiredAt == null
            join d in db.Drawings.AsNoTracking() on c.DrawingId equals (Guid?)d.Id into drawings
            from d in drawings.DefaultIfEmpty()
            group c by new { c.AreaId, c.SystemId, PackageId = c.PackageId ?? (d == null ? null : d.PackageId), c.Type } into g
            select new TypeCell(g.Key.AreaId, g.Key.SystemId, g.Key.PackageId, g.Key.Type, g.Count()))
            .ToListAsync(ct);
        var values = await (
            from v in db.MilestoneValues.AsNoTracking()
            where v.ProjectId == projectId && v.Value != MilestoneValue.Zero
            join c in db.Components.AsNoTracking() on v.ComponentId equals c.Id
            where c.RetiredAt == null
            join d in db.Drawings.AsNoTracking() on c.DrawingId equals (Guid?)d.Id into drawings
            from d in drawings.DefaultIfEmpty()
            group v by new { c.AreaId, c.SystemId, PackageId = c.PackageId ?? (d == null ? null : d.PackageId), c.Type, v.Milestone, v.Value } into g
            select new ValueCell(g.Key.AreaId, g.Key.SystemId, g.Key.PackageId, g.Key.Type, g.Key.Milestone, g.Key.Value, g.Count()))
            .ToListAsync(ct);
        var rows = (await db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync(ct))
            .GroupBy(r => r.ComponentType)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TemplateRow>)[.. g.OrderBy(r => r.Order).Select(r => r.ToRow())]);
        IReadOnlyList<TemplateRow> Template(ComponentType type) => EffectiveTemplate.For(type, rows.GetValueOrDefault(type)).Rows;

        Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>> By(Func<Guid?, Guid?, Guid?, Guid?> key) =>
            CategoryRollup.Compute(
                Template,
                types.Select(t => new CategoryTypeCount(key(t.AreaId, t.SystemId, t.PackageId) ?? Guid.Empty, t.Type, t.Count)),
                values.Select(v => new CategoryValueCount(key(v.AreaId, v.SystemId, v.PackageId) ?? Guid.Empty, v.Type, v.Milestone, v.Value, v.Count)));
        return new Categories(By((a, _, _) => a), By((_, s, _) => s), By((_, _, p) => p));
    }

    /// <summary>PKG-030/032 per defined package; blockers (PKG-031) are the pending review items on its members.</summary>
    private static List<PackageRollup> Readiness(List<Cell> cells, List<Named> packages, Dictionary<Guid, int> blockers)
    {
        var sums = new Dictionary<Guid, (PackageReadiness Readiness, ManhourFigures Manhours)>();
        foreach (var cell in cells)
        {
            if (cell.PackageId is not { } id)
            {
                continue;
            }
            var current = sums.TryGetValue(id, out var s) ? s : (PackageReadiness.Empty, ManhourFigures.Empty);
            var r = current.Item1;
            sums[id] = (r with
            {
                Total = r.Total + cell.Total,
                Completed = r.Completed + cell.Completed,
                Hundredths = r.Hundredths + cell.Hundredths,
                Testable = r.Testable + cell.Testable,
                TestableComplete = r.TestableComplete + cell.TestableComplete,
            }, current.Item2.Plus(new ManhourFigures(cell.Budgeted, cell.Earned)));
        }
        return [.. packages
            .OrderBy(p => p.Name, NaturalSort.Comparer)
            .Select(p => sums.TryGetValue(p.Id, out var s)
                ? new PackageRollup(p.Id, p.Name, s.Readiness with { Blockers = blockers.GetValueOrDefault(p.Id) }, s.Manhours)
                : new PackageRollup(p.Id, p.Name, PackageReadiness.Empty, ManhourFigures.Empty))];
    }
}
