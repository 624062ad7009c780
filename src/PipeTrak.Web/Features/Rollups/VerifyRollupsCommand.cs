using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>The <c>verify-rollups [--repair]</c> command-line verb (an operator's check after a deployment or a restore).</summary>
public static class VerifyRollupsCommand
{
    /// <summary>
    /// ADR 007: compares every project's roll-up cells with a recomputation from its component rows and
    /// prints each difference; exit code 1 when any is found. With <c>--repair</c> the drifting projects'
    /// cells are rebuilt (one transaction per project) and checked again.
    /// </summary>
    public static async Task<int> RunAsync(IServiceProvider services, bool repair, TextWriter output, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var tenant = services.GetRequiredService<TenantContext>();
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var drifting = 0;
        foreach (var organization in organizations)
        {
            tenant.Use(organization.Id);
            var drift = await RollupCells.DriftAsync(db, null, ct);
            foreach (var projectId in drift.Select(d => d.ProjectId).Distinct())
            {
                drifting++;
                var cells = drift.Where(d => d.ProjectId == projectId).ToList();
                await output.WriteLineAsync($"{organization.Name}: project {projectId}: {cells.Count} roll-up cell(s) differ from the components");
                foreach (var cell in cells.Take(20))
                {
                    await output.WriteLineAsync($"  drawing {cell.DrawingId} area {cell.AreaId} system {cell.SystemId} package {cell.PackageId}: stored {cell.Stored}; components give {cell.Recomputed}");
                }
                if (repair)
                {
                    var written = await RollupCells.RepairAsync(db, projectId, ct);
                    var left = await RollupCells.DriftAsync(db, projectId, ct);
                    await output.WriteLineAsync(left.Count == 0 ? $"  repaired: {written} cell(s) rebuilt from the components" : $"  still {left.Count} difference(s) after repair");
                    drifting -= left.Count == 0 ? 1 : 0;
                }
            }
        }
        tenant.Use(null);
        await output.WriteLineAsync(drifting == 0
            ? $"Roll-ups verified: every project of {organizations.Count} organization(s) matches its components."
            : $"{drifting} project(s) have roll-ups that differ from their components. Run: verify-rollups --repair");
        return drifting == 0 ? 0 : 1;
    }

}
