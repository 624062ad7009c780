namespace PipeTrak.Web.Features.Manhours;

public static class ManhoursFeature
{
    public static IServiceCollection AddManhours(this IServiceCollection services)
    {
        services.AddScoped<ManhourBudgets>();
        return services;
    }

    public static RouteGroupBuilder MapManhourEndpoints(this RouteGroupBuilder api) => api.MapManhours();
}
