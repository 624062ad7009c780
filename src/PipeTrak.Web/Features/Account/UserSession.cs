namespace PipeTrak.Web.Features.Account;

/// <summary>
/// PPL-013: a server-side session. The cookie carries only its id; signing out, a password change
/// or removal from the organization revokes it, and the next request is refused.
/// </summary>
public sealed class UserSession
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(12);
    public static readonly TimeSpan PersistentIdleTimeout = TimeSpan.FromDays(30);

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public bool Persistent { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? UserAgent { get; set; }

    public bool IsActive(DateTime now) =>
        RevokedAt is null && now - LastSeenAt < (Persistent ? PersistentIdleTimeout : IdleTimeout);
}
