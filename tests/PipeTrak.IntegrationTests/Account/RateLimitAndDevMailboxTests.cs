using System.Net;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>PPL-012 with limits on (SQLite is enough: the limiter is in memory).</summary>
public sealed class RateLimitedFactory() : PipeTrakFactory(TestProvider.Sqlite)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "true",
        ["RateLimits:SignInPerWindow"] = "3",
        ["RateLimits:RegisterPerWindow"] = "2",
        ["RateLimits:ForgotPasswordPerWindow"] = "2",
    };
}

public sealed class RateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task PPL012_fourth_sign_in_post_gets_429_with_retry_after_and_message()
    {
        using var client = factory.NewClient();
        var email = factory.UniqueEmail("rl");
        for (var i = 0; i < 3; i++)
        {
            var ok = await client.SignInPostAsync(email, "Wrong-Password-77");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var limited = await client.SignInPostAsync(email, "Wrong-Password-77");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 300);
        var doc = await limited.DocumentAsync();
        Assert.Equal("Too many attempts. Try again in 5 minutes.", doc.QuerySelector("[data-testid=error-message]")!.TextContent.Trim());

        // Showing the form is free.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/account/sign-in")).StatusCode);
    }

    [Fact]
    public async Task PPL012_register_posts_are_limited()
    {
        using var client = factory.NewClient();
        for (var i = 0; i < 2; i++)
        {
            await client.RegisterAsync(AccountTestHelpers.RegisterFields("bad-email"));
        }
        var limited = await client.RegisterAsync(AccountTestHelpers.RegisterFields("bad-email"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task PPL012_forgot_password_posts_are_limited()
    {
        using var client = factory.NewClient();
        for (var i = 0; i < 2; i++)
        {
            await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "x@example.test" }, "[data-testid=forgot-password-form]");
        }
        var limited = await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "x@example.test" }, "[data-testid=forgot-password-form]");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Too many attempts. Try again in 15 minutes.", (await limited.DocumentAsync()).QuerySelector("[data-testid=error-message]")!.TextContent.Trim());
    }
}

/// <summary>The development mailbox (Development environment only).</summary>
public sealed class DevelopmentFactory() : PipeTrakFactory(TestProvider.Sqlite)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["environment"] = "Development" };
}

public sealed class DevMailboxTests(DevelopmentFactory factory) : IClassFixture<DevelopmentFactory>
{
    [Fact]
    public async Task Dev_mailbox_lists_mail_and_shows_clickable_links_without_a_session()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client, "mailbox");
        using var anonymous = factory.NewClient();

        var (response, list) = await anonymous.GetPageAsync("/dev/mailbox");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = list.QuerySelectorAll("[data-testid=mail-row]").First(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Confirm your email", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sent", row.TextContent, StringComparison.Ordinal);
        var detailUrl = row.QuerySelector("a")!.GetAttribute("href")!;

        var (_, detail) = await anonymous.GetPageAsync(detailUrl);
        var link = detail.QuerySelectorAll("[data-testid=mail-body] a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("/account/verify?token=", StringComparison.Ordinal));
        Assert.Equal(factory.Mail.LinkIn(email, "/account/verify"), link);
    }
}
