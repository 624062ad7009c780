using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>
/// PKG-050..059: one workflow stage of a package, numbered 1..n in the order of PKG-050.
/// Completed by/at are both set or both empty (PKG-052); a skipped stage always has a reason.
/// <see cref="Version"/> makes concurrent changes of one stage conflict (PKG-059).
/// </summary>
public sealed class PackageStage : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PackageId { get; set; }
    public int Number { get; set; }
    public StageKind Kind { get; set; }
    public StageStatus Status { get; set; } = StageStatus.NotStarted;
    public DateTime? StartedAt { get; set; }
    public Guid? CompletedByUserId { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? SkipReason { get; set; }
    /// <summary>PKG-056 stage data as a JSON object of the stage's optional fields.</summary>
    public string Data { get; set; } = "{}";
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<StageSignOff> SignOffs { get; set; } = [];
}

/// <summary>PKG-055: a representative's sign-off on a stage; one per role.</summary>
public sealed class StageSignOff : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid StageId { get; set; }
    public SignOffRole Role { get; set; }
    public string Name { get; set; } = "";
    public DateOnly Date { get; set; }
    public Guid RecordedByUserId { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class PackageStageConfiguration : IEntityTypeConfiguration<PackageStage>
{
    public void Configure(EntityTypeBuilder<PackageStage> b)
    {
        b.ToTable("package_stages");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SkipReason).HasMaxLength(Workflow.SkipReasonMax);
        b.Property(x => x.Data).HasMaxLength(8 * 1024);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<TestPackage>().WithMany().HasForeignKey(x => x.PackageId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.SignOffs).WithOne().HasForeignKey(s => s.StageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PackageId, x.Number }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}

public sealed class StageSignOffConfiguration : IEntityTypeConfiguration<StageSignOff>
{
    public void Configure(EntityTypeBuilder<StageSignOff> b)
    {
        b.ToTable("stage_sign_offs");
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Name).HasMaxLength(Workflow.SignOffNameMax);
        b.HasIndex(x => new { x.StageId, x.Role }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}

public static class StageStatuses
{
    public static string Label(this StageStatus status) => status switch
    {
        StageStatus.NotStarted => "Not started",
        StageStatus.InProgress => "In progress",
        StageStatus.Completed => "Completed",
        StageStatus.Skipped => "Skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
