using Microsoft.Extensions.DependencyInjection.Extensions;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Web.Features.Components;

public static class ComponentsFeature
{
    public static IServiceCollection AddComponents(this IServiceCollection services)
    {
        services.TryAddScoped<AuditLog>();
        services.AddScoped<ComponentQueries>();
        services.AddScoped<ComponentOperations>();
        services.AddScoped<BulkReceiveCommand>();
        return services;
    }
}
