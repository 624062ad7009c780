using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Team;

public sealed record MemberResponse(Guid Id, string FullName, string Email, string Role, string RoleLabel, DateTime? JoinedAt, DateTime? LastActiveAt)
{
    public static MemberResponse From(MemberRow m) => new(m.Id, m.FullName, m.Email, m.Role.Code(), m.Role.Label(), m.JoinedAt, m.LastActiveAt);
}

public sealed record InvitationResponse(
    Guid Id, string Email, string Role, string RoleLabel, string Status, DateTime CreatedAt, DateTime ExpiresAt,
    Guid InvitedByUserId, string? InvitedByName, bool EmailNotDelivered)
{
    public static InvitationResponse From(InvitationRow i) => new(
        i.Id, i.Email, i.Role.Code(), i.Role.Label(), i.Status.ToString().ToLowerInvariant(), i.CreatedAt, i.ExpiresAt,
        i.InvitedByUserId, i.InvitedByName, i.EmailNotDelivered);
}

/// <summary>PPL-053: <c>link</c> is present only when the email failed (the only time the raw link is shown).</summary>
public sealed record InvitationCreatedResponse(Guid Id, string Email, string Role, string Status, DateTime ExpiresAt, bool EmailSent, string? Link, string Message)
{
    public static InvitationCreatedResponse From(InvitationSent sent) => new(
        sent.Invitation.Id, sent.Invitation.Email, sent.Invitation.Role.Code(), sent.Invitation.Status.ToString().ToLowerInvariant(),
        sent.Invitation.ExpiresAt, sent.EmailSent, sent.Link, sent.Feedback);
}

public sealed record CreateInvitationRequest(string? Email, string? Role, string? Message);

public sealed record ChangeRoleRequest(string? Role);

/// <summary>/api/v1 routes for the team use cases (same operations as the team page).</summary>
public static class TeamEndpoints
{
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        var members = api.MapGroup("/members").WithTags("Team").RequireAuthorization(Policies.Member);
        members.MapGet("/", ListMembersAsync).WithName("ListMembers").WithSummary("Members of your organization (search, role, status, sort).");
        members.MapPatch("/{userId:guid}", ChangeRoleAsync).WithName("ChangeMemberRole").WithSummary("Change a member's role (owner/admin; PPL-042 guards).");
        members.MapDelete("/{userId:guid}", RemoveAsync).WithName("RemoveMember").WithSummary("Remove a member: organization and role cleared, sessions and tokens revoked.");

        var invitations = api.MapGroup("/invitations").WithTags("Team").RequireAuthorization(Policies.Member);
        invitations.MapGet("/", ListInvitationsAsync).WithName("ListInvitations").WithSummary("Pending and expired invitations of your organization.");
        invitations.MapPost("/", CreateInvitationAsync).WithName("CreateInvitation").WithSummary("Invite someone by email (owner/admin).");
        invitations.MapPost("/{id:guid}/resend", ResendAsync).WithName("ResendInvitation").WithSummary("New token and email; the expiry is not extended.");
        invitations.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeInvitation").WithSummary("Revoke a pending invitation.");
        return api;
    }

    private static async Task<Ok<MemberResponse[]>> ListMembersAsync(
        ClaimsPrincipal user, TeamQueries queries, string? search, string? role, string? status, string? sort, CancellationToken ct)
    {
        var actor = Actor(user);
        var rows = await queries.MembersAsync(actor.OrganizationId, TeamFilter.From(search, role, status, sort), ct);
        return TypedResults.Ok(rows.Select(MemberResponse.From).ToArray());
    }

    private static async Task<Ok<InvitationResponse[]>> ListInvitationsAsync(
        TeamQueries queries, string? search, string? role, string? status, string? sort, CancellationToken ct)
    {
        var rows = await queries.InvitationsAsync(TeamFilter.From(search, role, status, sort), ct);
        return TypedResults.Ok(rows.Select(InvitationResponse.From).ToArray());
    }

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> ChangeRoleAsync(
        Guid userId, ChangeRoleRequest body, ClaimsPrincipal user, TeamOperations operations, CancellationToken ct)
    {
        var (result, member) = await operations.ChangeRoleAsync(Actor(user), userId, body.Role, ct);
        if (!result.Succeeded || member?.Role is not { } role)
        {
            return Problem(result);
        }
        return TypedResults.Ok(new MemberResponse(member.Id, member.FullName, member.Email ?? "", role.Code(), role.Label(), member.JoinedAt, member.LastActiveAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid userId, ClaimsPrincipal user, TeamOperations operations, CancellationToken ct)
    {
        var (result, _) = await operations.RemoveAsync(Actor(user), userId, ct);
        return result.Succeeded ? TypedResults.NoContent() : Problem(result);
    }

    private static async Task<Results<Created<InvitationCreatedResponse>, ProblemHttpResult>> CreateInvitationAsync(
        CreateInvitationRequest body, ClaimsPrincipal user, TeamOperations operations, HttpContext http, CancellationToken ct)
    {
        var (result, sent) = await operations.InviteAsync(Actor(user), body.Email, body.Role, body.Message, ct);
        if (!result.Succeeded || sent is null)
        {
            return Problem(result);
        }
        if (sent.Link is not null)
        {
            // PPL-053: the raw link is shown once; never cached or stored for idempotent replay.
            http.Response.Headers.CacheControl = "no-store";
        }
        return TypedResults.Created($"/api/v1/invitations/{sent.Invitation.Id}", InvitationCreatedResponse.From(sent));
    }

    private static async Task<Results<Ok<InvitationCreatedResponse>, ProblemHttpResult>> ResendAsync(
        Guid id, ClaimsPrincipal user, TeamOperations operations, HttpContext http, CancellationToken ct)
    {
        var (result, sent) = await operations.ResendAsync(Actor(user), id, ct);
        if (sent?.Link is not null)
        {
            http.Response.Headers.CacheControl = "no-store";
        }
        return result.Succeeded && sent is not null ? TypedResults.Ok(InvitationCreatedResponse.From(sent)) : Problem(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, ClaimsPrincipal user, TeamOperations operations, CancellationToken ct)
    {
        var (result, _) = await operations.RevokeAsync(Actor(user), id, ct);
        return result.Succeeded ? TypedResults.NoContent() : Problem(result);
    }

    private static TeamActor Actor(ClaimsPrincipal user) =>
        TeamActor.From(user) ?? throw new InvalidOperationException("The Member policy guarantees an organization.");

    /// <summary>ProblemDetails with the spec message in <c>detail</c> and the spec code in <c>code</c>.</summary>
    private static ProblemHttpResult Problem(TeamResult result)
    {
        if (result.Outcome == TeamOutcome.Invalid && result.Field is { } field)
        {
            // A validation problem (errors by field), the same shape as TypedResults.ValidationProblem.
            var key = char.ToLowerInvariant(field[0]) + field[1..];
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [key] = [result.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid request",
                Detail = result.Message,
            });
        }
        var title = result.Outcome switch
        {
            TeamOutcome.NotFound => "Not found",
            TeamOutcome.Forbidden => "Forbidden",
            _ => "Conflict",
        };
        var extensions = result.Code is null ? null : new Dictionary<string, object?> { ["code"] = result.Code };
        return TypedResults.Problem(detail: result.Message, statusCode: result.StatusCode, title: title, extensions: extensions);
    }
}
