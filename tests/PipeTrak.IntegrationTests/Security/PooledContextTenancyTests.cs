using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.IntegrationTests.Security;

/// <summary>
/// Contexts are pooled (DataSetup): a context handed back by one request's scope and leased by the next
/// must carry the next request's tenant, never the previous one's, and a context without a tenant sees nothing.
/// </summary>
public abstract class PooledContextTenancyTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task A_reused_context_filters_by_the_new_scopes_organization()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        AppDbContext? first;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(a.Id);
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal([a.ProjectId!.Value], await first.Projects.Select(p => p.Id).ToListAsync());
        }
        var reused = false;
        for (var i = 0; i < 20 && !reused; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(b.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            reused = ReferenceEquals(db, first);
            Assert.Equal([b.ProjectId!.Value], await db.Projects.Select(p => p.Id).ToListAsync());
            Assert.False(await db.Projects.AnyAsync(p => p.Id == a.ProjectId));
        }
        Assert.True(reused, "the pool handed out the returned context again");
    }

    [Fact]
    public async Task A_context_without_an_organization_sees_no_tenant_rows()
    {
        var a = await factory.CreateOrganizationAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(null);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Projects.AnyAsync(p => p.Id == a.ProjectId));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class PooledContextTenancyTests_Sqlite(SqliteFactory factory) : PooledContextTenancyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PooledContextTenancyTests_Postgres(PostgresFactory factory) : PooledContextTenancyTests(factory);
