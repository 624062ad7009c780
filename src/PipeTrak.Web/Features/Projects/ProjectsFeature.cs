namespace PipeTrak.Web.Features.Projects;

public static class ProjectsFeature
{
    public static IServiceCollection AddProjects(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api) => api;
}
