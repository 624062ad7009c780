using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>TRK-001: a test package of a project (name and description for now).</summary>
public sealed class TestPackage : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class TestPackageConfiguration : IEntityTypeConfiguration<TestPackage>
{
    public void Configure(EntityTypeBuilder<TestPackage> b)
    {
        b.ToTable("test_packages");
        b.Property(x => x.Name).HasMaxLength(TestPackage.NameMaxLength);
        b.Property(x => x.Description).HasMaxLength(500);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
