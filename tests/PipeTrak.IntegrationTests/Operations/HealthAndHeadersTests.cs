using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Operations;

public abstract class HealthAndHeadersTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task Ready_reports_healthy_when_database_is_migrated()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_is_anonymous_and_healthy()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/me")]
    public async Task Every_response_carries_security_headers(string url)
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task Anonymous_page_request_redirects_to_sign_in()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/projects");
        Assert.True(response.IsRedirectTo("http://localhost/account/sign-in") || response.IsRedirectTo("/account/sign-in"), response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Anonymous_api_request_gets_401_problem_details()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class HealthAndHeadersTests_Sqlite(SqliteFactory factory) : HealthAndHeadersTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class HealthAndHeadersTests_Postgres(PostgresFactory factory) : HealthAndHeadersTests(factory);
