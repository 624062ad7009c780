using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Drawings;

public sealed class DrawingConfiguration : IEntityTypeConfiguration<Drawing>
{
    /// <summary>Column names are PascalCase and double quotes are identifiers on both PostgreSQL and SQLite.</summary>
    public const string NotRetiredFilter = "\"RetiredAt\" IS NULL";

    public void Configure(EntityTypeBuilder<Drawing> b)
    {
        b.ToTable("drawings");
        b.Property(x => x.Number).HasMaxLength(Drawing.NumberMaxLength);
        b.Property(x => x.NormalizedNumber).HasMaxLength(Drawing.NumberMaxLength);
        b.Property(x => x.NumberSortKey).HasMaxLength(NaturalSort.KeyMaxLength);
        b.Ignore(x => x.IsRetired);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Revision).HasMaxLength(32);
        b.Property(x => x.Sheet).HasMaxLength(32);
        b.Property(x => x.RetiredReason).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Area>().WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<PlantSystem>().WithMany().HasForeignKey(x => x.SystemId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<TestPackage>().WithMany().HasForeignKey(x => x.PackageId).OnDelete(DeleteBehavior.SetNull);
        // TRK-014: unique among non-retired drawings only.
        b.HasIndex(x => new { x.ProjectId, x.NormalizedNumber, x.Sheet }).IsUnique().HasFilter(NotRetiredFilter);
        // Drawing list: natural order with server-side paging (TRK-003: 10,000 drawings).
        b.HasIndex(x => new { x.ProjectId, x.NumberSortKey });
        b.HasIndex(x => x.OrganizationId);
    }
}
