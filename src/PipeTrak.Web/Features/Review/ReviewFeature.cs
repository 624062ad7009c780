namespace PipeTrak.Web.Features.Review;

public static class ReviewFeature
{
    public static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.AddScoped<ReviewItems>();
        return services;
    }

    public static RouteGroupBuilder MapReviewEndpoints(this RouteGroupBuilder api) => api.MapReviewItems();
}
