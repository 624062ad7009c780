using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel (loopback, free port) over a temporary SQLite database migrated by the
/// real migrations, sending its mail over SMTP to an in-process <see cref="SmtpSink"/>. One per
/// test collection; journeys isolate themselves with unique emails and names.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Field-Crew-Test-91";

    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"pipetrak-e2e-{Guid.NewGuid():N}.db");
    private readonly int _port = FreePort.Next();
    private int _sequence;

    public AppHost()
    {
        BaseUrl = $"http://127.0.0.1:{_port}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
    }

    /// <summary>The server's origin, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    public SmtpSink Mail { get; } = new();

    public async Task InitializeAsync()
    {
        Mail.Start();
        StartServer();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mail.DisposeAsync();
        foreach (var file in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:PipeTrak", $"Data Source={_databaseFile}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("RateLimits:Enabled", "false");
        builder.UseSetting("Email:BaseUrl", BaseUrl);
        builder.UseSetting("Email:SmtpHost", "127.0.0.1");
        builder.UseSetting("Email:SmtpPort", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Security", "None");
        // Keep the test output readable: the app's own logs only from warnings up.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
    }

    public string UniqueEmail(string prefix = "user") =>
        $"{prefix}.{Interlocked.Increment(ref _sequence)}.{Guid.NewGuid().ToString("N")[..8]}@example.test";

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid().ToString("N")[..6]}";

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work, Guid? organizationId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Tenant.Use(organizationId);
        return await work(db);
    }

    /// <summary>An organization with a verified owner and one project, seeded through the app's services.</summary>
    public async Task<SeededOrg> CreateOrganizationAsync(string? name = null, string? projectName = null)
    {
        var orgName = name ?? Unique("Org");
        var now = Now();
        var org = await WithDbAsync(async db =>
        {
            var o = new Organization { Id = Guid.CreateVersion7(), Name = orgName, CreatedAt = now };
            db.Organizations.Add(o);
            await db.SaveChangesAsync();
            return o;
        });
        var owner = await CreateUserAsync(org.Id, OrgRole.Owner, "owner");
        var project = await WithDbAsync(async db =>
        {
            var p = new Project
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                Description = "Seeded for the browser tests",
                TimeZone = "UTC",
                CreatedAt = now,
                Version = Guid.NewGuid(),
            };
            p.Rename(projectName ?? Unique("Project"));
            db.Projects.Add(p);
            await db.SaveChangesAsync();
            return p;
        }, org.Id);
        return new SeededOrg(org.Id, orgName, owner, project.Id, project.Name);
    }

    /// <summary>A verified user; a member of <paramref name="organizationId"/> with <paramref name="role"/> when given.</summary>
    public async Task<SeededUser> CreateUserAsync(Guid? organizationId, OrgRole? role, string prefix = "user")
    {
        var email = UniqueEmail(prefix);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = Now();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = $"{char.ToUpperInvariant(prefix[0])}{prefix[1..]} {Guid.NewGuid().ToString("N")[..4]}",
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
        return new SeededUser(user.Id, email, Password, user.FullName, organizationId, role);
    }

    /// <summary>The outbox rows (newest last), for failure reports: was a mail sent, retried, or failed, and why.</summary>
    public Task<string> DescribeOutboxAsync() => WithDbAsync(async db =>
    {
        var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
        return string.Join(Environment.NewLine, rows.OrderBy(m => m.CreatedAt).Select(m =>
            $"  outbox '{m.Subject}' to {m.ToAddress}: attempts {m.Attempts}, sent {m.SentAt:HH:mm:ss.fff}, " +
            $"failed {m.FailedAt:HH:mm:ss.fff}, next {m.NextAttemptAt:HH:mm:ss.fff}, error {m.LastError ?? "-"}"));
    });

    private DateTime Now() => Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
}

public sealed record SeededUser(Guid Id, string Email, string Password, string FullName, Guid? OrganizationId, OrgRole? Role);

public sealed record SeededOrg(Guid Id, string Name, SeededUser Owner, Guid ProjectId, string ProjectName);
