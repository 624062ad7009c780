using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Organizations;

public enum OrganizationOutcome
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>PPL-020: the caller's organization and its settings (owner and admin).</summary>
public sealed class OrganizationOperations(AppDbContext db, AuditLog audit)
{
    /// <summary>The caller's own organization; organizations are not tenant-owned, so it is filtered here.</summary>
    public Task<Organization?> CurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var orgId = user.OrganizationId();
        return orgId is null
            ? Task.FromResult<Organization?>(null)
            : db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orgId, ct);
    }

    public async Task<(OrganizationOutcome Outcome, Organization? Organization, string? Error)> RenameAsync(ClaimsPrincipal user, string? name, CancellationToken ct)
    {
        var orgId = user.OrganizationId();
        var org = orgId is null ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Id == orgId, ct);
        if (org is null)
        {
            return (OrganizationOutcome.NotFound, null, null);
        }
        if (!user.Can(Permission.AdministerOrganization))
        {
            return (OrganizationOutcome.Forbidden, null, OrganizationRules.SettingsForbidden);
        }
        if (OrganizationRules.ValidateName(name) is { } error)
        {
            return (OrganizationOutcome.Invalid, org, error);
        }
        var before = org.Name;
        var after = name!.Trim();
        if (before != after)
        {
            org.Name = after;
            audit.Record(org.Id, null, "organization.renamed", $"Renamed the organization to '{after}'", new { before = new { name = before }, after = new { name = after } });
            await db.SaveChangesAsync(ct);
        }
        return (OrganizationOutcome.Ok, org, null);
    }
}
