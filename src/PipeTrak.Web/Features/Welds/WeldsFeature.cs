using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PipeTrak.Web.Features.Welds;

public static class WeldsFeature
{
    public static IServiceCollection AddWelds(this IServiceCollection services)
    {
        services.TryAddScoped<Audit.AuditLog>();
        services.AddScoped<WeldCommands>();
        services.AddScoped<WelderCommands>();
        services.AddScoped<WeldQueries>();
        return services;
    }

    public static RouteGroupBuilder MapWeldEndpoints(this RouteGroupBuilder api) => api.MapWelds();
}
