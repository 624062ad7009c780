using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

/// <summary>TRK-001: a (plant) system of a project. Named so it does not clash with <c>System</c>.</summary>
public sealed class PlantSystem : ITenantOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

public sealed class PlantSystemConfiguration : IEntityTypeConfiguration<PlantSystem>
{
    public void Configure(EntityTypeBuilder<PlantSystem> b)
    {
        b.ToTable("systems");
        b.Property(x => x.Name).HasMaxLength(PlantSystem.NameMaxLength);
        b.Property(x => x.Description).HasMaxLength(500);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.Name }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
