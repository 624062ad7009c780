using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Security;

/// <summary>
/// PPL-041 / PPL-070.9: every page and endpoint declares a policy or is explicitly anonymous. The
/// fallback policy is a safety net, not a declaration: an endpoint relying on it fails this test.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class EndpointPolicyTests(SqliteFactory factory)
{
    [Fact]
    public void Every_endpoint_declares_a_policy_or_is_anonymous()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")
            .ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without [Authorize(...)] or [AllowAnonymous]:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public void Anonymous_endpoints_are_only_the_public_ones()
    {
        string[] allowed =
        [
            "/", "account/", "accept-invitation", "error/", "health/", "metrics", "openapi/", "scalar", "dev/mailbox",
        ];
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(route => !allowed.Any(a => a == "/" ? route == "/" : route.TrimStart('/').StartsWith(a, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        Assert.True(anonymous.Count == 0, "Unexpected anonymous endpoints:\n" + string.Join("\n", anonymous));
    }
}
