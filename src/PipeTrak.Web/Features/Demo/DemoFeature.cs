namespace PipeTrak.Web.Features.Demo;

public static class DemoFeature
{
    public static IServiceCollection AddDemo(this IServiceCollection services) =>
        services.AddScoped<DemoSeeder>().AddScoped<DemoProjects>().AddScoped<DemoScenario>();
}
