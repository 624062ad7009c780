using PipeTrak.Web.Features.Team;

namespace PipeTrak.Tests.Team;

/// <summary>PPL-040: every cell of the matrix, row by row (O A PM F QC W V).</summary>
public sealed class PermissionMatrixTests
{
    [Theory]
    [InlineData(Permission.ViewProjectData, "1111111")]
    [InlineData(Permission.UpdateMilestones, "1111110")]
    [InlineData(Permission.AssignWork, "1111000")]
    [InlineData(Permission.ManageWelds, "1111100")]
    [InlineData(Permission.QualityControl, "1110100")]
    [InlineData(Permission.ManageProjects, "1110000")]
    [InlineData(Permission.RecordSignOffs, "1100100")]
    [InlineData(Permission.AdministerOrganization, "1100000")]
    [InlineData(Permission.ManageOwners, "1000000")]
    public void Matrix_row_matches_spec(Permission permission, string cells)
    {
        OrgRole[] order = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager, OrgRole.Foreman, OrgRole.QcInspector, OrgRole.Welder, OrgRole.Viewer];
        var actual = string.Concat(order.Select(r => PermissionMatrix.Allows(r, permission) ? '1' : '0'));
        Assert.Equal(cells, actual);
    }

    [Fact]
    public void Viewer_never_writes()
    {
        Assert.Equal([Permission.ViewProjectData], PermissionMatrix.PermissionsOf(OrgRole.Viewer));
    }

    [Theory]
    [InlineData("owner", OrgRole.Owner)]
    [InlineData("project_manager", OrgRole.ProjectManager)]
    [InlineData("QC_INSPECTOR", OrgRole.QcInspector)]
    public void Role_codes_round_trip(string code, OrgRole role)
    {
        Assert.True(OrgRoles.TryParse(code, out var parsed));
        Assert.Equal(role, parsed);
        Assert.Equal(code.ToLowerInvariant(), parsed.Code());
    }

    [Fact]
    public void Unknown_role_code_is_rejected() => Assert.False(OrgRoles.TryParse("superuser", out _));
}
