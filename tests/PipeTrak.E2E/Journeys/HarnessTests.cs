using Microsoft.Extensions.DependencyInjection;
using PipeTrak.E2E.Infrastructure;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Journeys;

/// <summary>
/// The harness itself: the app serves pages with its assets over Kestrel to Chromium, and the
/// outbox delivers over real SMTP to the in-process server (PPL-053 "tries at once").
/// </summary>
public sealed class HarnessTests(AppHost app, BrowserFixture browser, ITestOutputHelper output)
    : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task Outbox_mail_reaches_the_in_process_smtp_server()
    {
        var to = App.UniqueEmail("smtp");
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
        var message = outbox.Enqueue(to, "Harness check", $"Open {outbox.Link("/account/verify?token=abc")} now.", "<p>Harness</p>");
        await db.SaveChangesAsync();

        Assert.True(await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().TrySendNowAsync(message.Id, CancellationToken.None));
        var mail = await App.Mail.WaitForAsync(to);
        Assert.Equal("Harness check", mail.Subject);
        Assert.Equal($"{App.BaseUrl}/account/verify?token=abc", SmtpSink.LinkIn(mail, "/account/verify"));
    }

    [Theory]
    [InlineData(Viewports.Desktop)]
    [InlineData(Viewports.Mobile)]
    public Task Sign_in_page_renders_with_styles_and_scripts(string viewport) => JourneyAsync(viewport, async () =>
    {
        var page = await NewPageAsync(viewport);
        var failed = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Url.Contains("/lib/", StringComparison.Ordinal))
            {
                failed.Add(r.Url);
            }
        };
        await page.GotoAsync("/account/sign-in");
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        // Bootstrap is loaded (the CSP allows it): the primary button is styled.
        var background = await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in", Exact = true })
            .EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.htmx === 'object'"), "htmx did not load");
        Assert.Empty(failed);
    });
}
