using System.Security.Claims;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Team;

public enum TeamOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>An expected outcome of a team operation: pages and the API render it their own way.</summary>
public sealed record TeamResult(TeamOutcome Outcome, string Message = "", string? Code = null, string? Field = null)
{
    public static readonly TeamResult Success = new(TeamOutcome.Ok);
    public static readonly TeamResult NotFound = new(TeamOutcome.NotFound, "We couldn't find that team member or invitation.");

    public bool Succeeded => Outcome == TeamOutcome.Ok;

    public int StatusCode => Outcome switch
    {
        TeamOutcome.Ok => StatusCodes.Status200OK,
        TeamOutcome.NotFound => StatusCodes.Status404NotFound,
        TeamOutcome.Forbidden => StatusCodes.Status403Forbidden,
        TeamOutcome.Invalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    public static TeamResult Forbidden(string message, string? code = null) => new(TeamOutcome.Forbidden, message, code);

    public static TeamResult Invalid(string field, string message) => new(TeamOutcome.Invalid, message, null, field);

    public static TeamResult Conflict(string message, string? code = null) => new(TeamOutcome.Conflict, message, code);

    public static TeamResult Refused(RoleGuardRefusal refusal) => refusal switch
    {
        RoleGuardRefusal.LastOwner => Conflict(refusal.Message(), "LAST_OWNER"),
        RoleGuardRefusal.OwnRole => Forbidden(refusal.Message(), "OWN_ROLE"),
        RoleGuardRefusal.RemoveSelf => Forbidden(refusal.Message(), "REMOVE_SELF"),
        RoleGuardRefusal.OwnerOnly => Forbidden(refusal.Message(), "OWNER_ONLY"),
        _ => Forbidden(refusal.Message(), "FORBIDDEN"),
    };
}

/// <summary>Who is acting: from the (per-request reloaded) claims.</summary>
public sealed record TeamActor(Guid UserId, Guid OrganizationId, OrgRole Role)
{
    public static TeamActor? From(ClaimsPrincipal user) =>
        user.UserId() is { } id && user.OrganizationId() is { } org && user.Role() is { } role ? new TeamActor(id, org, role) : null;

    public bool IsAdministrator => PermissionMatrix.Allows(Role, Permission.AdministerOrganization);
}

/// <summary>What the inviter learns (PPL-053): whether the email went out, and the link only when it did not.</summary>
public sealed record InvitationSent(Invitation Invitation, bool EmailSent, string? Link)
{
    public string Feedback => EmailSent
        ? $"Invitation sent to {Invitation.Email}"
        : $"Invitation created but the email failed. Copy this link to share: {Link}";
}
