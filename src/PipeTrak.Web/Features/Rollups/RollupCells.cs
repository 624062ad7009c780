using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>One cell's figures, or its key where cells and components disagree.</summary>
public sealed record RollupCellDrift(
    Guid ProjectId, Guid DrawingId, Guid AreaId, Guid SystemId, Guid PackageId, string Stored, string Recomputed);

/// <summary>
/// Checks the trigger-kept <see cref="RollupCell"/> rows against a recomputation from the live component
/// rows (the slow read the cells exist to avoid). Used by the tests after every kind of write and by the
/// <c>verify-rollups</c> command an operator runs after a deployment.
/// </summary>
public static class RollupCells
{
    private sealed record Figures(int Total, int Completed, long Hundredths, int Testable, int TestableComplete, long Budgeted, long Earned)
    {
        public override string ToString() =>
            $"total {Total}, completed {Completed}, percent×100 {Hundredths}, testable {Testable}/{TestableComplete}, budgeted×10⁴ {Budgeted}, earned×10⁸ {Earned}";
    }

    private readonly record struct Key(Guid ProjectId, Guid DrawingId, Guid AreaId, Guid SystemId, Guid PackageId);

    /// <summary>Every cell of the project (or of every project the tenant filter lets through) that differs from a recomputation.</summary>
    public static async Task<IReadOnlyList<RollupCellDrift>> DriftAsync(AppDbContext db, Guid? projectId, CancellationToken ct)
    {
        var stored = await db.RollupCells.AsNoTracking()
            .Where(c => projectId == null || c.ProjectId == projectId)
            .ToDictionaryAsync(
                c => new Key(c.ProjectId, c.DrawingId, c.AreaId, c.SystemId, c.PackageId),
                c => new Figures(c.Total, c.Completed, c.PercentHundredths, c.Testable, c.TestableComplete, c.BudgetedTenThousandths, c.EarnedHundredMillionths),
                ct);
        var rows = await (
            from c in db.Components.AsNoTracking()
            where (projectId == null || c.ProjectId == projectId) && c.RetiredAt == null
            group c by new { c.ProjectId, c.DrawingId, c.AreaId, c.SystemId, c.PackageId } into g
            select new
            {
                g.Key,
                Total = g.Count(),
                Completed = g.Count(c => c.Percent >= 100m),
                Percent = g.Sum(c => c.Percent),
                Testable = g.Count(c => !c.PostHydro),
                TestableComplete = g.Count(c => !c.PostHydro && c.Percent >= 100m),
                Budgeted = g.Sum(c => c.BudgetedManhours),
                Earned = g.Sum(c => c.BudgetedManhours * c.Percent),
            }).ToListAsync(ct);
        var recomputed = rows.ToDictionary(
            r => new Key(r.Key.ProjectId, r.Key.DrawingId ?? Guid.Empty, r.Key.AreaId ?? Guid.Empty, r.Key.SystemId ?? Guid.Empty, r.Key.PackageId ?? Guid.Empty),
            r => new Figures(r.Total, r.Completed, Units(r.Percent, 100m), r.Testable, r.TestableComplete, Units(r.Budgeted, 10_000m), Units(r.Earned, 1_000_000m)));

        var drift = new List<RollupCellDrift>();
        foreach (var key in stored.Keys.Union(recomputed.Keys))
        {
            var s = stored.GetValueOrDefault(key);
            var r = recomputed.GetValueOrDefault(key);
            if (s != r)
            {
                drift.Add(new RollupCellDrift(key.ProjectId, key.DrawingId, key.AreaId, key.SystemId, key.PackageId,
                    s?.ToString() ?? "missing", r?.ToString() ?? "no live components"));
            }
        }
        return drift;
    }

    /// <summary>An exact decimal sum in whole units of 1/<paramref name="scale"/> (the stored scales make it integral).</summary>
    internal static long Units(decimal sum, decimal scale) => (long)decimal.Round(sum * scale, 0, MidpointRounding.AwayFromZero);
}
