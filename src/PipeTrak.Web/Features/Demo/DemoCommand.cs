using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Demo;

/// <summary>Parsed <c>seed-demo</c> options.</summary>
public sealed record DemoCommandOptions(int Components, int Seed, bool ComponentsGiven, bool SeedGiven, bool ApiToken, OrgRole ApiTokenRole = OrgRole.Foreman)
{
    public const string Usage = "Usage: seed-demo [--components N] [--seed S] [--api-token] [--api-token-role owner|admin|pm|foreman|qc|welder|viewer]";

    public const string RoleMessage = "--api-token-role must be one of owner, admin, pm, foreman, qc, welder, viewer.";

    /// <summary>The demo user roles <c>--api-token-role</c> accepts (short names as in the demo e-mails).</summary>
    public static readonly IReadOnlyDictionary<string, OrgRole> RoleNames = new Dictionary<string, OrgRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["owner"] = OrgRole.Owner,
        ["admin"] = OrgRole.Admin,
        ["pm"] = OrgRole.ProjectManager,
        ["foreman"] = OrgRole.Foreman,
        ["qc"] = OrgRole.QcInspector,
        ["welder"] = OrgRole.Welder,
        ["viewer"] = OrgRole.Viewer,
    };

    public static string ComponentsMessage => string.Create(CultureInfo.InvariantCulture,
        $"--components must be a whole number from {DemoData.MinComponents:N0} to {DemoData.MaxComponents:N0}.");

    public const string SeedMessage = "--seed must be a whole number.";

    /// <summary>Parses the words after <c>seed-demo</c>; returns the options, or null and the message saying what to fix.</summary>
    public static (DemoCommandOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var components = DemoData.DefaultComponents;
        var seed = DemoData.DefaultSeed;
        bool componentsGiven = false, seedGiven = false, token = false;
        var role = OrgRole.Foreman;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--components":
                    if (i + 1 >= args.Count || !int.TryParse(args[++i].Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out components)
                        || components is < DemoData.MinComponents or > DemoData.MaxComponents)
                    {
                        return (null, ComponentsMessage);
                    }
                    componentsGiven = true;
                    break;
                case "--seed":
                    if (i + 1 >= args.Count || !int.TryParse(args[++i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        return (null, SeedMessage);
                    }
                    seedGiven = true;
                    break;
                case "--api-token":
                    token = true;
                    break;
                case "--api-token-role":
                    // Implies --api-token; the token belongs to the demo user of that role (benchmarks of manager-only APIs).
                    if (i + 1 >= args.Count || !RoleNames.TryGetValue(args[++i], out role))
                    {
                        return (null, RoleMessage);
                    }
                    token = true;
                    break;
                default:
                    return (null, $"Unknown option '{args[i]}'. {Usage}");
            }
        }
        return (new DemoCommandOptions(components, seed, componentsGiven, seedGiven, token, role), null);
    }
}

/// <summary>
/// <c>seed-demo [--components N] [--seed S] [--api-token]</c> on the configured database (issue 3
/// item 9). Seeds the demo organization (users + default project) when it is missing; then creates a
/// new generated project in it, unless the default project was just created and no size or seed
/// was asked for. <c>--api-token</c> also prints a personal access token of the demo foreman (for
/// benchmarks and scripts: whoever can run this command already holds the database credentials);
/// <c>--api-token-role pm</c> (or another role) prints one of that demo user instead.
/// </summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, CancellationToken ct)
    {
        var (options, error) = DemoCommandOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }
        var seeder = services.GetRequiredService<DemoSeeder>();
        var created = await seeder.SeedAsync(ct);
        Console.WriteLine(created
            ? $"Demo organization '{DemoSeeder.OrganizationName}' created with project '{DemoSeeder.ProjectName}' ({DemoData.DefaultComponents:N0} components)."
            : $"Demo organization '{DemoSeeder.OrganizationName}' already exists.");
        var organizationId = await seeder.OrganizationIdAsync(ct)
            ?? throw new InvalidOperationException("The demo owner has no organization.");
        var projects = services.GetRequiredService<DemoProjects>();
        Guid projectId;
        if (created && !options.ComponentsGiven && !options.SeedGiven)
        {
            var db = services.GetRequiredService<AppDbContext>();
            projectId = await db.Projects.AsNoTracking().Where(p => p.Name == DemoSeeder.ProjectName).Select(p => p.Id).SingleAsync(ct);
        }
        else
        {
            var result = await projects.CreateProjectAsync(organizationId, options.Components, options.Seed, ct);
            Console.WriteLine("Created demo project " + result.Summary + ".");
            projectId = result.ProjectId;
        }
        await projects.AnalyzeAsync(ct);
        Console.WriteLine($"PROJECT_ID={projectId}");
        if (options.ApiToken)
        {
            var email = DemoSeeder.Users.First(u => u.Role == options.ApiTokenRole).Email;
            var db = services.GetRequiredService<AppDbContext>();
            var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync(ct);
            var token = await services.GetRequiredService<ApiTokens>().CreateAsync(userId, "seed-demo " + options.Seed.ToString(CultureInfo.InvariantCulture), ct);
            Console.WriteLine($"API_TOKEN={token.Token}");
        }
        return 0;
    }
}
