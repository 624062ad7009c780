using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Rollups;

namespace PipeTrak.Web.Infrastructure.Data;

/// <summary>
/// Command-line verbs: <c>migrate</c> (apply), <c>migrate --status</c> (list), <c>seed-demo</c>,
/// <c>verify-rollups [--repair]</c>.
/// Only the embedded SQLite default migrates itself at start; every other database is migrated by
/// the explicit command, never silently (ARCHITECTURE: migrations).
/// </summary>
public static class DatabaseCommands
{
    public static async Task<int?> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        switch (args[0])
        {
            case "migrate" when args.Contains("--status"):
                var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                Console.WriteLine($"Provider: {options.Provider}");
                foreach (var m in applied)
                {
                    Console.WriteLine($"  applied  {m}");
                }
                foreach (var m in pending)
                {
                    Console.WriteLine($"  pending  {m}");
                }
                Console.WriteLine(pending.Count == 0 ? "Database is up to date." : $"{pending.Count} migration(s) pending. Run: migrate");
                return 0;
            case "migrate":
                var before = (await db.Database.GetPendingMigrationsAsync()).ToList();
                await db.Database.MigrateAsync();
                Console.WriteLine(before.Count == 0 ? "Database already up to date." : $"Applied {before.Count} migration(s): {string.Join(", ", before)}");
                return 0;
            case "seed-demo":
                await db.Database.MigrateAsync();
                var seeded = await DemoCommand.RunAsync(scope.ServiceProvider, args[1..], CancellationToken.None);
                PrintDemoSignIn();
                return seeded;
            case "verify-rollups":
                return await VerifyRollupsCommand.RunAsync(scope.ServiceProvider, args.Contains("--repair"), Console.Out, CancellationToken.None);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: migrate [--status], seed-demo [--components N] [--seed S] [--api-token], verify-rollups [--repair].");
                return 2;
        }
    }

    /// <summary>The embedded default: migrate, seed demo data once, and print where to go.</summary>
    public static async Task PrepareEmbeddedDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        if (!options.IsEmbeddedDefault)
        {
            return;
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.MigrateAsync();
            if (app.Configuration.GetValue("Demo:Seed", true))
            {
                await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
            }
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine("PipeTrak is running (embedded SQLite database).");
            foreach (var address in addresses)
            {
                Console.WriteLine($"  Open {address}");
            }
            PrintDemoSignIn();
        });
    }

    private static void PrintDemoSignIn()
    {
        Console.WriteLine($"  Demo sign-in: {DemoSeeder.OwnerEmail} / {DemoSeeder.DemoPassword}");
        Console.WriteLine($"  (one demo user per role: {string.Join(", ", DemoSeeder.Users.Select(u => u.Email))})");
        Console.WriteLine();
    }
}
