using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>TRK-050 figures of one group of live components (a drawing, an area, a package...).</summary>
public sealed record RollupFigures(int Total, int Completed, long Hundredths)
{
    public static readonly RollupFigures Empty = new(0, 0, 0);

    /// <summary>Unweighted mean percent, exact (from the sum of hundredths).</summary>
    public decimal Average => RollupMath.Mean(Hundredths, Total);

    public ProgressStatus Status => RollupMath.Status(Hundredths, Total);

    /// <summary>TRK-050/TRK-055: <c>{completed}/{total} • {average}%</c>, the average as a whole number.</summary>
    public string Display => string.Create(CultureInfo.InvariantCulture, $"{Completed}/{Total} • {ProgressRules.Display(Average)}%");
}

/// <summary>
/// TRK-050 per-drawing roll-ups, read at request time from the roll-up cells kept in the same transaction
/// as every component write (ADR 007; the same cells as the project roll-ups, so a drawing and the
/// dashboard cannot disagree). Retired components are not in the cells (TRK-060). Sums are whole
/// hundredths: exact on both providers. Tenant query filters apply.
/// </summary>
public static class DrawingRollups
{
    public static async Task<IReadOnlyDictionary<Guid, RollupFigures>> ForDrawingsAsync(
        AppDbContext db, Guid projectId, IReadOnlyCollection<Guid> drawingIds, CancellationToken ct)
    {
        if (drawingIds.Count == 0)
        {
            return new Dictionary<Guid, RollupFigures>();
        }
        var ids = drawingIds.ToList();
        return await db.RollupCells.AsNoTracking()
            .Where(c => c.ProjectId == projectId && ids.Contains(c.DrawingId))
            .GroupBy(c => c.DrawingId)
            .Select(g => new
            {
                DrawingId = g.Key,
                Total = g.Sum(c => c.Total),
                Completed = g.Sum(c => c.Completed),
                Hundredths = g.Sum(c => c.PercentHundredths),
            })
            .ToDictionaryAsync(r => r.DrawingId, r => new RollupFigures(r.Total, r.Completed, r.Hundredths), ct);
    }

    /// <summary>One drawing's figures; <see cref="RollupFigures.Empty"/> when it has no live components.</summary>
    public static async Task<RollupFigures> ForDrawingAsync(AppDbContext db, Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var all = await ForDrawingsAsync(db, projectId, [drawingId], ct);
        return all.TryGetValue(drawingId, out var figures) ? figures : RollupFigures.Empty;
    }
}
