using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.IntegrationTests.Demo;

/// <summary>Issue 3 item 9: seed-demo writes a consistent project on both providers (bulk paths: COPY on PostgreSQL, prepared inserts on SQLite).</summary>
public abstract class SeedDemoTests(PipeTrakFactory factory)
{
    private const int Components = 240;

    private async Task<(TestOrg Org, DemoFillResult Result)> CreateAsync(int seed = 11)
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoProjects>().CreateProjectAsync(org.Id, Components, seed, CancellationToken.None);
        return (org, result);
    }

    [Fact]
    public async Task Seed_demo_creates_the_asked_number_of_components_on_drawings_with_all_types()
    {
        var (org, result) = await CreateAsync();
        Assert.Equal(Components, result.Components);
        var (components, drawings, areas, packages, types) = await factory.WithDbAsync(async db => (
            // The generated components; the scenario's repair and unplanned welds come on top (DemoScenarioTests).
            await db.Components.CountAsync(c => c.ProjectId == result.ProjectId && !db.Welds.Any(w => w.ComponentId == c.Id && (w.OriginalWeldId != null || w.IsUnplanned))),
            await db.Drawings.CountAsync(d => d.ProjectId == result.ProjectId),
            await db.Areas.CountAsync(a => a.ProjectId == result.ProjectId),
            await db.TestPackages.CountAsync(p => p.ProjectId == result.ProjectId),
            await db.Components.Where(c => c.ProjectId == result.ProjectId && c.RetiredAt == null).Select(c => c.Type).Distinct().CountAsync()), org.Id);
        Assert.Equal(Components, components);
        Assert.Equal(DemoData.DrawingCountFor(Components), drawings);
        Assert.Equal(result.Drawings, drawings);
        Assert.True(areas > 0 && packages > 0);
        Assert.Equal(12, types);
        // TRK-023: the project got its rules of credit with it.
        Assert.Equal(65, await factory.WithDbAsync(db => db.ProjectTemplateRows.CountAsync(r => r.ProjectId == result.ProjectId), org.Id));
    }

    [Fact]
    public async Task TRK032_stored_percent_equals_a_recomputation_from_stored_values()
    {
        var (org, result) = await CreateAsync();
        var (components, values, templates) = await factory.WithDbAsync(async db => (
            await db.Components.AsNoTracking().Where(c => c.ProjectId == result.ProjectId).ToListAsync(),
            await db.MilestoneValues.AsNoTracking().Where(v => v.ProjectId == result.ProjectId).ToListAsync(),
            await db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == result.ProjectId).ToListAsync()), org.Id);
        Assert.Equal(result.MilestoneValues, values.Count);
        var byComponent = values.ToLookup(v => v.ComponentId);
        foreach (var c in components)
        {
            var template = templates.Where(r => r.ComponentType == c.Type).OrderBy(r => r.Order).Select(r => r.ToRow()).ToList();
            var stored = byComponent[c.Id].ToDictionary(v => v.Milestone, v => v.Value, StringComparer.Ordinal);
            Assert.Equal(ProgressRules.PercentComplete(template, stored), c.Percent);
        }
        Assert.Contains(components, c => c.Percent == 100);
        Assert.Contains(components, c => c.Percent is > 0 and < 100);
        Assert.Contains(components, c => c.RetiredAt is not null);
        Assert.Contains(components, c => c.BudgetedManhours > 0);
    }

    [Fact]
    public async Task TRK043_events_exist_and_end_at_the_stored_values()
    {
        var (org, result) = await CreateAsync();
        var (events, values) = await factory.WithDbAsync(async db => (
            await db.MilestoneEvents.AsNoTracking().Where(e => e.ProjectId == result.ProjectId).ToListAsync(),
            await db.MilestoneValues.AsNoTracking().Where(v => v.ProjectId == result.ProjectId).ToListAsync()), org.Id);
        Assert.NotEmpty(events);
        Assert.Equal(result.Events, events.Count);
        var stored = values.ToDictionary(v => (v.ComponentId, v.Milestone), v => v.Value.Value);
        foreach (var last in events.GroupBy(e => (e.ComponentId, e.Milestone)).Select(g => g.OrderBy(e => e.OccurredAt).Last()))
        {
            Assert.Equal(stored[(last.ComponentId, last.Milestone)], last.Value);
        }
        Assert.All(events, e => Assert.True(e.OccurredAt <= factory.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task TRK050_drawing_rollups_of_the_stored_rows_match_the_components()
    {
        var (org, result) = await CreateAsync();
        await factory.WithDbAsync(async db =>
        {
            var drawingIds = await db.Drawings.Where(d => d.ProjectId == result.ProjectId).Select(d => d.Id).ToListAsync();
            var rollups = await DrawingRollups.ForDrawingsAsync(db, result.ProjectId, drawingIds, CancellationToken.None);
            var components = await db.Components.AsNoTracking().Where(c => c.ProjectId == result.ProjectId && c.RetiredAt == null).ToListAsync();
            foreach (var group in components.GroupBy(c => c.DrawingId!.Value))
            {
                var figures = rollups[group.Key];
                Assert.Equal(group.Count(), figures.Total);
                Assert.Equal(group.Count(c => c.Percent == 100), figures.Completed);
                Assert.Equal(group.Sum(c => (long)(c.Percent * 100)), figures.Hundredths);
            }
        }, org.Id);
    }

    [Fact]
    public async Task TRK040_bulk_inserted_components_take_milestone_updates_through_the_api()
    {
        var (org, result) = await CreateAsync();
        var spool = await factory.WithDbAsync(db => db.Components.AsNoTracking()
            .Where(c => c.ProjectId == result.ProjectId && c.Type == ComponentType.Spool && c.RetiredAt == null && c.Percent < 100)
            .OrderBy(c => c.IdentityKey).FirstAsync(), org.Id);
        var before = await factory.ValuesAsync(org.Id, spool.Id);
        var milestone = DefaultTemplates.For(ComponentType.Spool).First(r => before.GetValueOrDefault(r.Name).Value < 100).Name;
        using var api = await factory.ApiClientAsync(org.Owner);
        var response = await api.SendJsonAsync(HttpMethod.Post,
            $"/api/v1/projects/{result.ProjectId}/components/{spool.Id}/milestones/{Uri.EscapeDataString(milestone)}", new { value = 100 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var values = await factory.ValuesAsync(org.Id, spool.Id);
        Assert.Equal(100, values[milestone].Value);
        Assert.Equal(ProgressRules.PercentComplete(DefaultTemplates.For(ComponentType.Spool), values), (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
    }

    [Fact]
    public async Task TRK091_the_demo_budget_is_one_active_version_matching_the_distributed_manhours()
    {
        var (org, result) = await CreateAsync();
        var (budgets, distributed) = await factory.WithDbAsync(async db => (
            await db.ManhourBudgets.AsNoTracking().Where(b => b.ProjectId == result.ProjectId).ToListAsync(),
            (await db.Components.AsNoTracking().Where(c => c.ProjectId == result.ProjectId && c.RetiredAt == null).Select(c => c.BudgetedManhours).ToListAsync()).Sum()), org.Id);
        var budget = Assert.Single(budgets);
        Assert.True(budget.IsActive);
        Assert.True(distributed > 0m);
        Assert.Equal(distributed, budget.TotalManhours);
        Assert.Equal(distributed, budget.DistributedManhours);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_project_contents()
    {
        var (orgA, a) = await CreateAsync(seed: 5);
        var (orgB, b) = await CreateAsync(seed: 5);
        static async Task<List<string>> ContentsAsync(PipeTrakFactory f, Guid org, Guid project) =>
            (await f.WithDbAsync(db => db.Components.AsNoTracking().Where(c => c.ProjectId == project)
                .Select(c => new { c.Type, c.IdentityKey, c.Percent, c.BudgetedManhours, c.RetiredReason }).ToListAsync(), org))
            .Select(c => $"{c.Type} {c.IdentityKey} {c.Percent} {c.BudgetedManhours} {c.RetiredReason}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(await ContentsAsync(factory, orgA.Id, a.ProjectId), await ContentsAsync(factory, orgB.Id, b.ProjectId));
    }

    [Fact]
    public async Task Seed_demo_command_adds_a_generated_project_to_the_demo_organization()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var exit = await DemoCommand.RunAsync(scope.ServiceProvider, ["--components", "120", "--seed", "9"], CancellationToken.None);
        Assert.Equal(0, exit);
        var orgId = (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().OrganizationIdAsync(CancellationToken.None))!.Value;
        var (defaultComponents, generated) = await factory.WithDbAsync(async db => (
            await db.Components.CountAsync(c => db.Projects.Any(p => p.Id == c.ProjectId && p.Name == DemoSeeder.ProjectName) && !db.Welds.Any(w => w.ComponentId == c.Id && (w.OriginalWeldId != null || w.IsUnplanned))),
            await db.Components.CountAsync(c => db.Projects.Any(p => p.Id == c.ProjectId && p.Name.StartsWith("Demo 120 components, seed 9")) && !db.Welds.Any(w => w.ComponentId == c.Id && (w.OriginalWeldId != null || w.IsUnplanned)))), orgId);
        // The embedded default project is the ~1,200-component one; the command added 120 more.
        Assert.Equal(DemoData.DefaultComponents, defaultComponents);
        Assert.True(generated >= 120 && generated % 120 == 0);
    }

    [Fact]
    public async Task Seed_demo_api_token_role_pm_issues_the_token_to_the_demo_project_manager()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var exit = await DemoCommand.RunAsync(scope.ServiceProvider, ["--components", "120", "--seed", "31", "--api-token-role", "pm"], CancellationToken.None);
        Assert.Equal(0, exit);
        var pm = DemoSeeder.Users.Single(u => u.Role == OrgRole.ProjectManager).Email.ToUpperInvariant();
        var owners = await factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().Where(t => t.Name == "seed-demo 31")
            .Select(t => db.Users.Where(u => u.Id == t.UserId).Select(u => u.NormalizedEmail).Single()).ToListAsync());
        Assert.Equal(pm, Assert.Single(owners));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SeedDemoTests_Sqlite(SqliteFactory factory) : SeedDemoTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class SeedDemoTests_Postgres(PostgresFactory factory) : SeedDemoTests(factory);
