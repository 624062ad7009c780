using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>
/// <c>Authorization: Bearer ptk_…</c>: personal access tokens act with the user's current
/// organization and role (PPL-041), looked up by hash on every request.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The live token and its user, looked up on every request (revocation and role changes apply at once).
    /// Compiled once per model (a compiled query serves one model; tests run both providers in one process).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<AppDbContext, string, CancellationToken, Task<TokenUser?>>> FindTokenQueries = [];

    private static Func<AppDbContext, string, CancellationToken, Task<TokenUser?>> CompileFindToken() =>
        EF.CompileAsyncQuery((AppDbContext db, string hash, CancellationToken ct) =>
            db.ApiTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash && t.RevokedAt == null)
                .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenUser(t.Id, t.LastUsedAt, u.Id, u.Email, u.FullName, u.OrganizationId, u.Role))
                .SingleOrDefault());

    private sealed record TokenUser(Guid Id, DateTime? LastUsedAt, Guid UserId, string? Email, string FullName, Guid? OrganizationId, OrgRole? Role);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(ApiToken.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Malformed token.");
        }
        var hash = SecureToken.Hash(token);
        var row = await FindTokenQueries.GetValue(db.Model, _ => CompileFindToken())(db, hash, Context.RequestAborted);
        if (row is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (row.LastUsedAt is null || now - row.LastUsedAt > TouchInterval)
        {
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var principal = SessionManager.BuildPrincipal(row.UserId, null, row.Email ?? "", row.FullName, row.OrganizationId, row.Role?.ToString(), SchemeName, row.Id);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ErrorResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", "Send a valid API token (Authorization: Bearer ptk_…).", Context.RequestAborted);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "You don't have permission to do this.", Context.RequestAborted);
}
