using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Dashboard;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Rollups;

namespace PipeTrak.IntegrationTests.Rollups;

/// <summary>
/// TRK-049 / §7 and ADR 007: the roll-up cells kept by the database triggers equal a recomputation from
/// the component rows after every kind of write (EF insert/update/delete, bulk COPY, ExecuteUpdate,
/// ExecuteDelete, foreign-key SET NULL, project delete, a rolled-back transaction, concurrent updates),
/// and the dashboard read from them equals the component rows.
/// </summary>
public abstract class RollupCellTests(PipeTrakFactory factory)
{
    private Task AssertNoDriftAsync(TestOrg org) =>
        factory.WithDbAsync(async db => Assert.Empty(await RollupCells.DriftAsync(db, org.ProjectId, CancellationToken.None)), org.Id);

    private Task<List<RollupCell>> CellsAsync(TestOrg org) =>
        factory.WithDbAsync(db => db.RollupCells.AsNoTracking().Where(c => c.ProjectId == org.ProjectId).ToListAsync(), org.Id);

    private async Task AssertOverallEqualsComponentsAsync(TestOrg org)
    {
        var (rollup, live) = await factory.WithDbAsync(async db => (
            await ProjectRollups.ForProjectAsync(db, org.ProjectId!.Value, RollupGroupings.All, CancellationToken.None),
            await db.Components.AsNoTracking().Where(c => c.ProjectId == org.ProjectId && c.RetiredAt == null).Select(c => c.Percent).ToListAsync()), org.Id);
        Assert.Equal(live.Count, rollup.Components);
        Assert.Equal(live.Count(p => p >= 100m), rollup.Overall.Completed);
        Assert.Equal(live.Count == 0 ? 0m : Math.Round(live.Average(), 1, MidpointRounding.AwayFromZero), rollup.OverallPercent);
    }

    [Fact]
    public async Task TRK049_cells_equal_a_recomputation_after_every_kind_of_component_write()
    {
        var org = await factory.CreateOrganizationAsync();
        var seeded = await factory.SeedVariedProjectAsync(org);
        await AssertNoDriftAsync(org);
        Assert.NotEmpty(await CellsAsync(org));
        await AssertOverallEqualsComponentsAsync(org);

        // EF update of the figures a cell sums, one component at a time.
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Components.Where(c => c.ProjectId == org.ProjectId && c.RetiredAt == null).OrderBy(c => c.IdentityKey).FirstAsync();
            c.Percent = 37.25m;
            c.BudgetedManhours = 9.8765m;
            c.PostHydro = !c.PostHydro;
            await db.SaveChangesAsync();
        }, org.Id);
        await AssertNoDriftAsync(org);

        // Moving a component to another area, system and package moves it between cells.
        await factory.WithDbAsync(async db =>
        {
            var c = await db.Components.Where(c => c.ProjectId == org.ProjectId && c.AreaId == seeded.AreaNorth && c.RetiredAt == null).FirstAsync();
            c.AreaId = seeded.AreaSouth;
            c.SystemId = null;
            c.PackageId = seeded.PackageEmpty;
            c.DrawingId = null;
            await db.SaveChangesAsync();
        }, org.Id);
        await AssertNoDriftAsync(org);

        // Retire and restore (TRK-060: retired components leave every roll-up).
        var retired = await factory.WithDbAsync(async db =>
        {
            var c = await db.Components.Where(c => c.ProjectId == org.ProjectId && c.RetiredAt == null && c.Percent > 0).FirstAsync();
            c.RetiredAt = factory.Clock.GetUtcNow().UtcDateTime;
            c.RetiredReason = "Removed from scope";
            await db.SaveChangesAsync();
            return c.Id;
        }, org.Id);
        await AssertNoDriftAsync(org);
        await AssertOverallEqualsComponentsAsync(org);
        await factory.WithDbAsync(async db =>
        {
            await db.Components.Where(c => c.Id == retired).ExecuteUpdateAsync(u => u.SetProperty(c => c.RetiredAt, (DateTime?)null).SetProperty(c => c.RetiredReason, (string?)null));
        }, org.Id);
        await AssertNoDriftAsync(org);

        // Set-based writes: ExecuteUpdate over many rows and cells, then ExecuteDelete.
        await factory.WithDbAsync(async db =>
            await db.Components.Where(c => c.ProjectId == org.ProjectId).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Percent, c => c.Percent >= 50m ? 100m : c.Percent)
                .SetProperty(c => c.SystemId, seeded.SystemWater)), org.Id);
        await AssertNoDriftAsync(org);
        await AssertOverallEqualsComponentsAsync(org);
        await factory.WithDbAsync(async db =>
            await db.Components.Where(c => c.ProjectId == org.ProjectId && c.AreaId == seeded.AreaSouth).OrderBy(c => c.Id).Take(1).ExecuteDeleteAsync(), org.Id);
        await AssertNoDriftAsync(org);

        // Foreign-key SET NULL: deleting an area (and a package) moves its components to "Not Assigned" in the database itself.
        await factory.WithDbAsync(async db =>
        {
            await db.Areas.Where(a => a.Id == seeded.AreaSouth).ExecuteDeleteAsync();
            await db.TestPackages.Where(p => p.Id == seeded.PackageEmpty).ExecuteDeleteAsync();
        }, org.Id);
        await AssertNoDriftAsync(org);
        Assert.DoesNotContain(await CellsAsync(org), c => c.AreaId == seeded.AreaSouth || c.PackageId == seeded.PackageEmpty);
        await AssertOverallEqualsComponentsAsync(org);

        // A cell whose components all left is removed, not kept at zero.
        Assert.All(await CellsAsync(org), c => Assert.True(c.Total > 0));
    }

    [Fact]
    public async Task TRK049_a_rolled_back_write_leaves_the_cells_as_they_were()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(org);
        var before = (await CellsAsync(org)).OrderBy(c => c.DrawingId).ThenBy(c => c.AreaId).ThenBy(c => c.SystemId).ThenBy(c => c.PackageId).ToList();
        await factory.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Components.Where(c => c.ProjectId == org.ProjectId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Percent, 100m));
            Assert.All(await db.RollupCells.AsNoTracking().Where(c => c.ProjectId == org.ProjectId).ToListAsync(), c => Assert.Equal(c.Total, c.Completed));
            await tx.RollbackAsync();
        }, org.Id);
        var after = (await CellsAsync(org)).OrderBy(c => c.DrawingId).ThenBy(c => c.AreaId).ThenBy(c => c.SystemId).ThenBy(c => c.PackageId).ToList();
        Assert.Equal(before.Select(Describe), after.Select(Describe));
        await AssertNoDriftAsync(org);
    }

    private static string Describe(RollupCell c) =>
        $"{c.DrawingId} {c.AreaId} {c.SystemId} {c.PackageId}: {c.Total} {c.Completed} {c.PercentHundredths} {c.Testable} {c.TestableComplete} {c.BudgetedTenThousandths} {c.EarnedHundredMillionths}";

    [Fact]
    public async Task TRK049_concurrent_milestone_updates_through_the_api_lose_no_figure_in_a_shared_cell()
    {
        var org = await factory.CreateOrganizationAsync();
        var components = new List<Component>();
        for (var i = 0; i < 12; i++)
        {
            // Same (no drawing, area, system, package) cell for all of them.
            components.Add(await factory.AddComponentAsync(org, ComponentType.Support, budgetedManhours: 1.5m));
        }
        using var api = await factory.ApiClientAsync(org.Owner);
        var responses = await Task.WhenAll(components.Select(c => api.SendJsonAsync(HttpMethod.Post,
            $"/api/v1/projects/{org.ProjectId}/components/{c.Id}/milestones/Receive", new { value = 100 }, null)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await AssertNoDriftAsync(org);
        var cell = Assert.Single(await CellsAsync(org));
        Assert.Equal(12, cell.Total);
        var percent = (await factory.ReloadAsync(org.Id, components[0].Id)).Percent;
        Assert.True(percent > 0m);
        Assert.Equal(12 * (long)(percent * 100), cell.PercentHundredths);
        Assert.Equal(12 * 15_000L * (long)(percent * 100), cell.EarnedHundredMillionths);
        await AssertOverallEqualsComponentsAsync(org);
    }

    [Fact]
    public async Task TRK049_seed_demo_bulk_copy_and_every_demo_write_keep_the_cells_equal_to_the_components()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(0, await DemoCommand.RunAsync(scope.ServiceProvider, ["--components", "240", "--seed", "77"], CancellationToken.None));
        var orgId = (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().OrganizationIdAsync(CancellationToken.None))!.Value;
        await factory.WithDbAsync(async db =>
        {
            Assert.NotEmpty(await db.RollupCells.AsNoTracking().ToListAsync());
            Assert.Empty(await RollupCells.DriftAsync(db, null, CancellationToken.None));
        }, orgId);
    }

    [Fact]
    public async Task Verify_rollups_reports_drift_and_repair_rebuilds_the_cells_from_the_components()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(org);
        // What a restore with triggers disabled could leave behind: one cell off, one missing.
        await factory.WithDbAsync(async db =>
        {
            var cells = await db.RollupCells.Where(c => c.ProjectId == org.ProjectId).OrderBy(c => c.DrawingId).ThenBy(c => c.AreaId).Take(2).ToListAsync();
            await db.RollupCells.Where(c => c.ProjectId == cells[0].ProjectId && c.DrawingId == cells[0].DrawingId && c.AreaId == cells[0].AreaId
                    && c.SystemId == cells[0].SystemId && c.PackageId == cells[0].PackageId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Total, c => c.Total + 5));
            await db.RollupCells.Where(c => c.ProjectId == cells[1].ProjectId && c.DrawingId == cells[1].DrawingId && c.AreaId == cells[1].AreaId
                    && c.SystemId == cells[1].SystemId && c.PackageId == cells[1].PackageId)
                .ExecuteDeleteAsync();
        }, org.Id);
        var drift = await factory.WithDbAsync(db => RollupCells.DriftAsync(db, org.ProjectId, CancellationToken.None), org.Id);
        Assert.Equal(2, drift.Count);
        Assert.Contains(drift, d => d.Stored == "missing");

        async Task<(int Exit, string Output)> RunAsync(bool repair)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var output = new StringWriter();
            var exit = await VerifyRollupsCommand.RunAsync(scope.ServiceProvider, repair, output, CancellationToken.None);
            return (exit, output.ToString());
        }

        var (exit, text) = await RunAsync(repair: false);
        Assert.Equal(1, exit);
        Assert.Contains($"project {org.ProjectId}: 2 roll-up cell(s) differ from the components", text);
        Assert.Contains("Run: verify-rollups --repair", text);
        Assert.Equal(2, (await factory.WithDbAsync(db => RollupCells.DriftAsync(db, org.ProjectId, CancellationToken.None), org.Id)).Count);

        (exit, text) = await RunAsync(repair: true);
        Assert.Equal(0, exit);
        Assert.Contains("repaired:", text);
        await AssertNoDriftAsync(org);
        await AssertOverallEqualsComponentsAsync(org);
        (exit, text) = await RunAsync(repair: false);
        Assert.Equal(0, exit);
        Assert.Contains("Roll-ups verified", text);
    }

    [Fact]
    public async Task Deleting_a_project_removes_its_cells()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(org);
        Assert.NotEmpty(await CellsAsync(org));
        await factory.WithDbAsync(async db => await db.Projects.Where(p => p.Id == org.ProjectId).ExecuteDeleteAsync(), org.Id);
        Assert.Empty(await factory.WithDbAsync(db => db.RollupCells.IgnoreQueryFilters().Where(c => c.ProjectId == org.ProjectId).ToListAsync()));
    }

    [Fact]
    public async Task Cells_of_another_organization_are_never_read()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        await factory.SeedVariedProjectAsync(b);
        var seen = await factory.WithDbAsync(db => db.RollupCells.AsNoTracking().Where(c => c.ProjectId == b.ProjectId).CountAsync(), a.Id);
        Assert.Equal(0, seen);
        var rollup = await factory.WithDbAsync(db => ProjectRollups.ForProjectAsync(db, b.ProjectId!.Value, RollupGroupings.All, CancellationToken.None), a.Id);
        Assert.Equal(0, rollup.Components);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class RollupCellTests_Sqlite(SqliteFactory factory) : RollupCellTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RollupCellTests_Postgres(PostgresFactory factory) : RollupCellTests(factory);
