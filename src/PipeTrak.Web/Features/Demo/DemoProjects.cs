using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Demo;

/// <summary>What a demo fill wrote.</summary>
/// <summary>
/// What a demo fill wrote. <see cref="Components"/> counts the generated ones; the repair and unplanned
/// welds the scenario adds are in <see cref="Scenario"/>. Values and events include the scenario's.
/// </summary>
public sealed record DemoFillResult(Guid ProjectId, string ProjectName, int Drawings, int Components, int MilestoneValues, int Events, TimeSpan Elapsed)
{
    public int Welds { get; init; }

    public DemoScenarioResult Scenario { get; init; } = DemoScenarioResult.None;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"'{ProjectName}' ({ProjectId}): {Drawings:N0} drawings, {Components:N0} components ({Welds:N0} field welds, {Scenario.WeldsWelded:N0} welded, {Scenario.Repairs:N0} repairs, {Scenario.Unplanned:N0} unplanned), {MilestoneValues:N0} milestone values, {Events:N0} events in {Elapsed.TotalSeconds:0.0} s");
}

/// <summary>
/// Writes <see cref="DemoData"/> into a project: areas, systems and packages through EF, then the
/// drawings, components, milestone values and events through <see cref="BulkWriter"/> in chunks
/// (one transaction, owned by the caller or by <see cref="CreateProjectAsync"/>).
/// </summary>
public sealed class DemoProjects(AppDbContext db, TimeProvider clock, DemoScenario scenario, ILogger<DemoProjects> logger)
{
    private const int ChunkComponents = 20_000;

    /// <summary>Roles whose people record progress in the demo (the milestone values' "set by").</summary>
    private static readonly OrgRole[] FieldRoles = [OrgRole.Foreman, OrgRole.QcInspector, OrgRole.ProjectManager];

    /// <summary>
    /// Fills <paramref name="project"/> (already saved, with its TRK-023 rules of credit) with a
    /// generated project. Runs inside the caller's transaction when there is one.
    /// </summary>
    public async Task<DemoFillResult> FillAsync(Project project, int components, int seed, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        db.Tenant.Use(project.OrganizationId);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == project.OrganizationId && u.Role != null && FieldRoles.Contains(u.Role.Value))
            .OrderBy(u => u.Email)
            .Select(u => u.Id)
            .ToListAsync(ct);
        if (users.Count == 0)
        {
            users = await db.Users.AsNoTracking().Where(u => u.OrganizationId == project.OrganizationId).OrderBy(u => u.Email).Select(u => u.Id).ToListAsync(ct);
        }
        var data = DemoData.Create(new DemoDataOptions(project.OrganizationId, project.Id, users, clock.GetUtcNow().UtcDateTime)
        {
            Components = components,
            Seed = seed,
        });
        db.Areas.AddRange(data.Areas);
        db.Systems.AddRange(data.Systems);
        db.TestPackages.AddRange(data.Packages);
        db.PackageStages.AddRange(data.Stages);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var writer = new BulkWriter(db);
        var drawings = new List<Drawing>();
        var rows = new List<Component>(ChunkComponents + 1_000);
        var values = new List<MilestoneValueRow>();
        var events = new List<MilestoneEvent>();
        var welds = new List<Weld>();
        var weldEvents = new List<WeldEvent>();
        int drawingCount = 0, componentCount = 0, valueCount = 0, eventCount = 0, weldCount = 0, budgeted = 0;
        var budgetedManhours = 0m;
        foreach (var batch in data.Batches())
        {
            drawings.Add(batch.Drawing);
            rows.AddRange(batch.Components);
            values.AddRange(batch.Values);
            events.AddRange(batch.Events);
            welds.AddRange(batch.Welds);
            weldEvents.AddRange(batch.WeldEvents);
            if (rows.Count >= ChunkComponents)
            {
                await FlushAsync();
            }
        }
        await FlushAsync();
        // TRK-091: the generator distributed the budget with the same TRK-093/094 functions as a budget
        // version does; record that version as the project's active one.
        var now = clock.GetUtcNow().UtcDateTime;
        db.ManhourBudgets.Add(new ManhourBudget
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project.OrganizationId,
            ProjectId = project.Id,
            Number = 1,
            TotalManhours = budgetedManhours,
            Reason = "Demo baseline budget",
            EffectiveDate = DateOnly.FromDateTime(now),
            IsActive = true,
            CreatedAt = now,
            DistributedAt = now,
            ComponentCount = budgeted,
            DistributedManhours = budgetedManhours,
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // Issue 4 item 9 / issue 5 item 10: welders, welds and packages in every state, through their commands.
        var story = await scenario.RunAsync(project, data, seed, ct);
        var result = new DemoFillResult(project.Id, project.Name, drawingCount, componentCount, valueCount + story.MilestoneValues, eventCount + story.MilestoneEvents,
            clock.GetElapsedTime(started))
        {
            Welds = weldCount,
            Scenario = story,
        };
        DemoLog.Filled(logger, project.Id, drawingCount, componentCount, result.MilestoneValues, result.Events, (long)result.Elapsed.TotalMilliseconds);
        return result;

        async Task FlushAsync()
        {
            // Parents first: components reference drawings, values and events reference components.
            await writer.InsertAsync(drawings, ct);
            await writer.InsertAsync(rows, ct);
            await writer.InsertAsync(values, ct);
            await writer.InsertAsync(events, ct);
            await writer.InsertAsync(welds, ct);
            await writer.InsertAsync(weldEvents, ct);
            foreach (var row in rows.Where(r => r.RetiredAt is null))
            {
                budgeted++;
                budgetedManhours += row.BudgetedManhours;
            }
            drawingCount += drawings.Count;
            componentCount += rows.Count;
            valueCount += values.Count;
            eventCount += events.Count;
            weldCount += welds.Count;
            drawings.Clear();
            rows.Clear();
            values.Clear();
            events.Clear();
            welds.Clear();
            weldEvents.Clear();
        }
    }

    /// <summary>
    /// A new project in the organization with a generated fill, all or nothing. The name is
    /// "Demo {N} components, seed {S}", numbered when it is taken.
    /// </summary>
    public async Task<DemoFillResult> CreateProjectAsync(Guid organizationId, int components, int seed, CancellationToken ct)
    {
        db.Tenant.Use(organizationId);
        var baseName = string.Create(CultureInfo.InvariantCulture, $"Demo {components:N0} components, seed {seed}");
        var name = baseName;
        for (var n = 2; await db.Projects.AnyAsync(p => p.NameKey == Project.KeyOf(name), ct); n++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{baseName} ({n})");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var project = new Project
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = organizationId,
                Description = "Generated demo project (seed-demo).",
                TimeZone = "America/Chicago",
                CreatedAt = now,
                Version = Guid.NewGuid(),
            };
            project.Rename(name);
            db.Projects.Add(project);
            ProjectTemplates.CopyDefaults(db, project);
            await db.SaveChangesAsync(ct);
            var result = await FillAsync(project, components, seed, ct);
            await tx.CommitAsync(ct);
            return result;
        });
    }

    /// <summary>PostgreSQL: fresh statistics after a bulk load, so the first roll-up query gets a good plan.</summary>
    public async Task AnalyzeAsync(CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"ANALYZE drawings, components, milestone_values, milestone_events, welds", ct);
        }
    }
}

/// <summary>Demo data log lines. Ids and counts only.</summary>
public static partial class DemoLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Demo project {ProjectId} filled: {Drawings} drawings, {Components} components, {Values} milestone values, {Events} events in {ElapsedMs} ms")]
    public static partial void Filled(ILogger logger, Guid projectId, int drawings, int components, int values, int events, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo scenario of project {ProjectId}: {Welded} welds welded, {Repairs} repairs, {Unplanned} unplanned welds, {Pending} review items pending in {ElapsedMs} ms")]
    public static partial void ScenarioRan(ILogger logger, Guid projectId, int welded, int repairs, int unplanned, int pending, long elapsedMs);
}
