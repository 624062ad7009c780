namespace PipeTrak.Web.Features.Team;

public static class TeamFeature
{
    public static IServiceCollection AddTeam(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api) => api;
}
