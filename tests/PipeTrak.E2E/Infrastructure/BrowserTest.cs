using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PipeTrak.E2E.Infrastructure;

/// <summary>
/// Base of every journey: a fresh browser context per user (and per test), console errors,
/// failed requests and HTTP errors echoed to the test output, and on failure a full-page
/// screenshot of every open page, a Playwright trace per context (bin/.../artifacts) and the
/// outbox state.
/// </summary>
[Collection(E2ECollection.Name)]
public abstract partial class BrowserTest(AppHost app, BrowserFixture browser, ITestOutputHelper output)
{
    private readonly List<(string Label, IBrowserContext Context)> _contexts = [];
    private readonly List<string> _layoutProblems = [];

    protected AppHost App => app;

    protected ITestOutputHelper Output => output;

    public static string ArtifactsDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Runs a journey at a viewport; saves artifacts when it fails, then closes the contexts.</summary>
    protected async Task JourneyAsync(string viewport, Func<Task> journey, [CallerMemberName] string name = "")
    {
        try
        {
            await journey();
            // Layout problems are collected along the way so the functional journey still runs to
            // its end; they fail the test here, all at once.
            Assert.True(_layoutProblems.Count == 0, string.Join(Environment.NewLine, _layoutProblems));
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
            _layoutProblems.Clear();
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
                Log($"[{label} console {message.Type} on {message.Page?.Url ?? page.Url}] {message.Text}");
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
        if (page.ViewportSize is { } size && await signOut.First.BoundingBoxAsync() is { } box)
        {
            Assert.True(
                box.X >= 0 && box.X + box.Width <= size.Width + 1,
                $"The \"Sign out\" button is off screen at a {size.Width} px viewport (its box spans {box.X:0}-{box.X + box.Width:0} px), " +
                "so it cannot be tapped: the top bar is wider than the screen.");
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

    /// <summary>
    /// Mobile first (STYLE): at the mobile viewport no element box reaches past the screen's right
    /// edge (that is what pushed the top bar's "Sign out" off screen). Recorded, and failed at the
    /// end of the journey. Long unbreakable text that overflows its box depends on the test data's
    /// length, so it is only reported in the output.
    /// </summary>
    protected async Task ExpectNoSidewaysScrollAsync(IPage page, string viewport)
    {
        if (viewport != Viewports.Mobile)
        {
            return;
        }
        // Compare with the configured viewport: under mobile emulation Chromium zooms out to fit
        // overflowing content, so window.innerWidth grows with the overflow and hides it.
        var viewportWidth = page.ViewportSize?.Width ?? 390;
        var report = await page.EvaluateAsync<string[][]>(
            """
            (max) => {
              const boxes = [], texts = [];
              for (const e of document.querySelectorAll('body *')) {
                const style = getComputedStyle(e);
                if (style.position === 'fixed' || style.display === 'none') continue;
                const rect = e.getBoundingClientRect();
                if (rect.width === 0) continue;
                const name = `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${[...e.classList].map(c => '.' + c).join('')}`;
                // Inside a scroll container that itself fits (Bootstrap's .table-responsive), the
                // box scrolls within it and the page does not scroll sideways.
                let clipped = false;
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                  const ox = getComputedStyle(a).overflowX;
                  if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') && a.getBoundingClientRect().right <= max + 1) { clipped = true; break; }
                }
                if (clipped) continue;
                if (rect.right > max + 1) boxes.push(`${name} (right edge at ${Math.round(rect.right)} px)`);
                else if (e.scrollWidth > e.clientWidth + 1 && style.overflowX === 'visible' && e.clientWidth > 0)
                  texts.push(`${name} (content ${e.scrollWidth} px in a ${e.clientWidth} px box)`);
              }
              return [boxes.slice(0, 6), texts.slice(0, 4)];
            }
            """,
            viewportWidth);
        if (report[1].Length > 0)
        {
            Log($"Mobile layout note, {page.Url}: text overflows its box: {string.Join("; ", report[1])}");
        }
        if (report[0].Length > 0)
        {
            var problem = $"{new Uri(page.Url).PathAndQuery} is wider than the {viewportWidth} px mobile viewport (sideways scroll). " +
                $"Past the right edge: {string.Join("; ", report[0])}";
            _layoutProblems.Add(problem);
            Log("Mobile layout problem: " + problem);
        }
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
