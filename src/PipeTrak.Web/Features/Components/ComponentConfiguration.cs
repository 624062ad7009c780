using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Components;

public sealed class ComponentConfiguration : IEntityTypeConfiguration<Component>
{
    public void Configure(EntityTypeBuilder<Component> b)
    {
        // The roll-up cells (Features/Rollups/RollupCell) are kept by AFTER triggers on this table: SQLite's
        // RETURNING cannot be used on a table with AFTER triggers, and the triggers are declared to EF.
        b.ToTable("components", tb =>
        {
            tb.UseSqlReturningClause(false);
            tb.HasTrigger("components_rollup_cells_insert");
            tb.HasTrigger("components_rollup_cells_update");
            tb.HasTrigger("components_rollup_cells_delete");
        });
        b.Property(x => x.Type).HasConversion(new ComponentTypeCodeConverter()).HasMaxLength(32);
        b.Property(x => x.IdentityKey).HasMaxLength(Component.IdentityKeyMaxLength);
        b.Property(x => x.Attributes).HasMaxLength(Component.AttributesMaxLength);
        b.Property(x => x.Percent).HasPrecision(5, 2);
        b.Property(x => x.BudgetedManhours).HasPrecision(12, 4);
        b.Property(x => x.ManhourWeight).HasPrecision(12, 4);
        b.Property(x => x.RetiredReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsRetired);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Drawing>().WithMany().HasForeignKey(x => x.DrawingId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<PlantSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<TestPackage>().WithMany().HasForeignKey(x => x.PackageId).OnDelete(DeleteBehavior.SetNull);
        // TRK-011: unique among non-retired components only; a retired one never blocks a new one.
        b.HasIndex(x => new { x.ProjectId, x.Type, x.IdentityKey }).IsUnique().HasFilter(DrawingConfiguration.NotRetiredFilter);
        // Roll-ups (TRK-050..054) group by these.
        b.HasIndex(x => new { x.ProjectId, x.DrawingId });
        b.HasIndex(x => new { x.ProjectId, x.AreaId });
        b.HasIndex(x => new { x.ProjectId, x.SystemId });
        b.HasIndex(x => new { x.ProjectId, x.PackageId });
        // No index on Percent: every milestone update changes it, and an indexed column makes each of those
        // updates rewrite all of the table's indexes instead of a heap-only (HOT) update (issue 3). The
        // progress filters and sort compare Percent as a double (SQLite stores decimals as text), which
        // such an index could not serve anyway.
        b.HasIndex(x => x.OrganizationId);
    }
}

/// <summary>TRK-010: the type is stored as its stable snake_case code.</summary>
public sealed class ComponentTypeCodeConverter() : ValueConverter<ComponentType, string>(
    v => v.Code(),
    v => Parse(v))
{
    private static ComponentType Parse(string code) =>
        ComponentTypes.TryParseCode(code, out var type) ? type : throw new InvalidOperationException($"Unknown component type '{code}'.");
}
