using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Account;

/// <summary>The signed-in caller.</summary>
/// <param name="Id">User id.</param>
/// <param name="Email">Sign-in email (lower case).</param>
/// <param name="FullName">Display name.</param>
/// <param name="OrganizationId">The caller's organization, or null before onboarding or after removal.</param>
/// <param name="Role">Role code (PPL-039), e.g. <c>project_manager</c>; null without an organization.</param>
/// <param name="RoleLabel">Role label, e.g. "Project Manager".</param>
/// <param name="Permissions">The PPL-040 permissions the caller's current role grants.</param>
public sealed record MeResponse(Guid Id, string Email, string FullName, Guid? OrganizationId, string? Role, string? RoleLabel, IReadOnlyList<Permission> Permissions);

/// <summary>A personal access token without its secret.</summary>
public sealed record ApiTokenResponse(Guid Id, string Name, string Hint, DateTime CreatedAt, DateTime? LastUsedAt)
{
    public static ApiTokenResponse From(ApiTokenSummary s) => new(s.Id, s.Name, s.Hint, s.CreatedAt, s.LastUsedAt);
}

/// <summary>Request to create a personal access token.</summary>
/// <param name="Name">What the token is for (1-100 characters), e.g. "CI import".</param>
public sealed record CreateApiTokenRequest(string? Name);

/// <summary>The created token. <paramref name="Token"/> is returned this once only: store it now.</summary>
public sealed record CreatedApiTokenResponse(Guid Id, string Name, string Hint, DateTime CreatedAt, string Token);

/// <summary>/api/v1/me: the caller's identity and personal access tokens (PPL-018, BYD-060).</summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Account").RequireAuthorization(Policies.SignedIn);

        me.MapGet("", GetMeAsync)
            .WithName("GetMe")
            .WithSummary("The signed-in user")
            .WithDescription("Identity, organization, role and the permissions the current role grants (PPL-040).");

        me.MapGet("/tokens", ListTokensAsync)
            .WithName("ListApiTokens")
            .WithSummary("List your personal access tokens")
            .WithDescription("Active tokens with name, hint (first characters), creation and last use. Secrets are never returned.");

        me.MapPost("/tokens", CreateTokenAsync)
            .WithName("CreateApiToken")
            .WithSummary("Create a personal access token")
            .WithDescription("Returns the token once (ptk_ + 43 characters); only its SHA-256 is stored. The token acts with your current role. " +
                "The response is sent with Cache-Control: no-store and never stored for Idempotency-Key replay: a retry with the same key gets 409 and creates nothing.")
            .ProducesValidationProblem();

        me.MapDelete("/tokens/{id:guid}", RevokeTokenAsync)
            .WithName("RevokeApiToken")
            .WithSummary("Revoke one of your personal access tokens")
            .WithDescription("The token stops working at once. Tokens of other users answer 404.");

        return api;
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> GetMeAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var user = userId is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.FullName, u.OrganizationId, u.Role })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var role = user.OrganizationId is null ? null : user.Role;
        IReadOnlyList<Permission> permissions = role is { } r
            ? [.. Enum.GetValues<Permission>().Where(p => PermissionMatrix.Allows(r, p))]
            : [];
        return TypedResults.Ok(new MeResponse(user.Id, user.Email ?? "", user.FullName, user.OrganizationId, role?.Code(), role?.Label(), permissions));
    }

    private static async Task<Ok<List<ApiTokenResponse>>> ListTokensAsync(HttpContext http, ApiTokens tokens, CancellationToken ct)
    {
        var list = await tokens.ListAsync(http.User.RequiredUserId(), ct);
        return TypedResults.Ok(list.Select(ApiTokenResponse.From).ToList());
    }

    private static async Task<Results<Created<CreatedApiTokenResponse>, ValidationProblem>> CreateTokenAsync(CreateApiTokenRequest request, HttpContext http, ApiTokens tokens, CancellationToken ct)
    {
        if (ApiTokens.ValidateName(request.Name) is { } error)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [error] });
        }
        var created = await tokens.CreateAsync(http.User.RequiredUserId(), request.Name!, ct);
        var s = created.Summary;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/me/tokens/{s.Id}", new CreatedApiTokenResponse(s.Id, s.Name, s.Hint, s.CreatedAt, created.Token));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(Guid id, HttpContext http, ApiTokens tokens, CancellationToken ct) =>
        await tokens.RevokeAsync(http.User.RequiredUserId(), id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such API token.");
}
