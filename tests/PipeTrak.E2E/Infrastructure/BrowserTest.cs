using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Infrastructure;

/// <summary>
/// Base of every journey: a fresh browser context per user (and per test), console errors and
/// failed requests echoed to the test output, and on failure a full-page screenshot of every open
/// page under bin/.../artifacts.
/// </summary>
[Collection(E2ECollection.Name)]
public abstract partial class BrowserTest(AppHost app, BrowserFixture browser, ITestOutputHelper output)
{
    private readonly List<(string Label, IBrowserContext Context)> _contexts = [];

    protected AppHost App => app;

    protected ITestOutputHelper Output => output;

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Runs a journey at a viewport; screenshots every open page when it fails, then closes the contexts.</summary>
    protected async Task JourneyAsync(string viewport, Func<Task> journey, [CallerMemberName] string name = "")
    {
        try
        {
            await journey();
        }
        catch (Exception)
        {
            await SaveArtifactsAsync($"{GetType().Name}.{name}.{viewport}");
            try
            {
                Log("Outbox:" + Environment.NewLine + await app.DescribeOutboxAsync());
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                Log($"Outbox unreadable: {ex.Message}");
            }
            throw;
        }
        finally
        {
            foreach (var (_, context) in _contexts)
            {
                await context.CloseAsync();
            }
            _contexts.Clear();
        }
    }

    /// <summary>A page in a new browser context (a separate user: own cookies) at the viewport.</summary>
    protected async Task<IPage> NewPageAsync(string viewport, string label = "user")
    {
        var context = await browser.Browser.NewContextAsync(Viewports.ContextOptions(viewport, app.BaseUrl));
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        _contexts.Add((label, context));
        // Kept only when the journey fails (open it with the Playwright trace viewer).
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Log($"[{label} console {message.Type}] {message.Text}");
            }
        };
        page.PageError += (_, error) => Log($"[{label} page error] {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Log($"[{label} HTTP {response.Status}] {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) => Log($"[{label} request failed] {request.Method} {request.Url} {request.Failure}");
        return page;
    }

    /// <summary>Signs in through the sign-in page and waits until the browser has left it.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password, string? returnUrl = null)
    {
        if (!page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
        {
            await page.GotoAsync(returnUrl is null ? "/account/sign-in" : $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
        await SubmitSignInAsync(page, email, password);
    }

    protected static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        var form = page.Locator("main form[method='post']:has(input[name='Input.Password'])");
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(SignInUrl());
    }

    /// <summary>Clicks the visible "Sign out" button (top bar on mobile, wherever the layout puts it on desktop).</summary>
    protected static async Task SignOutAsync(IPage page)
    {
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).Filter(new() { Visible = true });
        if (await signOut.CountAsync() == 0)
        {
            // A collapsed menu (user menu / offcanvas) may hold it.
            var menu = page.GetByTestId("user-menu").Or(page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).Filter(new() { Visible = true });
            if (await menu.CountAsync() > 0)
            {
                await menu.First.ClickAsync();
            }
        }
        var response = await page.RunAndWaitForResponseAsync(
            () => signOut.First.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/account/sign-out", StringComparison.Ordinal));
        Assert.True(
            response.Status is 302 or 303,
            $"POST /account/sign-out answered {response.Status}, not a redirect to sign-in. A 400 means the sign-out form " +
            "posted no antiforgery token (a <form> with a plain action attribute needs asp-antiforgery=\"true\").");
        await Expect(page).ToHaveURLAsync(SignInUrl());
    }

    /// <summary>Asserts the page shows a signed-in user (the "Sign out" button exists).</summary>
    protected static async Task ExpectSignedInAsync(IPage page) =>
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).First).ToBeAttachedAsync();

    /// <summary>Mobile first (STYLE): at the mobile viewport nothing makes the page scroll sideways.</summary>
    protected async Task ExpectNoSidewaysScrollAsync(IPage page, string viewport)
    {
        if (viewport != Viewports.Mobile)
        {
            return;
        }
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide at a {widths[1]} px viewport (sideways scroll on mobile).");
    }

    /// <summary>Main content of the page (the layout's &lt;main&gt;).</summary>
    protected static ILocator Content(IPage page) => page.Locator("main");

    [GeneratedRegex(@"/account/sign-in(\?|$)")]
    protected static partial Regex SignInUrl();

    [GeneratedRegex(@"/projects/[0-9a-fA-F-]{36}/dashboard/?$")]
    protected static partial Regex DashboardUrl();

    protected void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (late browser event).
        }
    }

    private async Task SaveArtifactsAsync(string name)
    {
        Directory.CreateDirectory(ArtifactsDirectory);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        var index = 0;
        foreach (var (label, context) in _contexts)
        {
            var trace = Path.Combine(ArtifactsDirectory, $"{safe}.{label}.trace.zip");
            try
            {
                await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
                Log($"Trace: {trace}");
            }
            catch (PlaywrightException ex)
            {
                Log($"Trace failed: {ex.Message}");
            }
            foreach (var page in context.Pages)
            {
                var file = Path.Combine(ArtifactsDirectory, $"{safe}.{label}.{index++}.png");
                try
                {
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 5_000 });
                    Log($"Screenshot of {page.Url}: {file}");
                }
                catch (PlaywrightException ex)
                {
                    Log($"Screenshot of {page.Url} failed: {ex.Message}");
                }
            }
        }
    }
}
