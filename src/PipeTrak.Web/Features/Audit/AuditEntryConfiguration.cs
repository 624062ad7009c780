using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Organizations;

namespace PipeTrak.Web.Features.Audit;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.Summary).HasMaxLength(500);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // No FK to projects: organization-level entries outlive a deleted project (PPL-034).
        b.HasIndex(x => new { x.OrganizationId, x.ProjectId, x.At });
    }
}
