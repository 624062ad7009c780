using Microsoft.Extensions.DependencyInjection.Extensions;
using PipeTrak.Web.Features.Audit;

namespace PipeTrak.Web.Features.Organizations;

public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.TryAddScoped<AuditLog>();
        services.AddScoped<OrganizationOperations>();
        return services;
    }

    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder api) => api.MapOrganization();
}
