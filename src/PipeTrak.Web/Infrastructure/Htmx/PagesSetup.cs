using Microsoft.AspNetCore.Mvc;

namespace PipeTrak.Web.Infrastructure.Htmx;

public static class PagesSetup
{
    /// <summary>Razor Pages live beside their feature: the folder tree under Features/ is the product.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new AutoValidateAntiforgeryTokenAttribute());
        });
        services.Configure<RouteOptions>(o =>
        {
            o.LowercaseUrls = true;
            o.LowercaseQueryStrings = false;
        });
        return services;
    }
}
