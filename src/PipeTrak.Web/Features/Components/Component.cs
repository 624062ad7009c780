using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// TRK-010/011: a tracked component. Unique (project, type, identity key) among non-retired ones.
/// <see cref="Percent"/> is only ever written with <c>ProgressRules.PercentComplete</c> in the same
/// transaction as the milestone values it comes from (TRK-032).
/// </summary>
public sealed class Component : ITenantOwned
{
    public const int IdentityKeyMaxLength = 200;

    /// <summary>Attributes are JSON text of at most 10 KB.</summary>
    public const int AttributesMaxLength = 10 * 1024;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public ComponentType Type { get; set; }
    /// <summary>TRK-010: built by <see cref="ComponentIdentity"/>.</summary>
    public string IdentityKey { get; set; } = "";
    public Guid? DrawingId { get; set; }
    public Guid? AreaId { get; set; }
    public Guid? SystemId { get; set; }
    public Guid? PackageId { get; set; }
    /// <summary>JSON object text (written forms, commodity, size...), ≤ 10 KB.</summary>
    public string Attributes { get; set; } = "{}";
    /// <summary>TRK-030: 0-100 at 2 dp.</summary>
    public decimal Percent { get; set; }
    /// <summary>4 dp; 0 without a budget.</summary>
    public decimal BudgetedManhours { get; set; }
    /// <summary>4 dp.</summary>
    public decimal ManhourWeight { get; set; }
    public bool PostHydro { get; set; }
    public DateTime? RetiredAt { get; set; }
    public string? RetiredReason { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>TRK-047: concurrency token renewed on every change; milestone updates serialize on it.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsRetired => RetiredAt is not null;
}
