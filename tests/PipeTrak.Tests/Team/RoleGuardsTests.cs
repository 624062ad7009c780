using PipeTrak.Web.Features.Team;

namespace PipeTrak.Tests.Team;

/// <summary>PPL-042: role guards as pure decisions.</summary>
public sealed class RoleGuardsTests
{
    private static readonly Guid Actor = Guid.NewGuid();
    private static readonly Guid Target = Guid.NewGuid();

    [Fact]
    public void PPL042_nobody_changes_their_own_role()
    {
        Assert.Equal(RoleGuardRefusal.OwnRole, RoleGuards.CanChangeRole(Actor, OrgRole.Owner, Actor, OrgRole.Owner, OrgRole.Admin, otherOwners: 3));
    }

    [Theory]
    [InlineData(OrgRole.Owner, OrgRole.Admin)]   // change an owner
    [InlineData(OrgRole.Viewer, OrgRole.Owner)]  // grant owner
    public void PPL042_admin_cannot_touch_the_owner_role(OrgRole current, OrgRole next)
    {
        Assert.Equal(RoleGuardRefusal.OwnerOnly, RoleGuards.CanChangeRole(Actor, OrgRole.Admin, Target, current, next, otherOwners: 2));
    }

    [Fact]
    public void PPL042_admin_handles_the_other_six_roles()
    {
        Assert.Equal(RoleGuardRefusal.None, RoleGuards.CanChangeRole(Actor, OrgRole.Admin, Target, OrgRole.Welder, OrgRole.Admin, otherOwners: 1));
    }

    [Fact]
    public void PPL042_owner_grants_owner()
    {
        Assert.Equal(RoleGuardRefusal.None, RoleGuards.CanChangeRole(Actor, OrgRole.Owner, Target, OrgRole.Admin, OrgRole.Owner, otherOwners: 1));
    }

    [Fact]
    public void PPL042_last_owner_cannot_be_demoted()
    {
        Assert.Equal(RoleGuardRefusal.LastOwner, RoleGuards.CanChangeRole(Actor, OrgRole.Owner, Target, OrgRole.Owner, OrgRole.Admin, otherOwners: 0));
    }

    [Fact]
    public void PPL042_an_owner_can_be_demoted_when_another_remains()
    {
        Assert.Equal(RoleGuardRefusal.None, RoleGuards.CanChangeRole(Actor, OrgRole.Owner, Target, OrgRole.Owner, OrgRole.Admin, otherOwners: 1));
    }

    [Theory]
    [InlineData(OrgRole.ProjectManager)]
    [InlineData(OrgRole.Foreman)]
    [InlineData(OrgRole.Viewer)]
    public void PPL040_below_admin_nobody_changes_roles(OrgRole actorRole)
    {
        Assert.Equal(RoleGuardRefusal.NotAdministrator, RoleGuards.CanChangeRole(Actor, actorRole, Target, OrgRole.Viewer, OrgRole.Welder, otherOwners: 1));
    }

    [Fact]
    public void PPL042_nobody_removes_themselves()
    {
        Assert.Equal(RoleGuardRefusal.RemoveSelf, RoleGuards.CanRemove(Actor, OrgRole.Owner, Actor, OrgRole.Owner, otherOwners: 2));
    }

    [Fact]
    public void PPL042_admin_cannot_remove_an_owner()
    {
        Assert.Equal(RoleGuardRefusal.OwnerOnly, RoleGuards.CanRemove(Actor, OrgRole.Admin, Target, OrgRole.Owner, otherOwners: 2));
    }

    [Fact]
    public void PPL042_last_owner_cannot_be_removed()
    {
        Assert.Equal(RoleGuardRefusal.LastOwner, RoleGuards.CanRemove(Actor, OrgRole.Owner, Target, OrgRole.Owner, otherOwners: 0));
    }

    [Fact]
    public void PPL042_admin_cannot_invite_an_owner_but_an_owner_can()
    {
        Assert.Equal(RoleGuardRefusal.OwnerOnly, RoleGuards.CanInvite(OrgRole.Admin, OrgRole.Owner));
        Assert.Equal(RoleGuardRefusal.None, RoleGuards.CanInvite(OrgRole.Owner, OrgRole.Owner));
        Assert.Equal(RoleGuardRefusal.NotAdministrator, RoleGuards.CanInvite(OrgRole.Foreman, OrgRole.Viewer));
    }

    [Fact]
    public void PPL042_admins_grant_six_roles_owners_seven()
    {
        Assert.Equal(6, RoleGuards.Grantable(OrgRole.Admin).Count());
        Assert.DoesNotContain(OrgRole.Owner, RoleGuards.Grantable(OrgRole.Admin));
        Assert.Equal(7, RoleGuards.Grantable(OrgRole.Owner).Count());
        Assert.Empty(RoleGuards.Grantable(OrgRole.Foreman));
    }

    [Theory]
    [InlineData(RoleGuardRefusal.OwnRole, "You cannot change your own role")]
    [InlineData(RoleGuardRefusal.OwnerOnly, "Only an owner can grant or remove the owner role")]
    [InlineData(RoleGuardRefusal.LastOwner, "The organization must have at least one owner")]
    [InlineData(RoleGuardRefusal.RemoveSelf, "You cannot remove yourself")]
    public void PPL042_messages_are_exact(RoleGuardRefusal refusal, string message)
    {
        Assert.Equal(message, refusal.Message());
    }

    [Fact]
    public void PPL060_own_row_has_no_actions()
    {
        Assert.False(RoleGuards.CanActOn(Actor, OrgRole.Owner, Actor, OrgRole.Owner));
        Assert.False(RoleGuards.CanActOn(Actor, OrgRole.Admin, Target, OrgRole.Owner));
        Assert.True(RoleGuards.CanActOn(Actor, OrgRole.Admin, Target, OrgRole.Foreman));
        Assert.False(RoleGuards.CanActOn(Actor, OrgRole.Foreman, Target, OrgRole.Viewer));
    }
}
