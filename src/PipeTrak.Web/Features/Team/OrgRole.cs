namespace PipeTrak.Web.Features.Team;

/// <summary>PPL-039: the seven roles. Codes are stable API values.</summary>
public enum OrgRole
{
    Owner,
    Admin,
    ProjectManager,
    Foreman,
    QcInspector,
    Welder,
    Viewer,
}

public static class OrgRoles
{
    public static readonly IReadOnlyList<OrgRole> All = Enum.GetValues<OrgRole>();

    public static string Code(this OrgRole role) => role switch
    {
        OrgRole.Owner => "owner",
        OrgRole.Admin => "admin",
        OrgRole.ProjectManager => "project_manager",
        OrgRole.Foreman => "foreman",
        OrgRole.QcInspector => "qc_inspector",
        OrgRole.Welder => "welder",
        OrgRole.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string Label(this OrgRole role) => role switch
    {
        OrgRole.Owner => "Owner",
        OrgRole.Admin => "Admin",
        OrgRole.ProjectManager => "Project Manager",
        OrgRole.Foreman => "Foreman",
        OrgRole.QcInspector => "QC Inspector",
        OrgRole.Welder => "Welder",
        OrgRole.Viewer => "Viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string Description(this OrgRole role) => role switch
    {
        OrgRole.Owner => "Full access, including organization ownership",
        OrgRole.Admin => "Full access to team and project management",
        OrgRole.ProjectManager => "Projects, imports, budgets, rules of credit, packages",
        OrgRole.Foreman => "Update progress; assign work, welders and packages",
        OrgRole.QcInspector => "Record NDE, review work, sign off test packages",
        OrgRole.Welder => "Update milestone progress in the field",
        OrgRole.Viewer => "Read-only access to projects and reports",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? code, out OrgRole role)
    {
        foreach (var r in All)
        {
            if (string.Equals(r.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }
}
