namespace PipeTrak.Web.Features.Account;

public static class AccountFeature
{
    public static IServiceCollection AddAccount(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api) => api;
}
