using Microsoft.Extensions.DependencyInjection.Extensions;
using PipeTrak.Web.Features.Audit;

namespace PipeTrak.Web.Features.Team;

public static class TeamFeature
{
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.TryAddScoped<AuditLog>();
        services.AddScoped<TeamOperations>();
        services.AddScoped<TeamQueries>();
        services.AddScoped<InvitationAcceptance>();
        return services;
    }

    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api) => TeamEndpoints.Map(api);
}
