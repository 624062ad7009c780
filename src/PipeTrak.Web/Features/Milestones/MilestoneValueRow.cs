using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>A component's stored milestone value (TRK-020). Absent = never set = 0.</summary>
public sealed class MilestoneValueRow : ITenantOwned
{
    public Guid ComponentId { get; set; }
    public string Milestone { get; set; } = "";
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public MilestoneValue Value { get; set; }
    public Guid SetByUserId { get; set; }
    public DateTime SetAt { get; set; }
}

public sealed class MilestoneValueRowConfiguration : IEntityTypeConfiguration<MilestoneValueRow>
{
    public void Configure(EntityTypeBuilder<MilestoneValueRow> b)
    {
        b.ToTable("milestone_values");
        b.HasKey(x => new { x.ComponentId, x.Milestone });
        b.Property(x => x.Milestone).HasMaxLength(Templates.ProjectTemplateRow.MilestoneMaxLength);
        b.Property(x => x.Value).HasConversion(new MilestoneValueConverter());
        b.HasOne<Component>().WithMany().HasForeignKey(x => x.ComponentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.Milestone });
        b.HasIndex(x => x.OrganizationId);
    }
}

/// <summary>TRK-020/031: stored as a whole number; read back tolerantly (clamped), never throwing.</summary>
public sealed class MilestoneValueConverter() : ValueConverter<MilestoneValue, int>(
    v => v.Value,
    v => MilestoneValue.Read((object)v));
