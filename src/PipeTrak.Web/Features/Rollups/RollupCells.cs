using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>One cell's figures, or its key where cells and components disagree.</summary>
public sealed record RollupCellDrift(
    Guid ProjectId, Guid DrawingId, Guid AreaId, Guid SystemId, Guid PackageId, string Stored, string Recomputed);

/// <summary>
/// Checks (and, for an operator, rebuilds) the trigger-kept <see cref="RollupCell"/> rows against a recomputation from the live component
/// rows (the slow read the cells exist to avoid). Used by the tests after every kind of write and by the
/// <c>verify-rollups [--repair]</c> command an operator runs after a deployment or a restore.
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
        var recomputed = (await RecomputeAsync(db, projectId, ct)).ToDictionary(
            c => new Key(c.ProjectId, c.DrawingId, c.AreaId, c.SystemId, c.PackageId),
            c => new Figures(c.Total, c.Completed, c.PercentHundredths, c.Testable, c.TestableComplete, c.BudgetedTenThousandths, c.EarnedHundredMillionths));

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

    /// <summary>
    /// Rebuilds the project's cells from its component rows in one transaction, with component writes held
    /// off meanwhile (PostgreSQL: SHARE lock on components; SQLite: its single writer). Only for an operator
    /// after <see cref="DriftAsync"/> found a difference (e.g. rows restored with triggers disabled); returns
    /// the number of cells written.
    /// </summary>
    public static async Task<int> RepairAsync(AppDbContext db, Guid projectId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"LOCK TABLE components IN SHARE MODE", ct);
        }
        await db.RollupCells.Where(c => c.ProjectId == projectId).ExecuteDeleteAsync(ct);
        var cells = await RecomputeAsync(db, projectId, ct);
        db.RollupCells.AddRange(cells);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return cells.Count;
    }

    /// <summary>The cells as the live component rows give them (a full read of the project's components).</summary>
    private static async Task<List<RollupCell>> RecomputeAsync(AppDbContext db, Guid? projectId, CancellationToken ct)
    {
        var rows = await (
            from c in db.Components.AsNoTracking()
            where (projectId == null || c.ProjectId == projectId) && c.RetiredAt == null
            group c by new { c.OrganizationId, c.ProjectId, c.DrawingId, c.AreaId, c.SystemId, c.PackageId } into g
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
        return rows.ConvertAll(r => new RollupCell
        {
            OrganizationId = r.Key.OrganizationId,
            ProjectId = r.Key.ProjectId,
            DrawingId = r.Key.DrawingId ?? Guid.Empty,
            AreaId = r.Key.AreaId ?? Guid.Empty,
            SystemId = r.Key.SystemId ?? Guid.Empty,
            PackageId = r.Key.PackageId ?? Guid.Empty,
            Total = r.Total,
            Completed = r.Completed,
            PercentHundredths = Units(r.Percent, 100m),
            Testable = r.Testable,
            TestableComplete = r.TestableComplete,
            BudgetedTenThousandths = Units(r.Budgeted, 10_000m),
            EarnedHundredMillionths = Units(r.Earned, 1_000_000m),
        });
    }

    /// <summary>An exact decimal sum in whole units of 1/<paramref name="scale"/> (the stored scales make it integral).</summary>
    private static long Units(decimal sum, decimal scale) => (long)decimal.Round(sum * scale, 0, MidpointRounding.AwayFromZero);
}
