using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.IntegrationTests.Milestones;

/// <summary>
/// The PostgreSQL one-statement write of an applied milestone update (issue 3): the same rows as
/// SaveChanges, all or nothing (a stale version or another organization writes nothing), the roll-up
/// cells kept. The API tests of MilestoneUpdateTests go through it
/// on PostgreSQL (and through SaveChanges on SQLite).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MilestoneWriteTests(PostgresFactory factory)
{
    private static readonly DateTime Now = new(2026, 12, 5, 3, 0, 0, DateTimeKind.Utc);

    private static (MilestoneValueRow Value, MilestoneEvent Event) Change(Component c, Guid userId, int value, int? previous, string? key = null)
    {
        var lowering = value < (previous ?? 0);
        var row = new MilestoneValueRow
        {
            ComponentId = c.Id,
            Milestone = "Erect",
            OrganizationId = c.OrganizationId,
            ProjectId = c.ProjectId,
            Value = MilestoneValue.Create(value),
            SetByUserId = userId,
            SetAt = Now,
        };
        var evt = new MilestoneEvent
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = c.OrganizationId,
            ProjectId = c.ProjectId,
            ComponentId = c.Id,
            Milestone = "Erect",
            Action = lowering ? MilestoneEventAction.Rollback : MilestoneEventAction.Complete,
            Value = value,
            Previous = previous,
            WeightThen = 30,
            Category = MilestoneCategory.Install,
            DeltaManhours = -2.4567m,
            RollbackReason = lowering ? "data_entry_error" : null,
            UserId = userId,
            OccurredAt = Now.AddMinutes(-3),
            RecordedAt = Now,
            IdempotencyKey = key,
        };
        return (row, evt);
    }

    private Task AssertNoDriftAsync(TestOrg org) =>
        factory.WithDbAsync(async db => Assert.Empty(await RollupCells.DriftAsync(db, org.ProjectId, CancellationToken.None)), org.Id);

    [Fact]
    public async Task Writes_percent_version_value_and_event_exactly_as_given()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool, budgetedManhours: 8m);
        var newVersion = Guid.NewGuid();
        var (value, evt) = Change(spool, org.Owner.Id, 100, null, key: "key-1");

        await factory.WithDbAsync(async db =>
        {
            Assert.True(MilestoneWrite.Applies(db));
            var c = await db.Components.AsNoTracking().SingleAsync(c => c.Id == spool.Id);
            var read = c.Version;
            c.Percent = 30.00m;
            c.Version = newVersion;
            await MilestoneWrite.ExecuteAsync(db, c, read, value, evt, CancellationToken.None);
        }, org.Id);

        var stored = await factory.ReloadAsync(org.Id, spool.Id);
        Assert.Equal(30.00m, stored.Percent);
        Assert.Equal(newVersion, stored.Version);
        var row = await factory.WithDbAsync(db => db.MilestoneValues.AsNoTracking().SingleAsync(v => v.ComponentId == spool.Id), org.Id);
        Assert.Equal(("Erect", 100, org.Owner.Id, Now, org.ProjectId!.Value), (row.Milestone, row.Value.Value, row.SetByUserId, row.SetAt, row.ProjectId));
        var saved = Assert.Single(await factory.EventsAsync(org.Id, spool.Id));
        Assert.Equivalent(evt, saved, strict: true);
        await AssertNoDriftAsync(org);
    }

    [Fact]
    public async Task An_existing_value_row_is_updated_in_place()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        foreach (var (value, previous) in new[] { (100, (int?)null), (0, 100) })
        {
            var (row, evt) = Change(spool, org.Owner.Id, value, previous);
            await factory.WithDbAsync(async db =>
            {
                var c = await db.Components.AsNoTracking().SingleAsync(c => c.Id == spool.Id);
                var read = c.Version;
                c.Version = Guid.NewGuid();
                c.Percent = value == 100 ? 30m : 0m;
                await MilestoneWrite.ExecuteAsync(db, c, read, row, evt, CancellationToken.None);
            }, org.Id);
        }

        Assert.Equal(0, (await factory.ValuesAsync(org.Id, spool.Id))["Erect"].Value);
        Assert.Equal([100, 0], (await factory.EventsAsync(org.Id, spool.Id)).OrderBy(e => e.Id).Select(e => e.Value));
        Assert.Equal(0m, (await factory.ReloadAsync(org.Id, spool.Id)).Percent);
        await AssertNoDriftAsync(org);
    }

    [Fact]
    public async Task A_version_changed_since_the_read_writes_nothing_at_all()
    {
        var org = await factory.CreateOrganizationAsync();
        var spool = await factory.AddComponentAsync(org, ComponentType.Spool);
        var (value, evt) = Change(spool, org.Owner.Id, 100, null);

        await factory.WithDbAsync(async db =>
        {
            var c = await db.Components.AsNoTracking().SingleAsync(c => c.Id == spool.Id);
            c.Percent = 30m;
            c.Version = Guid.NewGuid();
            // Someone else's update committed after our read: the version we read is no longer stored.
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
                MilestoneWrite.ExecuteAsync(db, c, readVersion: Guid.NewGuid(), value, evt, CancellationToken.None));
        }, org.Id);

        var stored = await factory.ReloadAsync(org.Id, spool.Id);
        Assert.Equal((0m, spool.Version), (stored.Percent, stored.Version));
        Assert.Empty(await factory.ValuesAsync(org.Id, spool.Id));
        Assert.Empty(await factory.EventsAsync(org.Id, spool.Id));
        await AssertNoDriftAsync(org);
    }

    [Fact]
    public async Task Another_organizations_component_is_refused_and_left_untouched()
    {
        var mine = await factory.CreateOrganizationAsync();
        var theirs = await factory.CreateOrganizationAsync();
        var their = await factory.AddComponentAsync(theirs, ComponentType.Spool);
        var (value, evt) = Change(their, mine.Owner.Id, 100, null);

        // Acting for my organization with their rows (as a bug elsewhere might): refused before anything is sent.
        await factory.WithDbAsync(async db =>
        {
            var c = ComponentSeed.NewComponent(their.OrganizationId, their.ProjectId, their.Type, their.IdentityKey, Now);
            c.Id = their.Id;
            await Assert.ThrowsAsync<InvalidOperationException>(() =>
                MilestoneWrite.ExecuteAsync(db, c, their.Version, value, evt, CancellationToken.None));
        }, mine.Id);

        var stored = await factory.ReloadAsync(theirs.Id, their.Id);
        Assert.Equal(their.Version, stored.Version);
        Assert.Empty(await factory.ValuesAsync(theirs.Id, their.Id));
        Assert.Empty(await factory.EventsAsync(theirs.Id, their.Id));
    }
}
