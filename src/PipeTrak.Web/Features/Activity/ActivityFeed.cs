using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Activity;

/// <summary>One entry of the recent-activity feed (RPT-050/051/053).</summary>
public sealed record ActivityItem(
    Guid EventId,
    Guid ComponentId,
    Guid UserId,
    string FullName,
    string Initials,
    string Sentence,
    string ComponentType,
    string Identity,
    string Milestone,
    int Value,
    string? DrawingNumber,
    DateTime OccurredAt,
    DateTime RecordedAt);

/// <summary>
/// RPT-050: a project's last milestone events, newest first, scoped to the caller's organization by the
/// tenant query filters. Suppressed duplicates (TRK-045/046) are never written, so they never appear.
/// Reads the (project, recorded_at) index backwards and stops at <c>limit</c>.
/// </summary>
public static class ActivityFeed
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    private sealed record Row(
        Guid EventId, Guid ComponentId, Guid UserId, ComponentType Type, string IdentityKey, string Attributes,
        string? DrawingNumber, string Milestone, int Value, string? FullName, string? Email, DateTime OccurredAt, DateTime RecordedAt);

    public static async Task<IReadOnlyList<ActivityItem>> RecentAsync(AppDbContext db, Guid projectId, int limit, CancellationToken ct)
    {
        var rows = await (
            from e in db.MilestoneEvents.AsNoTracking()
            where e.ProjectId == projectId
            join c in db.Components.AsNoTracking() on e.ComponentId equals c.Id
            join d in db.Drawings.AsNoTracking() on c.DrawingId equals (Guid?)d.Id into drawings
            from d in drawings.DefaultIfEmpty()
            join u in db.Users.AsNoTracking() on e.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby e.RecordedAt descending, e.Id descending
            select new Row(
                e.Id, c.Id, e.UserId, c.Type, c.IdentityKey, c.Attributes, d == null ? null : d.Number, e.Milestone, e.Value,
                u == null ? null : u.FullName, u == null ? null : u.Email, e.OccurredAt, e.RecordedAt))
            .Take(limit)
            .ToListAsync(ct);
        var siblings = await SiblingMaxSeqAsync(db, projectId, rows, ct);
        return [.. rows.Select(r =>
        {
            var prefix = ActivitySentence.SiblingPrefix(r.Type, r.IdentityKey);
            var n = prefix is not null && siblings.TryGetValue((r.Type, prefix), out var max) ? max : 1;
            var identity = ActivitySentence.Identity(r.Type, r.IdentityKey, r.Attributes, n);
            var name = string.IsNullOrWhiteSpace(r.FullName) ? r.Email ?? "Someone" : r.FullName;
            return new ActivityItem(
                r.EventId, r.ComponentId, r.UserId, name, ActivitySentence.Initials(r.FullName, r.Email),
                ActivitySentence.Build(name, r.Type, identity, r.ComponentId, r.Milestone, r.Value, r.DrawingNumber),
                r.Type.Code(), identity, r.Milestone, r.Value, r.DrawingNumber, r.OccurredAt, r.RecordedAt);
        })];
    }

    /// <summary>TRK-013: n of <c>{seq} of {n}</c> is the highest seq among non-retired siblings (same drawing, code, size).</summary>
    private static async Task<Dictionary<(ComponentType, string), int>> SiblingMaxSeqAsync(AppDbContext db, Guid projectId, List<Row> rows, CancellationToken ct)
    {
        var result = new Dictionary<(ComponentType, string), int>();
        foreach (var key in rows.Select(r => (r.Type, Prefix: ActivitySentence.SiblingPrefix(r.Type, r.IdentityKey))).Distinct())
        {
            if (key.Prefix is not { } prefix)
            {
                continue;
            }
            var keys = await db.Components.AsNoTracking()
                .Where(c => c.ProjectId == projectId && c.Type == key.Type && c.RetiredAt == null && c.IdentityKey.StartsWith(prefix))
                .Select(c => c.IdentityKey)
                .ToListAsync(ct);
            result[(key.Type, prefix)] = keys.Count == 0 ? 1 : keys.Max(ActivitySentence.Seq);
        }
        return result;
    }
}
