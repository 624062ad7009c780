using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>
/// PPL-003 and PPL-016: issues and redeems the single-use links sent by email. The raw token only
/// ever travels in the email; the database holds its SHA-256.
/// </summary>
public sealed class AccountLinks(AppDbContext db, EmailOutbox outbox, OutboxDispatcher dispatcher, TimeProvider clock)
{
    /// <summary>Adds a verification token and its email to the unit of work; the caller saves, then calls <see cref="SendNowAsync"/>.</summary>
    public OutboxMessage AddVerification(AppUser user)
    {
        var token = Issue(user.Id, AccountTokenPurpose.VerifyEmail, AccountToken.VerifyLifetime);
        var link = outbox.Link($"/account/verify?token={token}");
        var name = string.IsNullOrWhiteSpace(user.FullName) ? "there" : user.FullName;
        var text = $"Hi {name},\n\nConfirm your email address to finish creating your PipeTrak account:\n\n{link}\n\n" +
            "This link is valid for 24 hours and can be used once. If you did not create an account, you can ignore this email.\n";
        var html = $"<p>Hi {EmailOutbox.Html(name)},</p><p>Confirm your email address to finish creating your PipeTrak account:</p>" +
            $"<p><a href=\"{EmailOutbox.Html(link)}\">Confirm email</a></p><p>{EmailOutbox.Html(link)}</p>" +
            "<p>This link is valid for 24 hours and can be used once. If you did not create an account, you can ignore this email.</p>";
        return outbox.Enqueue(user.Email!, "Confirm your email for PipeTrak", text, html);
    }

    /// <summary>Adds a password reset token and its email to the unit of work.</summary>
    public OutboxMessage AddPasswordReset(AppUser user)
    {
        var token = Issue(user.Id, AccountTokenPurpose.ResetPassword, AccountToken.ResetLifetime);
        var link = outbox.Link($"/account/reset-password?token={token}");
        var text = "Someone asked to reset the password of your PipeTrak account. Choose a new password here:\n\n" +
            $"{link}\n\nThis link is valid for 60 minutes and can be used once. If it was not you, you can ignore this email: your password stays unchanged.\n";
        var html = "<p>Someone asked to reset the password of your PipeTrak account.</p>" +
            $"<p><a href=\"{EmailOutbox.Html(link)}\">Reset password</a></p><p>{EmailOutbox.Html(link)}</p>" +
            "<p>This link is valid for 60 minutes and can be used once. If it was not you, you can ignore this email: your password stays unchanged.</p>";
        return outbox.Enqueue(user.Email!, "Reset your PipeTrak password", text, html);
    }

    public Task SendNowAsync(OutboxMessage message, CancellationToken ct) => dispatcher.TrySendNowAsync(message.Id, ct);

    /// <summary>When the earlier links of this purpose were issued (for the PPL-003 and PPL-016 limits).</summary>
    public async Task<List<DateTime>> IssuedSinceAsync(Guid userId, AccountTokenPurpose purpose, TimeSpan window, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - window;
        return await db.AccountTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.CreatedAt > since)
            .Select(t => t.CreatedAt)
            .ToListAsync(ct);
    }

    /// <summary>The usable token for <paramref name="rawToken"/>, or null (unknown, expired or used).</summary>
    public async Task<AccountToken?> FindUsableAsync(string? rawToken, AccountTokenPurpose purpose, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(rawToken) || rawToken.Length > 200)
        {
            return null;
        }
        var hash = SecureToken.Hash(rawToken.Trim());
        var token = await db.AccountTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == purpose, ct);
        return token is not null && token.IsUsable(clock.GetUtcNow().UtcDateTime) ? token : null;
    }

    /// <summary>
    /// Marks the token used with a conditional update, so two concurrent clicks cannot both redeem
    /// it. True when this caller won.
    /// </summary>
    public async Task<bool> TryRedeemAsync(AccountToken token, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.AccountTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), ct);
        return updated == 1;
    }

    private string Issue(Guid userId, AccountTokenPurpose purpose, TimeSpan lifetime)
    {
        var token = SecureToken.Generate();
        var now = clock.GetUtcNow().UtcDateTime;
        db.AccountTokens.Add(new AccountToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Purpose = purpose,
            TokenHash = SecureToken.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        return token;
    }
}
