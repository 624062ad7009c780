using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;

namespace PipeTrak.IntegrationTests.Packages;

/// <summary>Drawings and components with stored percents, seeded directly (the import feature builds them in production).</summary>
public static class PackageSeed
{
    public static async Task<Drawing> AddDrawingAsync(this PipeTrakFactory factory, TestOrg org, string number, params decimal[] percents)
    {
        var projectId = org.ProjectId!.Value;
        await factory.EnsureTemplatesAsync(org.Id, projectId);
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = projectId, Title = "Title " + number };
        drawing.SetNumber(number);
        await factory.WithDbAsync(async db =>
        {
            db.Drawings.Add(drawing);
            var i = 0;
            foreach (var percent in percents)
            {
                var c = ComponentSeed.NewComponent(org.Id, projectId, ComponentType.Valve, $"{number}-V{++i}", factory.Clock.GetUtcNow().UtcDateTime);
                c.DrawingId = drawing.Id;
                c.Percent = percent;
                db.Components.Add(c);
            }
            await db.SaveChangesAsync();
        }, org.Id);
        return drawing;
    }

    public static Task<List<Component>> ComponentsOfAsync(this PipeTrakFactory factory, TestOrg org, Guid drawingId) =>
        factory.WithDbAsync(db => db.Components.AsNoTracking().Where(c => c.DrawingId == drawingId).OrderBy(c => c.IdentityKey).ToListAsync(), org.Id);

    public static async Task<Component> AddLooseComponentAsync(this PipeTrakFactory factory, TestOrg org, decimal percent, bool postHydro = false)
    {
        var c = await factory.AddComponentAsync(org, ComponentType.Instrument);
        await factory.WithDbAsync(async db =>
        {
            var stored = await db.Components.SingleAsync(x => x.Id == c.Id);
            stored.Percent = percent;
            stored.PostHydro = postHydro;
            await db.SaveChangesAsync();
        }, org.Id);
        return c;
    }
}
