using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Team;

public enum TeamStatusFilter
{
    All,
    Active,
    Pending,
    Expired,
}

public enum TeamSort
{
    Name,
    Role,
    Joined,
    LastActive,
}

/// <summary>PPL-060: the team page's URL parameters.</summary>
public sealed record TeamFilter(string? Search, OrgRole? Role, TeamStatusFilter Status, TeamSort Sort)
{
    public static readonly TeamFilter None = new(null, null, TeamStatusFilter.All, TeamSort.Name);

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || Role is not null || Status != TeamStatusFilter.All;

    public static TeamFilter From(string? search, string? role, string? status, string? sort) => new(
        string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        OrgRoles.TryParse(role, out var r) ? r : null,
        Enum.TryParse<TeamStatusFilter>(status, true, out var s) ? s : TeamStatusFilter.All,
        ParseSort(sort));

    private static TeamSort ParseSort(string? sort) => sort?.Trim().ToLowerInvariant() switch
    {
        "role" => TeamSort.Role,
        "joined" => TeamSort.Joined,
        "last_active" or "lastactive" or "last-active" => TeamSort.LastActive,
        _ => TeamSort.Name,
    };

    public string SortCode => Sort switch
    {
        TeamSort.Role => "role",
        TeamSort.Joined => "joined",
        TeamSort.LastActive => "last_active",
        _ => "name",
    };
}

public sealed record MemberRow(Guid Id, string FullName, string Email, OrgRole Role, DateTime? JoinedAt, DateTime? LastActiveAt);

public sealed record InvitationRow(
    Guid Id, string Email, OrgRole Role, InvitationStatus Status, DateTime CreatedAt, DateTime ExpiresAt,
    Guid InvitedByUserId, string? InvitedByName, bool EmailNotDelivered);

public sealed record TeamList(IReadOnlyList<MemberRow> Members, IReadOnlyList<InvitationRow> Invitations, bool OrganizationIsEmpty);

/// <summary>Reads for the team page and the API: only the caller's organization (PPL-070 items 2, 5).</summary>
public sealed class TeamQueries(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<MemberRow>> MembersAsync(Guid organizationId, TeamFilter filter, CancellationToken ct)
    {
        if (filter.Status is TeamStatusFilter.Pending or TeamStatusFilter.Expired)
        {
            return [];
        }
        // AppUser is not tenant-owned: filter by organization explicitly. An organization has at
        // most a few hundred members, so search and sort run in memory the same way on both providers.
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Role != null)
            .Select(u => new MemberRow(u.Id, u.FullName, u.Email ?? "", u.Role!.Value, u.JoinedAt, u.LastActiveAt))
            .ToListAsync(ct);
        IEnumerable<MemberRow> query = rows;
        if (filter.Search is { } term)
        {
            query = query.Where(m => m.FullName.Contains(term, StringComparison.OrdinalIgnoreCase) || m.Email.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
        if (filter.Role is { } role)
        {
            query = query.Where(m => m.Role == role);
        }
        query = filter.Sort switch
        {
            TeamSort.Role => query.OrderBy(m => m.Role).ThenBy(m => m.FullName, StringComparer.OrdinalIgnoreCase),
            TeamSort.Joined => query.OrderByDescending(m => m.JoinedAt).ThenBy(m => m.FullName, StringComparer.OrdinalIgnoreCase),
            TeamSort.LastActive => query.OrderByDescending(m => m.LastActiveAt).ThenBy(m => m.FullName, StringComparer.OrdinalIgnoreCase),
            _ => query.OrderBy(m => m.FullName, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Email, StringComparer.Ordinal),
        };
        return [.. query];
    }

    /// <summary>Pending and expired invitations of the current organization (tenant filter).</summary>
    public async Task<IReadOnlyList<InvitationRow>> InvitationsAsync(TeamFilter filter, CancellationToken ct)
    {
        if (filter.Status == TeamStatusFilter.Active)
        {
            return [];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var raw = await db.Invitations.AsNoTracking()
            .Where(i => i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.Expired)
            .Select(i => new
            {
                i.Id,
                i.Email,
                i.Role,
                i.Status,
                i.CreatedAt,
                i.ExpiresAt,
                i.InvitedByUserId,
                InvitedByName = db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.FullName).FirstOrDefault(),
                EmailFailed = db.OutboxMessages.Any(m => m.Id == i.LastEmailId && m.FailedAt != null),
            })
            .ToListAsync(ct);
        IEnumerable<InvitationRow> query = raw.Select(i => new InvitationRow(
            i.Id, i.Email, i.Role, InvitationRules.EffectiveStatus(i.Status, i.ExpiresAt, now), i.CreatedAt, i.ExpiresAt,
            i.InvitedByUserId, i.InvitedByName, i.EmailFailed));
        if (filter.Status == TeamStatusFilter.Pending)
        {
            query = query.Where(i => i.Status == InvitationStatus.Pending);
        }
        else if (filter.Status == TeamStatusFilter.Expired)
        {
            query = query.Where(i => i.Status == InvitationStatus.Expired);
        }
        if (filter.Search is { } term)
        {
            query = query.Where(i => i.Email.Contains(term, StringComparison.OrdinalIgnoreCase));
        }
        if (filter.Role is { } role)
        {
            query = query.Where(i => i.Role == role);
        }
        query = filter.Sort switch
        {
            TeamSort.Role => query.OrderBy(i => i.Role).ThenBy(i => i.Email, StringComparer.Ordinal),
            TeamSort.Joined or TeamSort.LastActive => query.OrderByDescending(i => i.CreatedAt),
            _ => query.OrderBy(i => i.Email, StringComparer.Ordinal),
        };
        return [.. query];
    }

    public async Task<TeamList> ListAsync(Guid organizationId, TeamFilter filter, CancellationToken ct)
    {
        var members = await MembersAsync(organizationId, filter, ct);
        var invitations = await InvitationsAsync(filter, ct);
        var empty = members.Count == 0 && invitations.Count == 0 && !filter.IsFiltered;
        return new TeamList(members, invitations, empty);
    }
}
