using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.IntegrationTests.Milestones;

/// <summary>Seeds components directly through the DbContext (no import feature yet).</summary>
public static class ComponentSeed
{
    /// <summary>Test projects are made by the factory without the TRK-023 copy: add it once.</summary>
    public static Task EnsureTemplatesAsync(this PipeTrakFactory factory, Guid orgId, Guid projectId) =>
        factory.WithDbAsync(async db =>
        {
            if (!await db.ProjectTemplateRows.AnyAsync(r => r.ProjectId == projectId))
            {
                var project = await db.Projects.SingleAsync(p => p.Id == projectId);
                ProjectTemplates.CopyDefaults(db, project);
                await db.SaveChangesAsync();
            }
        }, orgId);

    public static async Task<Component> AddComponentAsync(
        this PipeTrakFactory factory, TestOrg org, ComponentType type, decimal budgetedManhours = 0m, string? identity = null, bool retired = false)
    {
        var projectId = org.ProjectId!.Value;
        await factory.EnsureTemplatesAsync(org.Id, projectId);
        return await factory.WithDbAsync(async db =>
        {
            var component = NewComponent(org.Id, projectId, type, identity ?? "C-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), factory.Clock.GetUtcNow().UtcDateTime);
            component.BudgetedManhours = budgetedManhours;
            if (retired)
            {
                component.RetiredAt = component.CreatedAt;
                component.RetiredReason = "Test";
            }
            db.Components.Add(component);
            await db.SaveChangesAsync();
            return component;
        }, org.Id);
    }

    public static Component NewComponent(Guid orgId, Guid projectId, ComponentType type, string identity, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        OrganizationId = orgId,
        ProjectId = projectId,
        Type = type,
        IdentityKey = identity,
        CreatedAt = now,
    };

    public static Task<List<MilestoneEvent>> EventsAsync(this PipeTrakFactory factory, Guid orgId, Guid componentId) =>
        factory.WithDbAsync(db => db.MilestoneEvents.AsNoTracking().Where(e => e.ComponentId == componentId).ToListAsync(), orgId);

    public static Task<Component> ReloadAsync(this PipeTrakFactory factory, Guid orgId, Guid componentId) =>
        factory.WithDbAsync(db => db.Components.AsNoTracking().SingleAsync(c => c.Id == componentId), orgId);

    public static Task<Dictionary<string, MilestoneValue>> ValuesAsync(this PipeTrakFactory factory, Guid orgId, Guid componentId) =>
        factory.WithDbAsync(async db => (await db.MilestoneValues.AsNoTracking().Where(v => v.ComponentId == componentId).ToListAsync())
            .ToDictionary(v => v.Milestone, v => v.Value, StringComparer.Ordinal), orgId);
}
