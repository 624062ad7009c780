using Microsoft.AspNetCore.Identity;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.Web.Features.Account;

/// <summary>
/// A person. PPL-043: a user belongs to at most one organization; removal clears
/// <see cref="OrganizationId"/> and <see cref="Role"/> but keeps the account and its history.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const string CurrentTermsVersion = "v1.0";

    public string FullName { get; set; } = "";
    public Guid? OrganizationId { get; set; }
    public OrgRole? Role { get; set; }
    public DateTime? JoinedAt { get; set; }
    public DateTime? LastActiveAt { get; set; }
    public Guid? SelectedProjectId { get; set; }
    public string? TermsVersion { get; set; }
    public DateTime? TermsAcceptedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    public void JoinOrganization(Guid organizationId, OrgRole role, DateTime now)
    {
        OrganizationId = organizationId;
        Role = role;
        JoinedAt = now;
        SelectedProjectId = null;
    }

    /// <summary>PPL-043: organization and role are cleared at once.</summary>
    public void LeaveOrganization()
    {
        OrganizationId = null;
        Role = null;
        JoinedAt = null;
        SelectedProjectId = null;
    }
}
