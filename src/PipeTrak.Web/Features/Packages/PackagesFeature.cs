namespace PipeTrak.Web.Features.Packages;

public static class PackagesFeature
{
    public static IServiceCollection AddPackages(this IServiceCollection services)
    {
        services.AddScoped<PackageCommands>();
        return services;
    }

    public static RouteGroupBuilder MapPackageEndpoints(this RouteGroupBuilder api) => api.MapPackages();
}
