using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Packages;

namespace PipeTrak.IntegrationTests.Dashboard;

/// <summary>
/// A varied project for roll-up tests: two areas, two systems, three packages (one empty), drawings with
/// and without a package (one retired), components with own and inherited packages, post-hydro members,
/// budgets, and retired components that every figure must leave out (TRK-060).
/// </summary>
public sealed record DashboardProject(Guid AreaNorth, Guid AreaSouth, Guid SystemSteam, Guid SystemWater, Guid PackageOne, Guid PackageTwo, Guid PackageEmpty);

public static class DashboardSeed
{
    public static async Task<DashboardProject> SeedVariedProjectAsync(this PipeTrakFactory factory, TestOrg org)
    {
        var projectId = org.ProjectId!.Value;
        await factory.EnsureTemplatesAsync(org.Id, projectId);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        return await factory.WithDbAsync(async db =>
        {
            Area Area(string name) => new() { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Name = name };
            PlantSystem System(string name) => new() { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Name = name };
            TestPackage Package(string name) => new() { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Name = name };
            Drawing Drawing(string number, Guid? package, bool retired = false)
            {
                var d = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, PackageId = package };
                d.SetNumber(number);
                if (retired)
                {
                    d.RetiredAt = now;
                    d.RetiredReason = "Superseded drawing";
                }
                return d;
            }

            var north = Area("North");
            var south = Area("South");
            var steam = System("Steam");
            var water = System("Water");
            var one = Package("TP-1");
            var two = Package("TP-2");
            var empty = Package("TP-10");
            var withPackage = Drawing("ISO-7", two.Id);
            var plain = Drawing("ISO-8", null);
            var retiredDrawing = Drawing("ISO-9", one.Id, retired: true);
            db.AddRange(north, south, steam, water, one, two, empty, withPackage, plain, retiredDrawing);

            var n = 0;
            void Add(ComponentType type, decimal percent, Area? area, PlantSystem? system, TestPackage? package, Drawing? drawing,
                decimal budget = 0m, bool postHydro = false, bool retired = false)
            {
                var c = ComponentSeed.NewComponent(org.Id, projectId, type, $"DASH-{++n}", now);
                c.Percent = percent;
                c.AreaId = area?.Id;
                c.SystemId = system?.Id;
                c.PackageId = package?.Id;
                c.DrawingId = drawing?.Id;
                c.BudgetedManhours = budget;
                c.PostHydro = postHydro;
                if (retired)
                {
                    c.RetiredAt = now;
                    c.RetiredReason = "Removed from scope";
                }
                db.Components.Add(c);
            }

            // Own package TP-1: 100, 100, 80 and a post-hydro member at 0 (PKG-030 testable = 3, 2 at 100).
            Add(ComponentType.Spool, 100m, north, steam, one, plain, budget: 12.5m);
            Add(ComponentType.Spool, 100m, north, steam, one, null, budget: 7.25m);
            Add(ComponentType.Valve, 80m, north, water, one, plain, budget: 3.3333m);
            Add(ComponentType.Valve, 0m, south, water, one, null, postHydro: true);
            // Inherited package TP-2 via drawing ISO-7: all at 100 except a post-hydro one → Ready.
            Add(ComponentType.Pipe, 100m, south, steam, null, withPackage, budget: 40m);
            Add(ComponentType.Fitting, 100m, null, steam, null, withPackage, budget: 1.1111m);
            Add(ComponentType.Flange, 47.5m, south, null, null, withPackage, postHydro: true, budget: 2m);
            // No package at all (Not Assigned in every grouping for some).
            Add(ComponentType.Support, 12.34m, null, null, null, plain, budget: 0.5m);
            Add(ComponentType.Instrument, 0m, null, null, null, null);
            Add(ComponentType.Spool, 33.33m, north, null, null, null, budget: 9.9999m);
            // Retired: excluded everywhere, even on a package drawing.
            Add(ComponentType.Spool, 100m, north, steam, one, retiredDrawing, budget: 100m, retired: true);
            Add(ComponentType.Valve, 0m, south, water, two, null, budget: 50m, retired: true);
            await db.SaveChangesAsync();
            return new DashboardProject(north.Id, south.Id, steam.Id, water.Id, one.Id, two.Id, empty.Id);
        }, org.Id);
    }

    /// <summary>The non-retired components with their effective package (TRK-072), read straight from the rows.</summary>
    public static Task<List<(Component Component, Guid? EffectivePackage)>> LiveComponentsAsync(this PipeTrakFactory factory, TestOrg org) =>
        factory.WithDbAsync(async db =>
        {
            var drawings = await db.Drawings.AsNoTracking().Where(d => d.ProjectId == org.ProjectId).ToDictionaryAsync(d => d.Id, d => d.PackageId);
            var components = await db.Components.AsNoTracking().Where(c => c.ProjectId == org.ProjectId && c.RetiredAt == null).ToListAsync();
            return components.Select(c => (c, c.PackageId ?? (c.DrawingId is { } d ? drawings[d] : null))).ToList();
        }, org.Id);
}
