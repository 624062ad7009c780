using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>
/// PKG-001: a test package of a project. Packages made by import or on the metadata page may have no
/// test type (and then no stages, PKG-004). <see cref="Version"/> guards concurrent edits.
/// </summary>
public sealed class TestPackage : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public TestType? TestType { get; set; }
    public string? OtherDescription { get; set; }
    public DateOnly? TargetDate { get; set; }
    public bool RequiresCoating { get; set; }
    public bool RequiresInsulation { get; set; }
    public decimal? TestPressure { get; set; }
    public PressureUnit PressureUnit { get; set; } = PressureUnit.Psig;
    public DateTime? CreatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string TestTypeLabel => TestType is { } t ? (t == Packages.TestType.Other && !string.IsNullOrEmpty(OtherDescription) ? $"Other: {OtherDescription}" : t.Label()) : "—";
}

public sealed class TestPackageConfiguration : IEntityTypeConfiguration<TestPackage>
{
    public void Configure(EntityTypeBuilder<TestPackage> b)
    {
        b.ToTable("test_packages");
        b.Property(x => x.Name).HasMaxLength(TestPackage.NameMaxLength);
        b.Property(x => x.Description).HasMaxLength(500);
        b.Property(x => x.OtherDescription).HasMaxLength(PackageRules.DescriptionMax);
        b.Property(x => x.TestType).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.PressureUnit).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.TestPressure).HasPrecision(12, 3);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.TestTypeLabel);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
