using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Manhours;

/// <summary>
/// TRK-091: a budget version of a project. Version = highest + 1; exactly one is active; its total is
/// distributed over the non-retired components (TRK-094) and its warnings are kept with it.
/// </summary>
public sealed class ManhourBudget : ITenantOwned
{
    public const int ReasonMaxLength = 500;

    /// <summary>Warnings kept with a version; a count records how many there were in all.</summary>
    public const int StoredWarningsMax = 500;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    /// <summary>TRK-091: 1, 2, 3... per project.</summary>
    public int Number { get; set; }
    /// <summary>Total budgeted manhours, 4 dp, above 0.</summary>
    public decimal TotalManhours { get; set; }
    /// <summary>TRK-091: the revision reason (required).</summary>
    public string Reason { get; set; } = "";
    /// <summary>TRK-091: defaults to today in the project's time zone.</summary>
    public DateOnly EffectiveDate { get; set; }
    public bool IsActive { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the total was last distributed (creation, or a later activation).</summary>
    public DateTime DistributedAt { get; set; }
    /// <summary>Non-retired components the last distribution covered.</summary>
    public int ComponentCount { get; set; }
    /// <summary>Σ budgeted MH written by the last distribution (total minus the accepted rounding residue).</summary>
    public decimal DistributedManhours { get; set; }
    /// <summary>TRK-094: the distribution's warnings (JSON array of at most <see cref="StoredWarningsMax"/>).</summary>
    public string Warnings { get; set; } = "[]";
    public int WarningCount { get; set; }
}

public sealed class ManhourBudgetConfiguration : IEntityTypeConfiguration<ManhourBudget>
{
    public void Configure(EntityTypeBuilder<ManhourBudget> b)
    {
        b.ToTable("manhour_budgets");
        b.Property(x => x.TotalManhours).HasPrecision(14, 4);
        b.Property(x => x.DistributedManhours).HasPrecision(14, 4);
        b.Property(x => x.Reason).HasMaxLength(ManhourBudget.ReasonMaxLength);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        // TRK-091: version = highest + 1 and exactly one active budget, even under concurrency: the
        // database refuses a second version number or a second active budget of a project.
        b.HasIndex(x => new { x.ProjectId, x.Number }).IsUnique();
        b.HasIndex(x => x.ProjectId).IsUnique().HasFilter("\"IsActive\"").HasDatabaseName("IX_manhour_budgets_ProjectId_Active");
        b.HasIndex(x => x.OrganizationId);
    }
}
