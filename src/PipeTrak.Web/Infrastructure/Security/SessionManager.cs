using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>
/// PPL-010, PPL-013, PPL-014: server-side sessions. Sign-in creates a new session row (a new
/// session id every time); every request re-validates it and reloads organization and role, so
/// revocation, removal and role changes apply from the next request.
/// </summary>
public sealed class SessionManager(AppDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task SignInAsync(HttpContext http, AppUser user, bool persistent, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            Persistent = persistent,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 300),
        };
        db.UserSessions.Add(session);
        user.LastActiveAt = now;
        await db.SaveChangesAsync(ct);

        var principal = BuildPrincipal(user.Id, session.Id, user.Email ?? "", user.FullName, user.OrganizationId, user.Role?.ToString(), IdentityConstants.ApplicationScheme, null);
        var props = new AuthenticationProperties { IsPersistent = persistent, AllowRefresh = true };
        if (persistent)
        {
            props.ExpiresUtc = clock.GetUtcNow().Add(UserSession.PersistentIdleTimeout);
        }
        // Replace any previous cookie: a fresh session id at every sign-in (session fixation).
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, props);
    }

    public async Task SignOutAsync(HttpContext http, CancellationToken ct)
    {
        if (Guid.TryParse(http.User.FindFirstValue(PipeTrakClaims.SessionId), out var sid))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.UserSessions.Where(s => s.Id == sid && s.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>Ends every session of the user except <paramref name="keep"/> (PPL-016, PPL-017, PPL-043).</summary>
    public Task<int> RevokeAllAsync(Guid userId, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.UserSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null && (keep == null || s.Id != keep))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
    }

    /// <summary>Cookie validation: called on every request that carries the cookie.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal is null || !Guid.TryParse(principal.FindFirstValue(PipeTrakClaims.SessionId), out var sid))
        {
            await RejectAsync(context);
            return;
        }
        var ct = context.HttpContext.RequestAborted;
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sid)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Session = s, u.Id, u.Email, u.FullName, u.OrganizationId, u.Role })
            .SingleOrDefaultAsync(ct);
        if (row is null || !row.Session.IsActive(now))
        {
            await RejectAsync(context);
            return;
        }
        if (now - row.Session.LastSeenAt > TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sid).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
            await db.Users.Where(u => u.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LastActiveAt, now), ct);
        }
        context.ReplacePrincipal(BuildPrincipal(row.Id, sid, row.Email ?? "", row.FullName, row.OrganizationId, row.Role?.ToString(), IdentityConstants.ApplicationScheme, null));
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    public static ClaimsPrincipal BuildPrincipal(Guid userId, Guid? sessionId, string email, string fullName, Guid? organizationId, string? role, string scheme, Guid? tokenId)
    {
        var claims = new List<Claim>
        {
            new(PipeTrakClaims.UserId, userId.ToString()),
            new(PipeTrakClaims.Email, email),
            new(PipeTrakClaims.FullName, fullName),
        };
        if (sessionId is { } sid)
        {
            claims.Add(new Claim(PipeTrakClaims.SessionId, sid.ToString()));
        }
        if (tokenId is { } tid)
        {
            claims.Add(new Claim(PipeTrakClaims.TokenId, tid.ToString()));
        }
        if (organizationId is { } org && role is not null && Enum.TryParse<Features.Team.OrgRole>(role, out var parsed))
        {
            claims.Add(new Claim(PipeTrakClaims.OrganizationId, org.ToString()));
            claims.Add(new Claim(PipeTrakClaims.Role, Features.Team.OrgRoles.Code(parsed)));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, PipeTrakClaims.FullName, PipeTrakClaims.Role));
    }

    private static string? Truncate(string? value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
