using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

public enum CertificateStatus
{
    Draft = 1,
    Submitted,
}

/// <summary>PKG-040: at most one per package; <see cref="Number"/> is assigned at first save and never changes (PKG-041).</summary>
public sealed class PackageCertificate : ITenantOwned
{
    public const int TextMax = 200;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PackageId { get; set; }
    public string Number { get; set; } = "";
    public string? Client { get; set; }
    public string? ClientSpec { get; set; }
    public string? LineNumber { get; set; }
    public decimal? TestPressure { get; set; }
    public PressureUnit PressureUnit { get; set; } = PressureUnit.Psig;
    public string? TestMedia { get; set; }
    public decimal? Temperature { get; set; }
    public string TemperatureUnit { get; set; } = "F";
    public CertificateStatus Status { get; set; } = CertificateStatus.Draft;
    public Guid? SubmittedByUserId { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public Guid UpdatedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public sealed class PackageCertificateConfiguration : IEntityTypeConfiguration<PackageCertificate>
{
    public void Configure(EntityTypeBuilder<PackageCertificate> b)
    {
        b.ToTable("package_certificates");
        b.Property(x => x.Number).HasMaxLength(16);
        b.Property(x => x.Client).HasMaxLength(PackageCertificate.TextMax);
        b.Property(x => x.ClientSpec).HasMaxLength(PackageCertificate.TextMax);
        b.Property(x => x.LineNumber).HasMaxLength(PackageCertificate.TextMax);
        b.Property(x => x.TestMedia).HasMaxLength(100);
        b.Property(x => x.TestPressure).HasPrecision(12, 3);
        b.Property(x => x.Temperature).HasPrecision(8, 2);
        b.Property(x => x.TemperatureUnit).HasMaxLength(1);
        b.Property(x => x.PressureUnit).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<TestPackage>().WithMany().HasForeignKey(x => x.PackageId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PackageId).IsUnique();
        b.HasIndex(x => new { x.ProjectId, x.Number }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
