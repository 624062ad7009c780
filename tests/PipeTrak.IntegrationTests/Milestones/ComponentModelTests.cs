using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.IntegrationTests.Milestones;

/// <summary>TRK-011/TRK-014: uniqueness among non-retired rows, enforced by filtered unique indexes on both providers.</summary>
public abstract class ComponentModelTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task TRK011_two_live_components_with_the_same_type_and_identity_are_refused()
    {
        var org = await factory.CreateOrganizationAsync();
        var first = await factory.AddComponentAsync(org, ComponentType.Spool, identity: "SP-1");
        await Assert.ThrowsAsync<DbUpdateException>(() => factory.AddComponentAsync(org, ComponentType.Spool, identity: "SP-1"));
        // Another type with the same key is another component.
        await factory.AddComponentAsync(org, ComponentType.FieldWeld, identity: "SP-1");
        Assert.NotEqual(Guid.Empty, first.Id);
    }

    [Fact]
    public async Task TRK011_a_retired_component_never_blocks_a_new_one()
    {
        var org = await factory.CreateOrganizationAsync();
        await factory.AddComponentAsync(org, ComponentType.Valve, identity: "ISO-22-GV-150-3X4-1", retired: true);
        await factory.AddComponentAsync(org, ComponentType.Valve, identity: "ISO-22-GV-150-3X4-1", retired: true);
        await factory.AddComponentAsync(org, ComponentType.Valve, identity: "ISO-22-GV-150-3X4-1");
        await Assert.ThrowsAsync<DbUpdateException>(() => factory.AddComponentAsync(org, ComponentType.Valve, identity: "ISO-22-GV-150-3X4-1"));
        // TRK-010: the type is stored as its stable code.
        var key = "ISO-22-GV-150-3X4-1";
        var codes = await factory.WithDbAsync(db => db.Database
            .SqlQuery<string>($"SELECT \"Type\" AS \"Value\" FROM components WHERE \"IdentityKey\" = {key}").Distinct().ToListAsync());
        Assert.Equal(["valve"], codes);
    }

    [Fact]
    public async Task TRK047_the_component_version_is_a_concurrency_token()
    {
        var org = await factory.CreateOrganizationAsync();
        var component = await factory.AddComponentAsync(org, ComponentType.Spool);
        await using var scopeA = factory.Services.CreateAsyncScope();
        await using var scopeB = factory.Services.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var b = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        a.Tenant.Use(org.Id);
        b.Tenant.Use(org.Id);
        var seenByA = await a.Components.SingleAsync(c => c.Id == component.Id);
        var seenByB = await b.Components.SingleAsync(c => c.Id == component.Id);
        seenByB.Percent = 5m;
        seenByB.Version = Guid.NewGuid();
        await b.SaveChangesAsync();
        seenByA.Percent = 40m;
        seenByA.Version = Guid.NewGuid();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => a.SaveChangesAsync());
    }

    [Fact]
    public async Task TRK014_drawings_are_unique_by_normalized_number_and_sheet_among_live_ones()
    {
        var org = await factory.CreateOrganizationAsync();
        Drawing New(string number, string sheet = Drawing.DefaultSheet, bool retired = false)
        {
            var d = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Sheet = sheet };
            d.SetNumber(number);
            if (retired)
            {
                d.RetiredAt = factory.Clock.GetUtcNow().UtcDateTime;
            }
            return d;
        }
        async Task AddAsync(Drawing d) => await factory.WithDbAsync(async db =>
        {
            db.Drawings.Add(d);
            await db.SaveChangesAsync();
        }, org.Id);

        await AddAsync(New("p-100  01of02"));
        Assert.Equal("P-100 01OF02", await factory.WithDbAsync(db => db.Drawings.Select(d => d.NormalizedNumber).SingleAsync(), org.Id));
        await AddAsync(New("P-100 01of02", sheet: "2"));
        await AddAsync(New("P-100 01OF02", retired: true));
        await Assert.ThrowsAsync<DbUpdateException>(() => AddAsync(New(" P-100 01OF02 ")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ComponentModelTests_Sqlite(SqliteFactory factory) : ComponentModelTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ComponentModelTests_Postgres(PostgresFactory factory) : ComponentModelTests(factory);
