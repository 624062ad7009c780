using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Templates;

/// <summary>TRK-023: one row of a project's copy of the rules of credit (project, type, milestone).</summary>
public sealed class ProjectTemplateRow : ITenantOwned
{
    public const int MilestoneMaxLength = 64;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public ComponentType ComponentType { get; set; }
    /// <summary>The milestone name, an identifier matched exactly (TRK-021).</summary>
    public string Milestone { get; set; } = "";
    /// <summary>1-based position within the type's template.</summary>
    public int Order { get; set; }
    public int Weight { get; set; }
    public MilestoneKind Kind { get; set; }
    /// <summary>TRK-022: always set.</summary>
    public MilestoneCategory Category { get; set; }
    public bool RequiresWelder { get; set; }
    /// <summary>TRK-025: concurrency token of the type's template.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The pure rule row (throws when the stored row has no valid category: TRK-022).</summary>
    public TemplateRow ToRow() => new(Milestone, Weight, Kind, Category, RequiresWelder);

    public static ProjectTemplateRow From(Guid organizationId, Guid projectId, ComponentType type, int order, TemplateRow row) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = organizationId,
        ProjectId = projectId,
        ComponentType = type,
        Milestone = row.Name,
        Order = order,
        Weight = row.Weight,
        Kind = row.Kind,
        Category = row.Category,
        RequiresWelder = row.RequiresWelder,
    };
}
