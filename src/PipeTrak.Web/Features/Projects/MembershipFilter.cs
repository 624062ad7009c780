using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

/// <summary>
/// API endpoints of organization data answer 403 ProblemDetails to a signed-in caller without an
/// organization. Checked in the endpoint (not with the Member policy) so that token clients get
/// a problem body too.
/// </summary>
public static class MembershipFilter
{
    public const string NotAMember = "You are not a member of an organization. Create one or accept an invitation first.";

    public static RouteGroupBuilder RequireMembership(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.User.OrganizationId() is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: NotAMember)
                : await next(context));
        return group;
    }
}
