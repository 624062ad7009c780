namespace PipeTrak.Web.Features.Account;

public enum AccountTokenPurpose
{
    VerifyEmail,
    ResetPassword,
}

/// <summary>
/// PPL-003 and PPL-016: single-use links. Only the SHA-256 of the token is stored.
/// </summary>
public sealed class AccountToken
{
    public static readonly TimeSpan VerifyLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromMinutes(60);

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public AccountTokenPurpose Purpose { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }

    public bool IsUsable(DateTime now) => UsedAt is null && ExpiresAt > now;
}
