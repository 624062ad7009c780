using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Welds;

public sealed class WeldConfiguration : IEntityTypeConfiguration<Weld>
{
    public void Configure(EntityTypeBuilder<Weld> b)
    {
        b.ToTable("welds");
        b.Property(x => x.Number).HasMaxLength(Weld.NumberMaxLength);
        b.Property(x => x.SortKey).HasMaxLength(WeldSort.KeyMaxLength);
        b.Property(x => x.WeldType).HasConversion(WeldCodeConverters.WeldType).HasMaxLength(8);
        b.Property(x => x.Size).HasMaxLength(Weld.TextMaxLength);
        b.Property(x => x.Schedule).HasMaxLength(Weld.TextMaxLength);
        b.Property(x => x.Spec).HasMaxLength(Weld.TextMaxLength);
        b.Property(x => x.BaseMetal).HasMaxLength(Weld.TextMaxLength);
        b.Property(x => x.Notes).HasMaxLength(Weld.NotesMaxLength);
        b.Property(x => x.XRayPercent).HasPrecision(5, 2);
        b.Property(x => x.NdeType).HasConversion(WeldCodeConverters.NdeType).HasMaxLength(8);
        b.Property(x => x.NdeResult).HasConversion(WeldCodeConverters.NdeResult).HasMaxLength(8);
        b.Property(x => x.NdeNotes).HasMaxLength(WeldRules.NdeNotesMax);
        b.Property(x => x.Status).HasConversion(WeldCodeConverters.Status).HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsRepair);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // WLD-001: exactly one weld record per component; deleting the component deletes it (WLD-058).
        b.HasOne<Component>().WithOne().HasForeignKey<Weld>(x => x.ComponentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ComponentId).IsUnique();
        b.HasOne<Welder>().WithMany().HasForeignKey(x => x.WelderId).OnDelete(DeleteBehavior.Restrict);
        // WLD-040: a weld is repaired at most once.
        b.HasOne<Weld>().WithMany().HasForeignKey(x => x.OriginalWeldId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OriginalWeldId).IsUnique();
        // WLD-080..083: the log filters and sorts on these.
        b.HasIndex(x => new { x.ProjectId, x.SortKey });
        b.HasIndex(x => new { x.ProjectId, x.WelderId });
        b.HasIndex(x => new { x.ProjectId, x.Status });
        b.HasIndex(x => x.OrganizationId);
    }
}

public sealed class WelderConfiguration : IEntityTypeConfiguration<Welder>
{
    public void Configure(EntityTypeBuilder<Welder> b)
    {
        b.ToTable("welders");
        b.Property(x => x.Stencil).HasMaxLength(WelderRules.StencilMaxLength);
        b.Property(x => x.Name).HasMaxLength(WelderRules.NameMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.StatusCode);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // WLD-010: unique per project.
        b.HasIndex(x => new { x.ProjectId, x.Stencil }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}

public sealed class WeldEventConfiguration : IEntityTypeConfiguration<WeldEvent>
{
    public void Configure(EntityTypeBuilder<WeldEvent> b)
    {
        b.ToTable("weld_events");
        b.Property(x => x.Action).HasMaxLength(32);
        b.Property(x => x.NdeType).HasConversion(WeldCodeConverters.NdeType).HasMaxLength(8);
        b.Property(x => x.PreviousNdeType).HasConversion(WeldCodeConverters.NdeType).HasMaxLength(8);
        b.Property(x => x.NdeResult).HasConversion(WeldCodeConverters.NdeResult).HasMaxLength(8);
        b.Property(x => x.PreviousNdeResult).HasConversion(WeldCodeConverters.NdeResult).HasMaxLength(8);
        b.Property(x => x.Reason).HasMaxLength(64);
        b.Property(x => x.Details).HasMaxLength(WeldEvent.DetailsMaxLength);
        b.Property(x => x.Snapshot).HasMaxLength(WeldEvent.SnapshotMaxLength);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Weld>().WithMany().HasForeignKey(x => x.WeldId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.WeldId, x.OccurredAt });
        b.HasIndex(x => x.OrganizationId);
    }
}

public sealed class ReviewItemConfiguration : IEntityTypeConfiguration<ReviewItem>
{
    public void Configure(EntityTypeBuilder<ReviewItem> b)
    {
        b.ToTable("review_items");
        b.Property(x => x.Type).HasMaxLength(32);
        b.Property(x => x.Status).HasMaxLength(16);
        b.Property(x => x.Payload).HasMaxLength(ReviewItem.PayloadMaxLength);
        b.Property(x => x.Note).HasMaxLength(ReviewItem.NoteMaxLength);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Component>().WithMany().HasForeignKey(x => x.ComponentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.Status, x.Type });
        b.HasIndex(x => new { x.ComponentId, x.Status });
        b.HasIndex(x => x.OrganizationId);
    }
}

/// <summary>WLD-002: codes are stored as their upper-case (status: lower-case) spec text.</summary>
public static class WeldCodeConverters
{
    public static readonly ValueConverter<WeldType, string> WeldType = new(v => v.Code(), v => ToWeldType(v));
    public static readonly ValueConverter<NdeType, string> NdeType = new(v => v.Code(), v => ToNdeType(v));
    public static readonly ValueConverter<NdeResult, string> NdeResult = new(v => v.Code(), v => ToNdeResult(v));
    public static readonly ValueConverter<WeldStatus, string> Status = new(v => v.Code(), v => ToStatus(v));

    private static WeldType ToWeldType(string code) => WeldCodes.TryParseWeldType(code, out var v) ? v : throw Unknown(code);

    private static NdeType ToNdeType(string code) => WeldCodes.TryParseNdeType(code, out var v) ? v : throw Unknown(code);

    private static NdeResult ToNdeResult(string code) => WeldCodes.TryParseNdeResult(code, out var v) ? v : throw Unknown(code);

    private static WeldStatus ToStatus(string code) => WeldCodes.TryParseStatus(code, out var v) ? v : throw Unknown(code);

    private static InvalidOperationException Unknown(string code) => new($"Unknown weld code '{code}'.");
}
