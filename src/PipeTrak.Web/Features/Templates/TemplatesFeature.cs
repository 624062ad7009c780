namespace PipeTrak.Web.Features.Templates;

public static class TemplatesFeature
{
    public static IServiceCollection AddTemplates(this IServiceCollection services)
    {
        services.AddScoped<RulesOfCredit>();
        return services;
    }

    public static RouteGroupBuilder MapTemplateEndpoints(this RouteGroupBuilder api) => api.MapTemplates();
}
