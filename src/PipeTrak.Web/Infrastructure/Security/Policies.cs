using Microsoft.AspNetCore.Authorization;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>
/// Policy names. <see cref="SignedIn"/> is any authenticated user (onboarding, profile);
/// <see cref="Member"/> also requires an organization; <c>Permission:*</c> map to PPL-040 rows.
/// </summary>
public static class Policies
{
    public const string SignedIn = "SignedIn";
    public const string Member = "Permission:ViewProjectData";

    public static string For(Permission permission) => $"Permission:{permission}";
}

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>Checks the caller's role (reloaded every request) against the PPL-040 matrix.</summary>
public sealed class PermissionAuthorizationHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Can(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
