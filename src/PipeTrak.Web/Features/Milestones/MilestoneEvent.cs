using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>TRK-043: one applied milestone change. Append-only: never edited or deleted, except with its project.</summary>
public sealed class MilestoneEvent : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid ComponentId { get; set; }
    public string Milestone { get; set; } = "";
    public MilestoneEventAction Action { get; set; }
    /// <summary>Whole number 0-100 (TRK-020).</summary>
    public int Value { get; set; }
    /// <summary>Null when the milestone was never set before.</summary>
    public int? Previous { get; set; }
    /// <summary>The template weight when the change was made.</summary>
    public int WeightThen { get; set; }
    /// <summary>TRK-022: from the template row.</summary>
    public MilestoneCategory Category { get; set; }
    /// <summary>TRK-044: 4 dp, negative for a rollback.</summary>
    public decimal DeltaManhours { get; set; }
    public string? RollbackReason { get; set; }
    public string? RollbackDetails { get; set; }
    public Guid UserId { get; set; }
    /// <summary>FLD-031: device time when accepted, else server time.</summary>
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? IdempotencyKey { get; set; }
}

public sealed class MilestoneEventConfiguration : IEntityTypeConfiguration<MilestoneEvent>
{
    public void Configure(EntityTypeBuilder<MilestoneEvent> b)
    {
        b.ToTable("milestone_events");
        b.Property(x => x.Milestone).HasMaxLength(ProjectTemplateRow.MilestoneMaxLength);
        b.Property(x => x.DeltaManhours).HasPrecision(12, 4);
        b.Property(x => x.RollbackReason).HasMaxLength(64);
        b.Property(x => x.RollbackDetails).HasMaxLength(RollbackReasons.MaxDetails);
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.HasOne<Projects.Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Component>().WithMany().HasForeignKey(x => x.ComponentId).OnDelete(DeleteBehavior.Cascade);
        // TRK-046 duplicate window lookup and the component's history.
        b.HasIndex(x => new { x.ComponentId, x.Milestone, x.RecordedAt });
        b.HasIndex(x => new { x.ProjectId, x.RecordedAt });
        b.HasIndex(x => x.OrganizationId);
    }
}
