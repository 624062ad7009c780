using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Milestones;

public sealed record BulkReceiveFailure(Guid ComponentId, string Reason);

/// <summary>TRK-080 outcome; <see cref="Summary"/> is the spec's line.</summary>
public sealed record BulkReceiveResult(int Attempted, int Updated, int Skipped, int Failed, IReadOnlyList<BulkReceiveFailure> Failures)
{
    public string Summary => BulkReceive.Summary(Attempted, Updated, Skipped, Failed);
}

public enum BulkReceiveStatus
{
    Ok = 1,
    NotFound,
    Forbidden,
    Invalid,
}

public sealed record BulkReceiveOutcome(BulkReceiveStatus Status, BulkReceiveResult? Result = null, string? Message = null);

/// <summary>
/// TRK-080 Mark Received (owner/admin/PM/foreman): Receive = 100 on each selected component whose
/// Receive is below 100; components already received or without Receive are skipped. Each change is a
/// normal milestone update (<see cref="MilestoneCommands"/>: own event, own transaction), so one
/// failure never undoes the others.
/// </summary>
public sealed class BulkReceiveCommand(AppDbContext db, MilestoneCommands commands)
{
    public const int MaxComponents = 1000;
    public static readonly string TooManyMessage = string.Create(CultureInfo.InvariantCulture, $"Select at most {MaxComponents:N0} components");
    public const string NoneSelectedMessage = "Select at least one component";
    public const string NotFoundReason = "Component not found in this project";

    public async Task<BulkReceiveOutcome> RunAsync(ClaimsPrincipal user, Guid projectId, IReadOnlyCollection<Guid> componentIds, string? idempotencyKey, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.IsArchived }).SingleOrDefaultAsync(ct);
        if (project is null || (project.IsArchived && !user.Can(Permission.ManageProjects)))
        {
            return new BulkReceiveOutcome(BulkReceiveStatus.NotFound);
        }
        if (!user.Can(Permission.AssignWork))
        {
            return new BulkReceiveOutcome(BulkReceiveStatus.Forbidden, Message: $"You don't have permission to {Permission.AssignWork.ActionPhrase()}.");
        }
        var ids = componentIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new BulkReceiveOutcome(BulkReceiveStatus.Invalid, Message: NoneSelectedMessage);
        }
        if (ids.Count > MaxComponents)
        {
            return new BulkReceiveOutcome(BulkReceiveStatus.Invalid, Message: TooManyMessage);
        }

        var components = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Type })
            .ToDictionaryAsync(c => c.Id, c => c.Type, ct);
        var received = await db.MilestoneValues.AsNoTracking()
            .Where(v => ids.Contains(v.ComponentId) && v.Milestone == BulkReceive.Milestone)
            .ToDictionaryAsync(v => v.ComponentId, v => v.Value, ct);
        var types = components.Values.Distinct().ToList();
        var templateRows = await db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == projectId && types.Contains(r.ComponentType))
            .ToListAsync(ct);
        var hasReceive = types.ToDictionary(t => t, t =>
            EffectiveTemplate.For(t, templateRows.Where(r => r.ComponentType == t).Select(r => r.ToRow()).ToList()).Rows
                .Any(r => string.Equals(r.Name, BulkReceive.Milestone, StringComparison.Ordinal)));

        int updated = 0, skipped = 0;
        var failures = new List<BulkReceiveFailure>();
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (!components.TryGetValue(id, out var type))
            {
                failures.Add(new BulkReceiveFailure(id, NotFoundReason));
                continue;
            }
            if (!BulkReceive.ShouldUpdate(hasReceive[type], received.TryGetValue(id, out var v) ? v : null))
            {
                skipped++;
                continue;
            }
            var key = string.IsNullOrEmpty(idempotencyKey) ? null : string.Create(CultureInfo.InvariantCulture, $"{idempotencyKey}:{i}");
            var result = await commands.UpdateAsync(user, projectId, id, BulkReceive.Milestone, new MilestoneUpdateInput(MilestoneValue.Complete.Value, IdempotencyKey: key), ct);
            if (result.Status == MilestoneCommandStatus.Ok && result.Event is not null)
            {
                updated++;
            }
            else if (result.Status == MilestoneCommandStatus.Ok)
            {
                skipped++; // set meanwhile by someone else (TRK-046 no-op)
            }
            else
            {
                failures.Add(new BulkReceiveFailure(id, result.Message ?? (result.Status == MilestoneCommandStatus.NotFound ? NotFoundReason : "Not updated")));
            }
        }
        return new BulkReceiveOutcome(BulkReceiveStatus.Ok, new BulkReceiveResult(ids.Count, updated, skipped, failures.Count, failures));
    }
}
