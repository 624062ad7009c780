namespace PipeTrak.Web.Features.Account;

/// <summary>
/// A personal access token (BYD-060): shown once, stored hashed; acts with the user's current
/// organization and role. Revoked on removal from the organization (PPL-043).
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "ptk_";

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the token, so a user can tell tokens apart.</summary>
    public string Hint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
