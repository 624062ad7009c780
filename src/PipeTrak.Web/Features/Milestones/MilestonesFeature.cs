namespace PipeTrak.Web.Features.Milestones;

public static class MilestonesFeature
{
    public static IServiceCollection AddMilestones(this IServiceCollection services)
    {
        services.AddScoped<MilestoneCommands>();
        return services;
    }

    public static RouteGroupBuilder MapMilestoneEndpoints(this RouteGroupBuilder api) => api.MapMilestones();
}
