using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Packages;

namespace PipeTrak.IntegrationTests.Drawings;

/// <summary>Seeds drawings, names and components straight through the DbContext.</summary>
public static class DrawingSeed
{
    public static Task<Drawing> AddDrawingAsync(
        this PipeTrakFactory factory, TestOrg org, string number, string title = "", Guid? areaId = null, Guid? systemId = null, Guid? packageId = null, string sheet = "1") =>
        factory.WithDbAsync(async db =>
        {
            var drawing = new Drawing
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = org.Id,
                ProjectId = org.ProjectId!.Value,
                Title = title,
                Sheet = sheet,
                AreaId = areaId,
                SystemId = systemId,
                PackageId = packageId,
            };
            drawing.SetNumber(number);
            db.Drawings.Add(drawing);
            await db.SaveChangesAsync();
            return drawing;
        }, org.Id);

    public static Task<Guid> AddAreaAsync(this PipeTrakFactory factory, TestOrg org, string name) =>
        factory.WithDbAsync(async db =>
        {
            var area = new Area { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = name };
            db.Areas.Add(area);
            await db.SaveChangesAsync();
            return area.Id;
        }, org.Id);

    public static Task<Guid> AddSystemAsync(this PipeTrakFactory factory, TestOrg org, string name) =>
        factory.WithDbAsync(async db =>
        {
            var system = new PlantSystem { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = name };
            db.Systems.Add(system);
            await db.SaveChangesAsync();
            return system.Id;
        }, org.Id);

    public static Task<Guid> AddPackageAsync(this PipeTrakFactory factory, TestOrg org, string name) =>
        factory.WithDbAsync(async db =>
        {
            var package = new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Name = name };
            db.TestPackages.Add(package);
            await db.SaveChangesAsync();
            return package.Id;
        }, org.Id);

    /// <summary>A spool on the drawing with a given stored percent (roll-ups read the stored percent, TRK-050).</summary>
    public static Task<Component> AddComponentOnAsync(
        this PipeTrakFactory factory, TestOrg org, Guid drawingId, decimal percent = 0m, bool retired = false, Guid? areaId = null, Guid? systemId = null, Guid? packageId = null) =>
        factory.WithDbAsync(async db =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var component = ComponentSeed.NewComponent(org.Id, org.ProjectId!.Value, ComponentType.Spool, "SP-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), now);
            component.DrawingId = drawingId;
            component.Percent = percent;
            component.AreaId = areaId;
            component.SystemId = systemId;
            component.PackageId = packageId;
            if (retired)
            {
                component.RetiredAt = now.AddDays(-1);
                component.RetiredReason = "Retired before the drawing";
            }
            db.Components.Add(component);
            await db.SaveChangesAsync();
            return component;
        }, org.Id);

    public static Task<Drawing> DrawingAsync(this PipeTrakFactory factory, TestOrg org, Guid drawingId) =>
        factory.WithDbAsync(db => db.Drawings.AsNoTracking().SingleAsync(d => d.Id == drawingId), org.Id);

    public static Task<List<Component>> ComponentsOnAsync(this PipeTrakFactory factory, TestOrg org, Guid drawingId) =>
        factory.WithDbAsync(db => db.Components.AsNoTracking().Where(c => c.DrawingId == drawingId).ToListAsync(), org.Id);
}
