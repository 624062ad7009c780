using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.IntegrationTests.Demo;

/// <summary>
/// Issue 4 item 9 / issue 5 item 10: a seeded demo project has welders, welds in every WLD state and
/// packages in every PKG-032/059 state, all consistent with the rules, on both providers.
/// </summary>
public abstract class DemoScenarioTests(PipeTrakFactory factory)
{
    private const int Components = 240;

    private async Task<(TestOrg Org, DemoFillResult Result)> CreateAsync(int seed = 11)
    {
        var org = await factory.CreateOrganizationAsync(withProject: false);
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DemoProjects>().CreateProjectAsync(org.Id, Components, seed, CancellationToken.None);
        return (org, result);
    }

    private sealed record WeldRow(Weld Weld, Component Component);

    private Task<List<WeldRow>> WeldsAsync(TestOrg org, Guid projectId) =>
        factory.WithDbAsync(async db => await (
            from w in db.Welds.AsNoTracking()
            join c in db.Components.AsNoTracking() on w.ComponentId equals c.Id
            where w.ProjectId == projectId
            select new WeldRow(w, c)).ToListAsync(), org.Id);

    [Fact]
    public async Task WLD010_demo_project_has_eight_welders_most_verified()
    {
        var (org, result) = await CreateAsync();
        var welders = await factory.WithDbAsync(db => db.Welders.AsNoTracking().Where(w => w.ProjectId == result.ProjectId).ToListAsync(), org.Id);
        Assert.Equal(8, welders.Count);
        Assert.All(welders, w => Assert.Null(WelderRules.ValidateStencil(w.Stencil)));
        Assert.Equal(7, welders.Count(w => w.IsVerified && w.VerifiedAt is not null && w.VerifiedByUserId is not null));
    }

    [Fact]
    public async Task WLD001_every_field_weld_component_has_exactly_one_weld_record()
    {
        var (org, result) = await CreateAsync();
        var (fieldWelds, welds) = await factory.WithDbAsync(async db => (
            await db.Components.AsNoTracking().Where(c => c.ProjectId == result.ProjectId && c.Type == ComponentType.FieldWeld).Select(c => c.Id).ToListAsync(),
            await db.Welds.AsNoTracking().Where(w => w.ProjectId == result.ProjectId).Select(w => w.ComponentId).ToListAsync()), org.Id);
        Assert.Equal(fieldWelds.Order(), welds.Order());
        Assert.Equal(welds.Count, welds.Distinct().Count());
    }

    [Fact]
    public async Task WLD020_to_057_welds_exist_in_every_state()
    {
        var (org, result) = await CreateAsync();
        var rows = await WeldsAsync(org, result.ProjectId);
        var live = rows.Where(r => r.Component.RetiredAt is null).ToList();
        // Unwelded, welded without NDE, PASS accepted, FAIL rejected, PENDING active.
        Assert.Contains(live, r => r.Weld.WelderId is null && r.Weld.DateWelded is null && r.Weld.Status == WeldStatus.Active);
        Assert.Contains(live, r => r.Weld.WelderId is not null && r.Weld.NdeResult is null && r.Weld.Status == WeldStatus.Active);
        Assert.Contains(live, r => r.Weld.NdeResult == NdeResult.Pass && r.Weld.Status == WeldStatus.Accepted && r.Component.Percent == 100);
        Assert.Contains(live, r => r.Weld.NdeResult == NdeResult.Pending && r.Weld.Status == WeldStatus.Active && r.Component.Percent == 70);
        var failed = live.Where(r => r.Weld.NdeResult == NdeResult.Fail).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.Equal(WeldStatus.Rejected, r.Weld.Status));
        Assert.All(failed, r => Assert.Equal(100, r.Component.Percent)); // WLD-003

        // WLD-040..043: each failed weld has its repair, numbered {parent}.{depth}; some welded, one accepted.
        var repairs = live.Where(r => r.Weld.OriginalWeldId is not null).ToList();
        Assert.Equal(failed.Count, repairs.Count);
        foreach (var repair in repairs)
        {
            var parent = rows.Single(r => r.Weld.Id == repair.Weld.OriginalWeldId);
            Assert.Equal(NdeResult.Fail, parent.Weld.NdeResult);
            Assert.Equal(RepairRules.Number(parent.Weld.Number, parent.Weld.RepairDepth), repair.Weld.Number);
            Assert.Equal(parent.Component.DrawingId, repair.Component.DrawingId);
            Assert.Equal(0m, repair.Component.BudgetedManhours);
        }
        Assert.Contains(repairs, r => r.Weld.WelderId is null && r.Component.Percent == 10);
        Assert.Contains(repairs, r => r.Weld.WelderId is not null && r.Weld.NdeResult is null);
        Assert.Single(repairs, r => r.Weld.Status == WeldStatus.Accepted);

        // WLD-050/051/057: unplanned welds numbered like their drawing's welds, one of them retired.
        var unplanned = rows.Where(r => r.Weld.IsUnplanned).ToList();
        Assert.Equal(2, unplanned.Count);
        Assert.Single(unplanned, r => r.Component.RetiredAt is not null);
        Assert.All(unplanned, r => Assert.False(r.Weld.NdeRequired));
        foreach (var u in unplanned)
        {
            var prefix = u.Weld.Number.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            Assert.Contains(rows, r => !r.Weld.IsUnplanned && r.Weld.Number.StartsWith(prefix, StringComparison.Ordinal) && r.Component.DrawingId == u.Component.DrawingId);
        }
    }

    [Fact]
    public async Task WLD059_weld_events_and_review_items_are_those_the_commands_write()
    {
        var (org, result) = await CreateAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var (events, items, rows) = await factory.WithDbAsync(async db => (
            await db.WeldEvents.AsNoTracking().Where(e => e.ProjectId == result.ProjectId).ToListAsync(),
            await db.ReviewItems.AsNoTracking().Where(i => i.ProjectId == result.ProjectId).ToListAsync(),
            await db.Welds.AsNoTracking().Where(w => w.ProjectId == result.ProjectId).ToListAsync()), org.Id);
        foreach (var action in new[] { WeldEventActions.Assign, WeldEventActions.NdeRecord, WeldEventActions.RepairCreated, WeldEventActions.Retire })
        {
            Assert.Contains(events, e => e.Action == action);
        }
        Assert.All(events, e => Assert.True(e.OccurredAt <= now));
        // Every welded weld has its assign event and its weld_completed item (WLD-021).
        foreach (var weld in rows.Where(w => w.WelderId is not null))
        {
            Assert.Contains(events, e => e.WeldId == weld.Id && e.Action == WeldEventActions.Assign && e.WelderId == weld.WelderId && e.DateWelded == weld.DateWelded);
            Assert.Single(items, i => i.ComponentId == weld.ComponentId && i.Type == ReviewItemTypes.WeldCompleted);
            Assert.True(weld.DateWelded <= DateOnly.FromDateTime(now));
            Assert.True(weld.NdeDate is null || weld.NdeDate >= weld.DateWelded);
        }
        // QC resolved all but one or two, which are pending.
        var pending = items.Where(i => i.Status == ReviewItemTypes.Pending).ToList();
        Assert.InRange(pending.Count, 1, 2);
        Assert.All(items.Where(i => i.Status == ReviewItemTypes.Resolved), i => Assert.True(i.ResolvedAt >= i.CreatedAt && i.ResolvedAt <= now && i.ResolvedByUserId is not null));
    }

    [Fact]
    public async Task PKG032_packages_exist_in_every_state_and_readiness_equals_a_recomputation()
    {
        var (org, result) = await CreateAsync();
        var (readiness, packages, components, drawings, items) = await factory.WithDbAsync(async db => (
            await PackageQueries.ReadinessAsync(db, result.ProjectId, CancellationToken.None),
            await db.TestPackages.AsNoTracking().Where(p => p.ProjectId == result.ProjectId).ToListAsync(),
            await db.Components.AsNoTracking().Where(c => c.ProjectId == result.ProjectId && c.RetiredAt == null).ToListAsync(),
            await db.Drawings.AsNoTracking().Where(d => d.ProjectId == result.ProjectId).ToDictionaryAsync(d => d.Id, d => d.PackageId),
            await db.ReviewItems.AsNoTracking().Where(i => i.ProjectId == result.ProjectId && i.Status == ReviewItemTypes.Pending).ToListAsync()), org.Id);
        var statuses = new List<PackageStatus>();
        foreach (var package in packages)
        {
            // PKG-030/031 from the component rows.
            var members = components.Where(c => (c.PackageId ?? (c.DrawingId is { } d ? drawings[d] : null)) == package.Id).ToList();
            var expected = PackageReadiness.Empty;
            foreach (var m in members)
            {
                expected = expected.Add(m.Percent, m.PostHydro, items.Count(i => i.ComponentId == m.Id));
            }
            var actual = readiness.TryGetValue(package.Id, out var r) ? r.Readiness : PackageReadiness.Empty;
            Assert.Equal(expected, actual);
            statuses.Add(actual.Status);
        }
        Assert.Contains(PackageStatus.Ready, statuses);
        Assert.Contains(PackageStatus.InProgress, statuses);
        Assert.Contains(PackageStatus.Blocked, statuses);
        Assert.Contains(packages, p => readiness[p.Id].Readiness.Total == 0); // an empty package
    }

    [Fact]
    public async Task PKG059_one_package_is_final_and_one_part_way_with_sign_offs_and_past_dates()
    {
        var (org, result) = await CreateAsync();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var (stages, certificates) = await factory.WithDbAsync(async db => (
            await db.PackageStages.AsNoTracking().Include(s => s.SignOffs).Where(s => s.ProjectId == result.ProjectId).ToListAsync(),
            await db.PackageCertificates.AsNoTracking().Where(c => c.ProjectId == result.ProjectId).ToListAsync()), org.Id);
        var byPackage = stages.GroupBy(s => s.PackageId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Number).ToList());
        var final = Assert.Single(byPackage, p => Workflow.IsFinal([.. p.Value.Select(s => s.Status)]));
        Assert.Contains(final.Value, s => s.Status == StageStatus.Skipped && !string.IsNullOrWhiteSpace(s.SkipReason));
        Assert.Equal(CertificateStatus.Submitted, certificates.Single(c => c.PackageId == final.Key).Status);
        var partWay = Assert.Single(byPackage, p => p.Value.Any(s => s.Status == StageStatus.Completed) && !Workflow.IsFinal([.. p.Value.Select(s => s.Status)]));
        Assert.Equal(StageStatus.InProgress, partWay.Value[Workflow.CurrentStage([.. partWay.Value.Select(s => s.Status)])!.Value].Status);
        Assert.Contains(certificates, c => c.Status == CertificateStatus.Draft);
        foreach (var stage in stages.Where(s => s.Status == StageStatus.Completed))
        {
            Assert.Null(Workflow.MissingSignOffs(stage.Kind, stage.SignOffs.Select(s => s.Role))); // PKG-054
            Assert.True(stage.CompletedAt <= now && stage.CompletedByUserId is not null);
            Assert.All(stage.SignOffs, s => Assert.True(s.Date <= DateOnly.FromDateTime(now)));
        }
        // Most packages have not started their workflow.
        Assert.True(byPackage.Count(p => p.Value.All(s => s.Status == StageStatus.NotStarted)) > byPackage.Count / 2);
    }

    [Fact]
    public async Task TRK032_every_stored_percent_equals_ProgressRules_after_the_weld_commands()
    {
        var (org, result) = await CreateAsync();
        var (components, values, templates) = await factory.WithDbAsync(async db => (
            await db.Components.AsNoTracking().Where(c => c.ProjectId == result.ProjectId && c.Type == ComponentType.FieldWeld).ToListAsync(),
            await db.MilestoneValues.AsNoTracking().Where(v => v.ProjectId == result.ProjectId).ToListAsync(),
            await db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == result.ProjectId && r.ComponentType == ComponentType.FieldWeld).ToListAsync()), org.Id);
        var template = templates.OrderBy(r => r.Order).Select(r => r.ToRow()).ToList();
        var byComponent = values.ToLookup(v => v.ComponentId);
        foreach (var c in components)
        {
            Assert.Equal(ProgressRules.PercentComplete(template, byComponent[c.Id].ToDictionary(v => v.Milestone, v => v.Value, StringComparer.Ordinal)), c.Percent);
        }
        Assert.Equal(result.MilestoneValues, values.Count);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_welds_and_packages()
    {
        var (orgA, a) = await CreateAsync(seed: 5);
        var (orgB, b) = await CreateAsync(seed: 5);
        Assert.Equal(await StateAsync(orgA.Id, a.ProjectId), await StateAsync(orgB.Id, b.ProjectId));
    }

    /// <summary>Everything about welds, welders, review items and packages that does not depend on ids or the exact clock.</summary>
    private Task<List<string>> StateAsync(Guid org, Guid project) => factory.WithDbAsync(async db =>
    {
        var lines = new List<string>();
        var welders = await db.Welders.AsNoTracking().Where(w => w.ProjectId == project).ToDictionaryAsync(w => w.Id, w => $"{w.Stencil} {w.Name} {w.IsVerified}");
        lines.AddRange(welders.Values);
        var welds = await (
            from w in db.Welds.AsNoTracking()
            join c in db.Components.AsNoTracking() on w.ComponentId equals c.Id
            where w.ProjectId == project
            select new { w.Number, w.WelderId, w.NdeType, w.NdeResult, w.Status, w.IsUnplanned, w.RepairDepth, w.XRayPercent, c.Percent, Retired = c.RetiredAt != null }).ToListAsync();
        lines.AddRange(welds.Select(w =>
            $"{w.Number} {(w.WelderId is { } id ? welders[id] : "-")} {w.NdeType} {w.NdeResult} {w.Status} {w.IsUnplanned} {w.RepairDepth} {w.XRayPercent} {w.Percent} {w.Retired}"));
        lines.AddRange((await db.ReviewItems.AsNoTracking().Where(i => i.ProjectId == project).Select(i => new { i.Type, i.Status, i.Payload }).ToListAsync())
            .Select(i => $"{i.Type} {i.Status} {i.Payload.Length}"));
        var packages = await db.TestPackages.AsNoTracking().Where(p => p.ProjectId == project).ToDictionaryAsync(p => p.Id, p => p.Name);
        var stages = await db.PackageStages.AsNoTracking().Where(s => s.ProjectId == project)
            .Select(s => new { s.PackageId, s.Number, s.Kind, s.Status, SignOffs = s.SignOffs.Count }).ToListAsync();
        lines.AddRange(stages.Select(s => $"{packages[s.PackageId]} {s.Number} {s.Kind} {s.Status} {s.SignOffs}"));
        var readiness = await PackageQueries.ReadinessAsync(db, project, CancellationToken.None);
        lines.AddRange(readiness.Select(r => $"{packages[r.Key]} {r.Value.Readiness}"));
        lines.AddRange((await db.PackageCertificates.AsNoTracking().Where(c => c.ProjectId == project).ToListAsync())
            .Select(c => $"{packages[c.PackageId]} {c.Number} {c.Status} {c.TestPressure} {c.LineNumber}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }, org);
}

[Collection(SqliteCollection.Name)]
public sealed class DemoScenarioTests_Sqlite(SqliteFactory factory) : DemoScenarioTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DemoScenarioTests_Postgres(PostgresFactory factory) : DemoScenarioTests(factory);
