using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.IntegrationTests.Organizations;

/// <summary>A factory whose database refuses to store a project named <see cref="Poison"/>: a failure in the middle of onboarding.</summary>
public sealed class FailingSaveFactory() : PipeTrakFactory(TestProvider.Sqlite)
{
    public const string Poison = "Explode on save";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(new PoisonInterceptor())));
    }

    private sealed class PoisonInterceptor : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            eventData.Context!.ChangeTracker.Entries<Project>().Any(e => e.State == EntityState.Added && e.Entity.Name == Poison)
                ? throw new DbUpdateException("Simulated database failure (test)")
                : ValueTask.FromResult(result);
    }
}

/// <summary>PPL-004: "a failure leaves nothing behind", with a failure the validation cannot see.</summary>
public sealed class OnboardingAtomicityTests(FailingSaveFactory factory) : IClassFixture<FailingSaveFactory>
{
    [Fact]
    public async Task PPL004_a_database_failure_leaves_no_organization_membership_or_project()
    {
        var user = await factory.CreateUserAsync(null, null, "founder");
        using var client = await factory.SignInAsync(user);
        var orgName = $"Doomed {Guid.NewGuid():N}"[..30];

        var response = await client.PostFormAsync("/onboarding", new Dictionary<string, string>
        {
            ["Input.OrganizationName"] = orgName,
            ["Input.ProjectName"] = FailingSaveFactory.Poison,
            ["Input.ProjectDescription"] = "Never stored",
            ["Input.TimeZone"] = "UTC",
        }, "[data-testid=onboarding-form]");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == orgName)));
        var stored = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.Null(stored.OrganizationId);
        Assert.Null(stored.Role);
        Assert.False(await factory.WithDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Name == FailingSaveFactory.Poison)));
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Summary.Contains(orgName))));

        // And the user can simply try again.
        var retry = await client.PostFormAsync("/onboarding", new Dictionary<string, string> { ["Input.OrganizationName"] = orgName }, "[data-testid=onboarding-form]");
        Assert.True(retry.IsRedirectTo("/dashboard"));
    }
}
