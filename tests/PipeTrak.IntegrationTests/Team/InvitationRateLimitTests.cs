using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Team;

/// <summary>SQLite only: a factory with the invitation rate limit on (PPL-012: open/accept per IP).</summary>
public sealed class InvitationRateLimitFactory() : PipeTrakFactory(TestProvider.Sqlite)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:InvitationPerWindow"] = "3",
        ["RateLimits:InvitationWindow"] = "00:05:00",
    };
}

public sealed class InvitationRateLimitTests(InvitationRateLimitFactory factory) : IClassFixture<InvitationRateLimitFactory>
{
    [Fact]
    public async Task PPL012_invitation_accept_attempts_are_limited_per_ip()
    {
        using var client = factory.NewClient();
        var token = PipeTrak.Web.Infrastructure.Security.SecureToken.Generate();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostActionAsync($"/accept-invitation?token={token}", "/accept-invitation", TeamTestSupport.NewUserForm(token));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        // Showing the page is free.
        var (get, _) = await client.GetPageAsync($"/accept-invitation?token={token}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
