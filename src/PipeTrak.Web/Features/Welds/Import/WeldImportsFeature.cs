namespace PipeTrak.Web.Features.Welds.Import;

public static class WeldImportsFeature
{
    /// <summary>The weld log import; the limits are the takeoff import's (IMP-001, options bound by AddImports).</summary>
    public static IServiceCollection AddWeldImports(this IServiceCollection services)
    {
        services.AddScoped<WeldImportCommands>();
        return services;
    }

    public static RouteGroupBuilder MapWeldImportEndpoints(this RouteGroupBuilder api) => api.MapWeldImports();
}
