namespace PipeTrak.Web.Features.Organizations;

public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder api) => api;
}
