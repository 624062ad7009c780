using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Organizations;

namespace PipeTrak.Web.Features.Projects;

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.ToTable("projects");
        b.Property(x => x.Name).HasMaxLength(Project.NameMaxLength);
        b.Property(x => x.NameKey).HasMaxLength(Project.NameMaxLength);
        b.Property(x => x.Description).HasMaxLength(Project.DescriptionMaxLength);
        b.Property(x => x.TimeZone).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OrganizationId, x.NameKey }).IsUnique();
        b.HasIndex(x => new { x.OrganizationId, x.IsArchived, x.CreatedAt });
    }
}
