using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PipeTrak.IntegrationTests.Account;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.IntegrationTests.Team;
using static PipeTrak.IntegrationTests.Account.AccountTestHelpers;

namespace PipeTrak.IntegrationTests.Security;

/// <summary>
/// ARCHITECTURE (logging) and issue 2 item 9: with the app's real logging configuration, the
/// secret-bearing flows (register, verify, sign in, reset, invitations, API tokens) write no
/// password, token or email address to the logs.
/// </summary>
public sealed class LogHygieneTests(LogHygieneTests.CapturingFactory factory) : IClassFixture<LogHygieneTests.CapturingFactory>
{
    public sealed class CapturingFactory() : PipeTrakFactory(TestProvider.Sqlite)
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new CapturingProvider(Lines)));
        }
    }

    [Fact]
    public async Task Secret_bearing_flows_log_no_password_token_or_email()
    {
        // Register and verify (password, verification token, email).
        using var client = factory.NewClient();
        var email = factory.UniqueEmail("logcheck");
        await client.RegisterAsync(RegisterFields(email));
        var verifyLink = factory.Mail.LinkIn(email, "/account/verify");
        Assert.True((await client.Http.GetAsync(PathOf(verifyLink))).IsRedirectTo("/"));

        // Wrong and right sign-in, forgot and reset (reset token, new password).
        using var other = factory.NewClient();
        await other.SignInPostAsync(email, "Wrong-Password-77");
        await other.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var resetLink = factory.Mail.LinkIn(email, "/account/reset-password");
        const string newPassword = "Brand-New-Secret-58";
        var reset = await other.PostFormAsync(PathOf(resetLink), new Dictionary<string, string>
        {
            ["Input.Token"] = Token(resetLink),
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, reset.StatusCode);

        // An invitation (invitation token) and an API token.
        var org = await factory.CreateOrganizationAsync();
        using var owner = await factory.SignInAsync(org.Owner);
        var invitee = factory.UniqueEmail("loginvitee");
        var invitationLink = await factory.InviteAndGetLinkAsync(org, owner, invitee);
        using var api = await factory.ApiClientAsync(org.Owner);
        var created = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "log check" });
        var apiToken = (await created.JsonAsync()).GetProperty("token").GetString()!;

        string[] secrets =
        [
            PipeTrakFactory.Password, newPassword, "Wrong-Password-77",
            Token(verifyLink), Token(resetLink), Token(invitationLink), apiToken,
            email, invitee, org.Owner.Email,
        ];
        var lines = factory.Lines.ToArray();
        Assert.NotEmpty(lines);
        foreach (var secret in secrets)
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"A log line contains a secret or personal datum: {leak}");
        }
    }

    private static string Token(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
