using System.Security.Claims;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Infrastructure.Tenancy;

/// <summary>
/// The organization the current unit of work acts for. In a request it comes from the signed-in
/// user's (freshly validated) claims; background work sets it explicitly with <see cref="Use"/>.
/// </summary>
public sealed class TenantContext(IHttpContextAccessor httpContextAccessor)
{
    private Guid? _explicitOrganizationId;
    private bool _explicit;

    public Guid? OrganizationId => _explicit
        ? _explicitOrganizationId
        : httpContextAccessor.HttpContext?.User.OrganizationId();

    /// <summary>Background jobs and admin code set the tenant explicitly (PPL-070 item 7).</summary>
    public void Use(Guid? organizationId)
    {
        _explicit = true;
        _explicitOrganizationId = organizationId;
    }
}

public static class PrincipalExtensions
{
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PipeTrakClaims.UserId), out var id) ? id : null;

    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("The request has no signed-in user.");

    public static Guid? OrganizationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(PipeTrakClaims.OrganizationId), out var id) ? id : null;

    public static OrgRole? Role(this ClaimsPrincipal user) =>
        OrgRoles.TryParse(user.FindFirstValue(PipeTrakClaims.Role), out var role) ? role : null;

    public static bool Can(this ClaimsPrincipal user, Permission permission) =>
        user.OrganizationId() is not null && user.Role() is { } role && PermissionMatrix.Allows(role, permission);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PipeTrakClaims.FullName) ?? user.FindFirstValue(PipeTrakClaims.Email) ?? "";
}
