using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Team;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// <summary>PPL-051: the invitation record. Only the token's SHA-256 hex is stored.</summary>
public sealed class Invitation : ITenantOwned
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const int MessageMaxLength = 500;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Email { get; set; } = "";
    public OrgRole Role { get; set; }
    public string? Message { get; set; }
    public string TokenHash { get; set; } = "";
    public InvitationStatus Status { get; set; }
    public Guid InvitedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? AcceptedByUserId { get; set; }
    /// <summary>The outbox message of the latest email, to show "Email not delivered" (PPL-053).</summary>
    public Guid? LastEmailId { get; set; }
}
