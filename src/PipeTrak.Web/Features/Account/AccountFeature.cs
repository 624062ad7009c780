namespace PipeTrak.Web.Features.Account;

public static class AccountFeature
{
    public static IServiceCollection AddAccount(this IServiceCollection services)
    {
        services.AddScoped<AccountLinks>();
        services.AddScoped<ApiTokens>();
        return services;
    }

    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api) => AccountEndpoints.Map(api);
}
