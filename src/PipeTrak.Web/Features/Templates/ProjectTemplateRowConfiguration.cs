using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Templates;

public sealed class ProjectTemplateRowConfiguration : IEntityTypeConfiguration<ProjectTemplateRow>
{
    public void Configure(EntityTypeBuilder<ProjectTemplateRow> b)
    {
        b.ToTable("project_template_rows");
        b.Property(x => x.ComponentType).HasConversion(new ComponentTypeCodeConverter()).HasMaxLength(32);
        b.Property(x => x.Milestone).HasMaxLength(ProjectTemplateRow.MilestoneMaxLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.ComponentType, x.Milestone }).IsUnique();
        b.HasIndex(x => x.OrganizationId);
    }
}
