using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.IntegrationTests.Infrastructure;

/// <summary>
/// The app over a real database of the given provider, migrated by the real migrations. One per
/// test collection; tests isolate themselves by creating their own organizations and users.
/// </summary>
public class PipeTrakFactory(TestProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Field-Crew-Test-91";

    private TestDatabase? _database;
    private int _sequence;

    public TestProvider Provider => provider;
    public TestClock Clock { get; } = new();
    public CapturingEmailSender Mail { get; } = new();

    /// <summary>Extra configuration for a derived factory (e.g. rate limits on).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var db = _database ?? throw new InvalidOperationException("InitializeAsync must run first.");
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:PipeTrak", db.ConnectionString);
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Api:DocsEnabled", "true");
        builder.UseSetting("RateLimits:Enabled", "false");
        builder.UseSetting("Email:BaseUrl", "http://localhost");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Mail);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests assert them).</summary>
    public AppClient NewClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") }));

    public string UniqueEmail(string prefix = "user") =>
        $"{prefix}.{Interlocked.Increment(ref _sequence)}.{Guid.NewGuid().ToString("N")[..8]}@example.test";

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work, Guid? organizationId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Tenant.Use(organizationId);
        return await work(db);
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work, Guid? organizationId = null) =>
        await WithDbAsync(async db =>
        {
            await work(db);
            return true;
        }, organizationId);

    /// <summary>An organization with an owner (verified), ready to sign in.</summary>
    public async Task<TestOrg> CreateOrganizationAsync(string? name = null, bool withProject = true)
    {
        var orgName = name ?? $"Org {Guid.NewGuid().ToString("N")[..6]}";
        var org = await WithDbAsync(async db =>
        {
            var o = new Organization { Id = Guid.CreateVersion7(), Name = orgName, CreatedAt = Clock.GetUtcNow().UtcDateTime };
            db.Organizations.Add(o);
            await db.SaveChangesAsync();
            return o;
        });
        var owner = await CreateUserAsync(org.Id, OrgRole.Owner, "owner");
        Project? project = null;
        if (withProject)
        {
            project = await CreateProjectAsync(org.Id, $"Project {Guid.NewGuid().ToString("N")[..6]}");
        }
        return new TestOrg(org.Id, orgName, owner, project?.Id);
    }

    public Task<Project> CreateProjectAsync(Guid organizationId, string name, bool archived = false) =>
        WithDbAsync(async db =>
        {
            var p = new Project
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = organizationId,
                Description = "Test project",
                TimeZone = "UTC",
                CreatedAt = Clock.GetUtcNow().UtcDateTime,
                Version = Guid.NewGuid(),
                IsArchived = archived,
            };
            p.Rename(name);
            db.Projects.Add(p);
            await db.SaveChangesAsync();
            return p;
        }, organizationId);

    /// <summary>A verified user; member of <paramref name="organizationId"/> with <paramref name="role"/> when given.</summary>
    public async Task<TestUser> CreateUserAsync(Guid? organizationId, OrgRole? role, string prefix = "user", bool verified = true)
    {
        var email = UniqueEmail(prefix);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = verified,
            FullName = $"{prefix} {email[..email.IndexOf('@', StringComparison.Ordinal)]}",
            CreatedAt = now,
            TermsVersion = AppUser.CurrentTermsVersion,
            TermsAcceptedAt = now,
        };
        if (organizationId is { } org && role is { } r)
        {
            user.JoinOrganization(org, r, now);
        }
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        return new TestUser(user.Id, email, Password, user.FullName, organizationId, role);
    }

    /// <summary>Signs in through the real sign-in page and returns the client holding the session cookie.</summary>
    public async Task<AppClient> SignInAsync(TestUser user, bool rememberMe = false)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {user.Email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return client;
    }

    /// <summary>A personal access token for the user, stored hashed like the real ones.</summary>
    public async Task<AppClient> ApiClientAsync(TestUser user)
    {
        var token = SecureToken.Generate(ApiToken.Prefix);
        await WithDbAsync(async db =>
        {
            db.ApiTokens.Add(new ApiToken
            {
                Id = Guid.CreateVersion7(),
                UserId = user.Id,
                Name = "test",
                TokenHash = SecureToken.Hash(token),
                Hint = token[..8],
                CreatedAt = Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
        var client = NewClient();
        client.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Delivers every due outbox message now (what the background dispatcher does on its timer).</summary>
    public Task DeliverOutboxAsync() => Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(CancellationToken.None);
}

public sealed record TestUser(Guid Id, string Email, string Password, string FullName, Guid? OrganizationId, OrgRole? Role);

public sealed record TestOrg(Guid Id, string Name, TestUser Owner, Guid? ProjectId);

public sealed class SqliteFactory() : PipeTrakFactory(TestProvider.Sqlite);

public sealed class PostgresFactory() : PipeTrakFactory(TestProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "postgres";
}
