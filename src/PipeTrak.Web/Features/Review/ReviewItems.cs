using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Review;

/// <summary>WLD-070: one review item as the page and the API show it.</summary>
public sealed record ReviewItemRow(
    Guid Id, string Type, string TypeLabel, Guid? ComponentId, string? ComponentLink, string? ComponentLabel, string Payload, string Summary,
    string Status, DateTime CreatedAt, string Age, string AgeText, Guid? ResolvedByUserId, string? ResolvedBy, DateTime? ResolvedAt, string? Note,
    bool CanResolve);

/// <summary>Which items a list shows: a status (default pending, or <c>all</c>) and optionally one type.</summary>
public sealed record ReviewFilter(string? Status = ReviewItemTypes.Pending, string? Type = null)
{
    public static ReviewFilter From(string? status, string? type) => new(
        string.Equals(status, "all", StringComparison.OrdinalIgnoreCase) ? null
            : ReviewRules.Statuses.FirstOrDefault(s => string.Equals(s, status?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? ReviewItemTypes.Pending,
        ReviewRules.Types.FirstOrDefault(t => string.Equals(t, type?.Trim(), StringComparison.OrdinalIgnoreCase)));
}

/// <summary>
/// WLD-070/071: lists the review items a member may see and resolves or ignores them. Every call checks
/// the project (404 for another organization's, PPL-041), then the item, then the role.
/// </summary>
public sealed class ReviewItems(AppDbContext db, TimeProvider clock)
{
    public const int ListLimit = 500;

    /// <summary>The caller's visible items of the project, newest first; null when the project is not visible.</summary>
    public async Task<IReadOnlyList<ReviewItemRow>?> ListAsync(ClaimsPrincipal user, Guid projectId, ReviewFilter filter, CancellationToken ct)
    {
        if (await WeldProject.FindAsync(db, user, projectId, ct) is null)
        {
            return null;
        }
        var types = ReviewRules.VisibleTypes(user.Role());
        var query = db.ReviewItems.AsNoTracking().Where(i => i.ProjectId == projectId && types.Contains(i.Type));
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }
        if (filter.Type is { } type)
        {
            query = query.Where(i => i.Type == type);
        }
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Take(ListLimit).ToListAsync(ct);
        return await RowsAsync(user, projectId, items, ct);
    }

    /// <summary>One visible item, or null (unknown, another organization's, or a type the caller does not see).</summary>
    public async Task<ReviewItemRow?> GetAsync(ClaimsPrincipal user, Guid projectId, Guid itemId, CancellationToken ct)
    {
        if (await WeldProject.FindAsync(db, user, projectId, ct) is null)
        {
            return null;
        }
        var item = await db.ReviewItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.ProjectId == projectId, ct);
        return item is null || !ReviewRules.CanSee(user.Role(), item.Type) ? null : (await RowsAsync(user, projectId, [item], ct))[0];
    }

    /// <summary>WLD-071 header bell: does the caller have visible pending items (in one project, or in any project)?</summary>
    public Task<int> VisiblePendingCountAsync(ClaimsPrincipal user, Guid? projectId, CancellationToken ct)
    {
        var types = ReviewRules.VisibleTypes(user.Role());
        var query = db.ReviewItems.AsNoTracking().Where(i => i.Status == ReviewItemTypes.Pending && types.Contains(i.Type));
        if (projectId is { } id)
        {
            query = query.Where(i => i.ProjectId == id);
        }
        return query.Join(db.Projects.Where(p => !p.IsArchived), i => i.ProjectId, p => p.Id, (i, _) => i).CountAsync(ct);
    }

    /// <summary>
    /// WLD-071: resolve (or ignore) a pending item with an optional note (≤ 500), recording who and when.
    /// An item the caller cannot see answers 404; one they see but may not resolve answers 403.
    /// </summary>
    public async Task<WeldCommandResult> HandleAsync(ClaimsPrincipal user, Guid projectId, Guid itemId, bool ignore, string? note, CancellationToken ct)
    {
        var project = await WeldProject.FindAsync(db, user, projectId, ct);
        var item = project is null ? null : await db.ReviewItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProjectId == projectId, ct);
        var role = user.Role();
        if (project is null || item is null || (!ReviewRules.CanSee(role, item.Type) && item.Type != ReviewItemTypes.WeldCompleted))
        {
            return WeldCommandResult.NotFound(project is null ? WeldProject.NotFoundMessage : ReviewRules.NotFoundMessage);
        }
        if (!ReviewRules.CanResolve(role, item.Type))
        {
            return item.Type == ReviewItemTypes.WeldCompleted
                ? new WeldCommandResult(WeldCommandStatus.Forbidden, Message: ReviewRules.WeldCompletedForbiddenMessage)
                : WeldCommandResult.Forbidden(Team.Permission.QualityControl);
        }
        if (project.IsArchived)
        {
            return WeldCommandResult.Archived;
        }
        var refusal = item.Status != ReviewItemTypes.Pending ? ReviewRules.AlreadyHandledMessage : ReviewRules.ValidateNote(note);
        if (refusal is not null)
        {
            return WeldCommandResult.Refused(refusal);
        }
        item.Status = ignore ? ReviewItemTypes.Ignored : ReviewItemTypes.Resolved;
        item.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        item.ResolvedByUserId = user.RequiredUserId();
        item.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        // Two reviewers at once: only the first one changes a pending item.
        var changed = await db.ReviewItems
            .Where(i => i.Id == item.Id && i.Status == ReviewItemTypes.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, item.Status)
                .SetProperty(i => i.ResolvedAt, item.ResolvedAt)
                .SetProperty(i => i.ResolvedByUserId, item.ResolvedByUserId)
                .SetProperty(i => i.Note, item.Note), ct);
        db.ChangeTracker.Clear();
        return changed == 1 ? WeldCommandResult.Ok(item.Id) : WeldCommandResult.Refused(ReviewRules.AlreadyHandledMessage);
    }

    private async Task<List<ReviewItemRow>> RowsAsync(ClaimsPrincipal user, Guid projectId, List<ReviewItem> items, CancellationToken ct)
    {
        var componentIds = items.Where(i => i.ComponentId != null).Select(i => i.ComponentId!.Value).Distinct().ToList();
        var components = await db.Components.AsNoTracking().Where(c => componentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Type, c.IdentityKey }).ToListAsync(ct);
        var welds = await db.Welds.AsNoTracking().Where(w => componentIds.Contains(w.ComponentId))
            .Select(w => new { w.Id, w.ComponentId, w.Number }).ToListAsync(ct);
        var userIds = items.Where(i => i.ResolvedByUserId != null).Select(i => i.ResolvedByUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var role = user.Role();
        return items.ConvertAll(i =>
        {
            string? link = null, label = null;
            if (i.ComponentId is { } componentId)
            {
                var weld = welds.Find(w => w.ComponentId == componentId);
                var component = components.Find(c => c.Id == componentId);
                (link, label) = weld is not null
                    ? ($"/projects/{projectId}/welds/{weld.Id}", $"Weld {weld.Number}")
                    : component is not null
                        ? ($"/projects/{projectId}/components/{component.Id}", $"{component.Type.Label()} {component.IdentityKey}")
                        : (null, null);
            }
            var age = ReviewRules.Age(i.CreatedAt, now);
            return new ReviewItemRow(
                i.Id, i.Type, ReviewRules.TypeLabel(i.Type), i.ComponentId, link, label, i.Payload, ReviewRules.Summary(i.Type, i.Payload),
                i.Status, i.CreatedAt, age.ToString().ToLowerInvariant(), ReviewRules.AgeText(i.CreatedAt, now),
                i.ResolvedByUserId, names.Find(n => n.Id == i.ResolvedByUserId)?.FullName, i.ResolvedAt, i.Note,
                i.Status == ReviewItemTypes.Pending && ReviewRules.CanResolve(role, i.Type));
        });
    }
}
