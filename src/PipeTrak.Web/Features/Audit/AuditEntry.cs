using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Audit;

/// <summary>
/// An audited change. Organization-level entries (ProjectId null) survive project deletion
/// (PPL-034).
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? ActorUserId { get; set; }
    public string Action { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>JSON with before/after values where they matter.</summary>
    public string? Details { get; set; }
    public DateTime At { get; set; }
}
