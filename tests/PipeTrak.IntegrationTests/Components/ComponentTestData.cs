using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Milestones;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.IntegrationTests.Components;

/// <summary>Seeds drawings and components for the component pages and API.</summary>
public static class ComponentTestData
{
    public static async Task<Drawing> AddDrawingAsync(this PipeTrakFactory factory, TestOrg org, string number, Guid? packageId = null, Guid? areaId = null)
    {
        var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = org.Id, ProjectId = org.ProjectId!.Value, Title = "Drawing " + number, PackageId = packageId, AreaId = areaId };
        drawing.SetNumber(number);
        await factory.WithDbAsync(async db =>
        {
            db.Drawings.Add(drawing);
            await db.SaveChangesAsync();
        }, org.Id);
        return drawing;
    }

    public static async Task<T> AddNamedAsync<T>(this PipeTrakFactory factory, TestOrg org, T item) where T : class
    {
        await factory.WithDbAsync(async db =>
        {
            db.Add(item);
            await db.SaveChangesAsync();
        }, org.Id);
        return item;
    }

    public static async Task<Component> AddOnDrawingAsync(
        this PipeTrakFactory factory, TestOrg org, Drawing? drawing, ComponentType type, string identity,
        object? attributes = null, Action<Component>? configure = null)
    {
        var projectId = org.ProjectId!.Value;
        await factory.EnsureTemplatesAsync(org.Id, projectId);
        var component = ComponentSeed.NewComponent(org.Id, projectId, type, identity, factory.Clock.GetUtcNow().UtcDateTime);
        component.DrawingId = drawing?.Id;
        component.Attributes = attributes is null ? "{}" : JsonSerializer.Serialize(attributes);
        configure?.Invoke(component);
        await factory.WithDbAsync(async db =>
        {
            db.Components.Add(component);
            await db.SaveChangesAsync();
        }, org.Id);
        return component;
    }

    /// <summary>Stores milestone values and the percent the one progress function gives (TRK-032), as an import would.</summary>
    public static Task SetValuesAsync(this PipeTrakFactory factory, TestOrg org, Component component, params (string Milestone, int Value)[] values) =>
        factory.WithDbAsync(async db =>
        {
            var stored = await db.Components.SingleAsync(c => c.Id == component.Id);
            var template = (await db.ProjectTemplateRows.Where(r => r.ProjectId == stored.ProjectId && r.ComponentType == stored.Type).OrderBy(r => r.Order).ToListAsync())
                .ConvertAll(r => r.ToRow());
            var map = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal);
            foreach (var (milestone, value) in values)
            {
                db.MilestoneValues.Add(new MilestoneValueRow
                {
                    ComponentId = stored.Id,
                    Milestone = milestone,
                    OrganizationId = stored.OrganizationId,
                    ProjectId = stored.ProjectId,
                    Value = MilestoneValue.Create(value),
                    SetByUserId = org.Owner.Id,
                    SetAt = factory.Clock.GetUtcNow().UtcDateTime,
                });
                map[milestone] = MilestoneValue.Create(value);
            }
            stored.Percent = ProgressRules.PercentComplete(template, map);
            await db.SaveChangesAsync();
        }, org.Id);

    /// <summary>Parses a row fragment (<c>&lt;tr&gt;</c> + out-of-band templates) inside a table so the parser keeps the rows.</summary>
    public static async Task<IHtmlDocument> FragmentAsync(this HttpResponseMessage response) =>
        await AppClient.ParseAsync("<table><tbody>" + await response.Content.ReadAsStringAsync() + "</tbody></table>");

    /// <summary>The out-of-band element with this id (inside the response's templates), or null.</summary>
    public static AngleSharp.Dom.IElement? OutOfBand(this IHtmlDocument document, string id) =>
        document.QuerySelectorAll("template").OfType<IHtmlTemplateElement>()
            .Select(t => t.Content.QuerySelector("#" + id))
            .FirstOrDefault(e => e is not null);
}
