using Microsoft.Extensions.DependencyInjection.Extensions;
using PipeTrak.Web.Features.Audit;

namespace PipeTrak.Web.Features.Projects;

public static class ProjectsFeature
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.TryAddScoped<AuditLog>();
        services.AddScoped<ProjectOperations>();
        return services;
    }

    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api) => api.MapProjects();
}
