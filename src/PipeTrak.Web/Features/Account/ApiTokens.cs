using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>One row of the "API tokens" list (BYD-060). The secret itself is never shown again.</summary>
public sealed record ApiTokenSummary(Guid Id, string Name, string Hint, DateTime CreatedAt, DateTime? LastUsedAt);

/// <summary>A freshly created token: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Summary, string Token);

/// <summary>BYD-060 personal access tokens, shared by the profile page and the API.</summary>
public sealed class ApiTokens(AppDbContext db, TimeProvider clock, ILogger<ApiTokens> logger)
{
    public const int MaxNameLength = 100;
    public const string NameRequired = "Token name is required";
    public const string NameTooLong = "Token name must be at most 100 characters";

    public static string? ValidateName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return NameRequired;
        }
        return trimmed.Length > MaxNameLength ? NameTooLong : null;
    }

    public Task<List<ApiTokenSummary>> ListAsync(Guid userId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Hint, t.CreatedAt, t.LastUsedAt))
            .ToListAsync(ct);

    /// <summary>Creates a token (name already validated). Only its SHA-256 is stored.</summary>
    public async Task<CreatedApiToken> CreateAsync(Guid userId, string name, CancellationToken ct)
    {
        var token = SecureToken.Generate(ApiToken.Prefix);
        var row = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name.Trim(),
            TokenHash = SecureToken.Hash(token),
            Hint = token[..8],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        AccountLog.TokenCreated(logger, row.Id, userId);
        return new CreatedApiToken(new ApiTokenSummary(row.Id, row.Name, row.Hint, row.CreatedAt, null), token);
    }

    /// <summary>Revokes one of the user's own tokens; false when it is unknown, someone else's or already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.ApiTokens
            .Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
        if (updated == 1)
        {
            AccountLog.TokenRevoked(logger, tokenId, userId);
        }
        return updated == 1;
    }
}
