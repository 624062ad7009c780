using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

/// <summary>TRK-001: an area of a project (components and drawings may be assigned to one).</summary>
public sealed class Area : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.ToTable("areas");
        b.Property(x => x.Name).HasMaxLength(Area.NameMaxLength);
        b.Property(x => x.Description).HasMaxLength(500);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
