using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>
/// TRK-049 / §7 "aggregates kept in the same transaction": the live (non-retired) components of a
/// project summed per their own (drawing, area, system, package); <see cref="Guid.Empty"/> stands for
/// "none" so the key is unique on both providers. Written ONLY by the database triggers on
/// <c>components</c> (migration <c>RollupCells</c>), inside the statement that changes a component, so
/// no write path (EF, bulk COPY, ExecuteUpdate, FK set-null, raw SQL) can leave it behind and it is never
/// stale; the application never writes it (the one exception is the operator's <c>verify-rollups --repair</c>,
/// <see cref="RollupCells.RepairAsync"/>). Sums are exact integers: percent in hundredths,
/// budgeted manhours in ten-thousandths, earned as budgeted ten-thousandths × percent hundredths (10⁻⁸ MH).
/// <see cref="RollupCells.DriftAsync"/> compares it with a recomputation from the component rows.
/// </summary>
public sealed class RollupCell : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid DrawingId { get; set; }
    public Guid AreaId { get; set; }
    public Guid SystemId { get; set; }
    public Guid PackageId { get; set; }
    public int Total { get; set; }
    /// <summary>Components at 100 %.</summary>
    public int Completed { get; set; }
    public long PercentHundredths { get; set; }
    /// <summary>PKG-030: components that are not post-hydro.</summary>
    public int Testable { get; set; }
    public int TestableComplete { get; set; }
    public long BudgetedTenThousandths { get; set; }
    public long EarnedHundredMillionths { get; set; }
}

public sealed class RollupCellConfiguration : IEntityTypeConfiguration<RollupCell>
{
    public const string Table = "component_rollup_cells";

    public void Configure(EntityTypeBuilder<RollupCell> b)
    {
        b.ToTable(Table);
        b.HasKey(x => new { x.ProjectId, x.DrawingId, x.AreaId, x.SystemId, x.PackageId });
        // Deliberately no foreign keys: the rows are derived and their lifecycle belongs to the triggers
        // (a deleted component subtracts itself; a cell that reaches zero components is removed).
        b.HasIndex(x => x.OrganizationId);
    }
}
