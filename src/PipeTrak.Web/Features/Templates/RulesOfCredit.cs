using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Templates;

/// <summary>One milestone of a type's rules of credit as the editor and the API show it.</summary>
public sealed record TemplateMilestoneView(string Name, int Weight, MilestoneKind Kind, MilestoneCategory Category, bool RequiresWelder, int DefaultWeight);

/// <summary>A type's rules of credit (TRK-023) with the version the editor submits back (TRK-025).</summary>
public sealed record TypeTemplateView(ComponentType Type, Guid Version, IReadOnlyList<TemplateMilestoneView> Milestones)
{
    public int Total => Milestones.Sum(m => m.Weight);
}

public enum RulesOfCreditStatus
{
    Ok = 1,
    NotFound,
    Forbidden,
    Archived,

    /// <summary>TRK-024: a weight check failed (<see cref="SaveWeightsResult.Message"/> is the spec message).</summary>
    Invalid,

    /// <summary>TRK-025: the template changed since the editor loaded it; nothing was saved.</summary>
    Conflict,
}

public sealed record SaveWeightsResult(RulesOfCreditStatus Status, string? Message = null, TypeTemplateView? Current = null, int Recalculated = 0);

/// <summary>
/// TRK-024..027: reads and edits a project's rules of credit. Only weights change; the save checks
/// TRK-024 in order, refuses a stale version (TRK-025), optionally recalculates every non-retired
/// component of the type with <see cref="ProgressRules.PercentComplete(IReadOnlyList{TemplateRow}, IReadOnlyDictionary{string, MilestoneValue})"/>
/// in the same transaction (TRK-026), and audits every save (TRK-027). Owner, admin and project
/// manager only (PPL-040 row 6), checked here for pages and API alike.
/// </summary>
public sealed class RulesOfCredit(AppDbContext db, AuditLog audit, ILogger<RulesOfCredit> logger)
{
    public const string AuditAction = "rules_of_credit.updated";
    private const int RecalculationBatch = 500;
    private const int MaxAttempts = 3;

    /// <summary>The project (visible to the caller) and the refusal, if any, for reading or editing its rules of credit.</summary>
    public async Task<(Project? Project, RulesOfCreditStatus Status)> AuthorizeAsync(ClaimsPrincipal user, Guid projectId, bool write, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !ProjectOperations.CanSee(user, project))
        {
            return (null, RulesOfCreditStatus.NotFound);
        }
        if (!user.Can(Permission.ManageProjects))
        {
            return (project, RulesOfCreditStatus.Forbidden);
        }
        return write && project.IsArchived ? (project, RulesOfCreditStatus.Archived) : (project, RulesOfCreditStatus.Ok);
    }

    /// <summary>TRK-023: the 12 types' templates in IMP-021 order (the default stands in, logged, where rows are missing).</summary>
    public async Task<IReadOnlyList<TypeTemplateView>> ListAsync(Guid projectId, CancellationToken ct)
    {
        var rows = await db.ProjectTemplateRows.AsNoTracking()
            .Where(r => r.ProjectId == projectId)
            .OrderBy(r => r.Order)
            .ToListAsync(ct);
        var byType = rows.ToLookup(r => r.ComponentType);
        return ComponentTypes.All.Select(type => View(projectId, type, byType[type].ToList())).ToList();
    }

    public async Task<TypeTemplateView> GetAsync(Guid projectId, ComponentType type, CancellationToken ct)
    {
        var rows = await RowsAsync(projectId, type, tracked: false, ct);
        return View(projectId, type, rows);
    }

    /// <summary>
    /// TRK-024..027. <paramref name="version"/> is the version the editor loaded; a different
    /// current version saves nothing (TRK-025).
    /// </summary>
    public async Task<SaveWeightsResult> SaveAsync(
        ClaimsPrincipal user, Guid projectId, ComponentType type, IReadOnlyList<SubmittedWeight>? weights, Guid? version, bool applyToExisting, CancellationToken ct)
    {
        var (project, status) = await AuthorizeAsync(user, projectId, write: true, ct);
        if (status != RulesOfCreditStatus.Ok)
        {
            return new SaveWeightsResult(status);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TrySaveAsync(project!, type, weights, version, applyToExisting, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Either the template was saved by someone else meanwhile (the next attempt answers
                // TRK-025), or a component changed during the recalculation (start again).
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<SaveWeightsResult> TrySaveAsync(
        Project project, ComponentType type, IReadOnlyList<SubmittedWeight>? weights, Guid? version, bool applyToExisting, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rows = await RowsAsync(project.Id, type, tracked: true, ct);
        if (rows.Count == 0)
        {
            // TRK-023: rows missing; the default stood in. Saving creates the project's copy.
            MilestoneLog.TemplateMissing(logger, project.Id, type.Code());
            var defaults = DefaultTemplates.For(type);
            for (var i = 0; i < defaults.Count; i++)
            {
                var row = ProjectTemplateRow.From(project.OrganizationId, project.Id, type, i + 1, defaults[i]);
                row.Version = DefaultVersion(project.Id, type);
                db.ProjectTemplateRows.Add(row);
                rows.Add(row);
            }
        }
        var current = rows.ConvertAll(r => r.ToRow());
        // TRK-024 checks, in order.
        var (updated, error) = TemplateWeights.Apply(current, weights);
        if (error is not null)
        {
            return new SaveWeightsResult(RulesOfCreditStatus.Invalid, error, View(project.Id, type, rows));
        }
        // TRK-025: the version loaded must still be the current one.
        if (version is null || version != VersionOf(project.Id, type, rows))
        {
            db.ChangeTracker.Clear();
            return new SaveWeightsResult(RulesOfCreditStatus.Conflict, TemplateWeights.ConcurrencyMessage(type), await GetAsync(project.Id, type, ct));
        }

        var newVersion = Guid.NewGuid();
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Weight = updated![i].Weight;
            rows[i].Version = newVersion;
        }
        await db.SaveChangesAsync(ct);

        // TRK-026: recalculate in the same transaction; past events are never rewritten.
        var recalculated = applyToExisting ? await RecalculateAsync(project.Id, type, updated!, ct) : 0;

        // TRK-027: type, user, time (AuditLog), old and new weights, applied flag, count.
        audit.Record(project.OrganizationId, project.Id, AuditAction,
            applyToExisting
                ? $"Saved rules of credit for {type.Label()} and recalculated {recalculated} components"
                : $"Saved rules of credit for {type.Label()}",
            new
            {
                type = type.Code(),
                oldWeights = current.ToDictionary(r => r.Name, r => r.Weight, StringComparer.Ordinal),
                newWeights = updated!.ToDictionary(r => r.Name, r => r.Weight, StringComparer.Ordinal),
                applied = applyToExisting,
                recalculated,
            });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new SaveWeightsResult(RulesOfCreditStatus.Ok, Current: await GetAsync(project.Id, type, ct), Recalculated: recalculated);
    }

    /// <summary>
    /// TRK-026/TRK-032: every non-retired component of the type gets the one progress function's
    /// percent under the new template, batch by batch (never the whole project in memory, TRK-003).
    /// A component whose percent changes gets a new version (TRK-047).
    /// </summary>
    private async Task<int> RecalculateAsync(Guid projectId, ComponentType type, IReadOnlyList<TemplateRow> template, CancellationToken ct)
    {
        var ids = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Type == type && c.RetiredAt == null)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .ToListAsync(ct);
        foreach (var chunk in ids.Chunk(RecalculationBatch))
        {
            var batch = chunk.ToList();
            var components = await db.Components.Where(c => batch.Contains(c.Id)).ToListAsync(ct);
            var values = await db.MilestoneValues.AsNoTracking()
                .Where(v => batch.Contains(v.ComponentId))
                .Select(v => new { v.ComponentId, v.Milestone, v.Value })
                .ToListAsync(ct);
            var byComponent = values.ToLookup(v => v.ComponentId);
            foreach (var component in components)
            {
                var map = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal);
                foreach (var v in byComponent[component.Id])
                {
                    map[v.Milestone] = v.Value;
                }
                var percent = ProgressRules.PercentComplete(template, map);
                if (percent != component.Percent)
                {
                    component.Percent = percent;
                    component.Version = Guid.NewGuid();
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return ids.Count;
    }

    private async Task<List<ProjectTemplateRow>> RowsAsync(Guid projectId, ComponentType type, bool tracked, CancellationToken ct)
    {
        var query = db.ProjectTemplateRows.Where(r => r.ProjectId == projectId && r.ComponentType == type);
        if (!tracked)
        {
            query = query.AsNoTracking();
        }
        return await query.OrderBy(r => r.Order).ToListAsync(ct);
    }

    private TypeTemplateView View(Guid projectId, ComponentType type, List<ProjectTemplateRow> rows)
    {
        var defaults = DefaultTemplates.For(type);
        if (rows.Count == 0)
        {
            MilestoneLog.TemplateMissing(logger, projectId, type.Code());
            return new TypeTemplateView(type, DefaultVersion(projectId, type),
                defaults.Select(d => new TemplateMilestoneView(d.Name, d.Weight, d.Kind, d.Category, d.RequiresWelder, d.Weight)).ToList());
        }
        return new TypeTemplateView(type, VersionOf(projectId, type, rows),
            rows.Select(r => new TemplateMilestoneView(r.Milestone, r.Weight, r.Kind, r.Category, r.RequiresWelder,
                DefaultTemplates.Find(defaults, r.Milestone)?.Weight ?? r.Weight)).ToList());
    }

    /// <summary>
    /// TRK-025: a type's template version. A save gives all its rows one new version, so the first
    /// row's version changes with every save (a fresh copy's rows differ, and the first one counts).
    /// </summary>
    private static Guid VersionOf(Guid projectId, ComponentType type, List<ProjectTemplateRow> rows) =>
        rows.Count == 0 ? DefaultVersion(projectId, type) : rows.MinBy(r => r.Order)!.Version;

    /// <summary>A stable version for a type whose rows are missing, so the editor can still submit one.</summary>
    private static Guid DefaultVersion(Guid projectId, ComponentType type)
    {
        Span<byte> bytes = stackalloc byte[16];
        projectId.TryWriteBytes(bytes);
        bytes[15] ^= (byte)type;
        return new Guid(bytes);
    }
}
