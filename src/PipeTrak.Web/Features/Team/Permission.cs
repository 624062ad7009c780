namespace PipeTrak.Web.Features.Team;

/// <summary>The rows of the PPL-040 permission matrix. The numbers are the spec's row numbers.</summary>
public enum Permission
{
    /// <summary>1: view all project data, activity, team list, reports; own profile and tokens.</summary>
    ViewProjectData = 1,
    /// <summary>2: update milestones (including offline sync); save report configurations.</summary>
    UpdateMilestones = 2,
    /// <summary>3: bulk receive; assign area/system/package; package content and post-hydro flags.</summary>
    AssignWork = 3,
    /// <summary>4: welders, weld assignment, unplanned and repair welds, weld specs, retire welds.</summary>
    ManageWelds = 4,
    /// <summary>5: components identity/retire, NDE, review items, certificates, stages.</summary>
    QualityControl = 5,
    /// <summary>6: imports, drawings, rules of credit, manhours, packages, projects, settings, audit log.</summary>
    ManageProjects = 6,
    /// <summary>7: record sign-offs.</summary>
    RecordSignOffs = 7,
    /// <summary>8: delete projects, delete welds, reopen periods, invitations, roles, members, org settings.</summary>
    AdministerOrganization = 8,
    /// <summary>9: grant or remove the owner role; change or remove an owner.</summary>
    ManageOwners = 9,
}

/// <summary>PPL-040: the single permission authority. Every server-side check asks this table.</summary>
public static class PermissionMatrix
{
    private static readonly Dictionary<Permission, OrgRole[]> Allowed = new()
    {
        [Permission.ViewProjectData] = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager, OrgRole.Foreman, OrgRole.QcInspector, OrgRole.Welder, OrgRole.Viewer],
        [Permission.UpdateMilestones] = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager, OrgRole.Foreman, OrgRole.QcInspector, OrgRole.Welder],
        [Permission.AssignWork] = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager, OrgRole.Foreman],
        [Permission.ManageWelds] = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager, OrgRole.Foreman, OrgRole.QcInspector],
        [Permission.QualityControl] = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager, OrgRole.QcInspector],
        [Permission.ManageProjects] = [OrgRole.Owner, OrgRole.Admin, OrgRole.ProjectManager],
        [Permission.RecordSignOffs] = [OrgRole.Owner, OrgRole.Admin, OrgRole.QcInspector],
        [Permission.AdministerOrganization] = [OrgRole.Owner, OrgRole.Admin],
        [Permission.ManageOwners] = [OrgRole.Owner],
    };

    public static bool Allows(OrgRole role, Permission permission) =>
        Allowed.TryGetValue(permission, out var roles) && roles.Contains(role);

    public static IEnumerable<Permission> PermissionsOf(OrgRole role) =>
        Enum.GetValues<Permission>().Where(p => Allows(role, p));

    /// <summary>The action phrase used in "You don't have permission to {action}." (PPL-041).</summary>
    public static string ActionPhrase(this Permission permission) => permission switch
    {
        Permission.ViewProjectData => "view this project",
        Permission.UpdateMilestones => "update milestones",
        Permission.AssignWork => "assign work",
        Permission.ManageWelds => "manage welds",
        Permission.QualityControl => "perform quality control actions",
        Permission.ManageProjects => "manage projects",
        Permission.RecordSignOffs => "record sign-offs",
        Permission.AdministerOrganization => "administer the organization",
        Permission.ManageOwners => "manage owners",
        _ => "do this",
    };

    /// <summary>Row texts of PPL-040, shown when a team row is expanded (PPL-060).</summary>
    public static string Describe(this Permission permission) => permission switch
    {
        Permission.ViewProjectData => "View project data, activity, team list and reports; edit own profile and API tokens",
        Permission.UpdateMilestones => "Update milestones (including offline sync); save report configurations",
        Permission.AssignWork => "Bulk mark received; assign area, system and package; package content",
        Permission.ManageWelds => "Welders and weld assignment; unplanned and repair welds; retire welds",
        Permission.QualityControl => "Create and retire components; record NDE; certificates; workflow stages",
        Permission.ManageProjects => "Imports, drawings, rules of credit, manhours, packages, project settings",
        Permission.RecordSignOffs => "Record sign-offs",
        Permission.AdministerOrganization => "Delete projects; invite, change roles and remove members; organization settings",
        Permission.ManageOwners => "Grant or remove the owner role; change or remove an owner",
        _ => permission.ToString(),
    };
}
