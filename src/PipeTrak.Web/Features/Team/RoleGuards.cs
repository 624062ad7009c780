namespace PipeTrak.Web.Features.Team;

/// <summary>Why a role change, removal or invitation is refused (PPL-042).</summary>
public enum RoleGuardRefusal
{
    None,
    NotAdministrator,
    OwnRole,
    OwnerOnly,
    LastOwner,
    RemoveSelf,
}

/// <summary>PPL-042: role guards as pure decisions. The last-owner check is re-run under a lock.</summary>
public static class RoleGuards
{
    public const string OwnRoleMessage = "You cannot change your own role";
    public const string OwnerOnlyMessage = "Only an owner can grant or remove the owner role";
    public const string LastOwnerMessage = "The organization must have at least one owner";
    public const string RemoveSelfMessage = "You cannot remove yourself";
    public const string NotAdministratorMessage = "You don't have permission to administer the organization.";

    public static RoleGuardRefusal CanInvite(OrgRole actorRole, OrgRole invitedRole)
    {
        if (!PermissionMatrix.Allows(actorRole, Permission.AdministerOrganization))
        {
            return RoleGuardRefusal.NotAdministrator;
        }
        return invitedRole == OrgRole.Owner && !PermissionMatrix.Allows(actorRole, Permission.ManageOwners)
            ? RoleGuardRefusal.OwnerOnly
            : RoleGuardRefusal.None;
    }

    /// <param name="otherOwners">Owners of the organization other than the target.</param>
    public static RoleGuardRefusal CanChangeRole(Guid actorId, OrgRole actorRole, Guid targetId, OrgRole currentRole, OrgRole newRole, int otherOwners)
    {
        if (!PermissionMatrix.Allows(actorRole, Permission.AdministerOrganization))
        {
            return RoleGuardRefusal.NotAdministrator;
        }
        if (actorId == targetId)
        {
            return RoleGuardRefusal.OwnRole;
        }
        if ((currentRole == OrgRole.Owner || newRole == OrgRole.Owner) && !PermissionMatrix.Allows(actorRole, Permission.ManageOwners))
        {
            return RoleGuardRefusal.OwnerOnly;
        }
        if (currentRole == OrgRole.Owner && newRole != OrgRole.Owner && otherOwners < 1)
        {
            return RoleGuardRefusal.LastOwner;
        }
        return RoleGuardRefusal.None;
    }

    public static RoleGuardRefusal CanRemove(Guid actorId, OrgRole actorRole, Guid targetId, OrgRole targetRole, int otherOwners)
    {
        if (!PermissionMatrix.Allows(actorRole, Permission.AdministerOrganization))
        {
            return RoleGuardRefusal.NotAdministrator;
        }
        if (actorId == targetId)
        {
            return RoleGuardRefusal.RemoveSelf;
        }
        if (targetRole == OrgRole.Owner && !PermissionMatrix.Allows(actorRole, Permission.ManageOwners))
        {
            return RoleGuardRefusal.OwnerOnly;
        }
        if (targetRole == OrgRole.Owner && otherOwners < 1)
        {
            return RoleGuardRefusal.LastOwner;
        }
        return RoleGuardRefusal.None;
    }

    public static string Message(this RoleGuardRefusal refusal) => refusal switch
    {
        RoleGuardRefusal.NotAdministrator => NotAdministratorMessage,
        RoleGuardRefusal.OwnRole => OwnRoleMessage,
        RoleGuardRefusal.OwnerOnly => OwnerOnlyMessage,
        RoleGuardRefusal.LastOwner => LastOwnerMessage,
        RoleGuardRefusal.RemoveSelf => RemoveSelfMessage,
        _ => "",
    };

    /// <summary>The members a viewer of the team page may act on (the own row has no actions).</summary>
    public static bool CanActOn(Guid actorId, OrgRole? actorRole, Guid targetId, OrgRole targetRole) =>
        actorRole is { } role && actorId != targetId
        && PermissionMatrix.Allows(role, Permission.AdministerOrganization)
        && (targetRole != OrgRole.Owner || PermissionMatrix.Allows(role, Permission.ManageOwners));

    /// <summary>Roles the actor may grant (admins handle the six non-owner roles).</summary>
    public static IEnumerable<OrgRole> Grantable(OrgRole? actorRole) =>
        OrgRoles.All.Where(r => actorRole is { } a && CanInvite(a, r) == RoleGuardRefusal.None);
}
