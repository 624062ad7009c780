using Microsoft.Extensions.DependencyInjection.Extensions;
using PipeTrak.Web.Features.Audit;

namespace PipeTrak.Web.Features.Drawings;

public static class DrawingsFeature
{
    public static IServiceCollection AddDrawings(this IServiceCollection services)
    {
        services.TryAddScoped<AuditLog>();
        services.AddScoped<DrawingQueries>();
        services.AddScoped<DrawingCommands>();
        services.AddScoped<MetadataNames>();
        return services;
    }

    public static RouteGroupBuilder MapDrawingEndpoints(this RouteGroupBuilder api) => api.MapDrawings();
}
