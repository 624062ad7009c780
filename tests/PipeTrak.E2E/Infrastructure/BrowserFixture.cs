using Microsoft.Playwright;

namespace PipeTrak.E2E.Infrastructure;

/// <summary>
/// One Chromium per test collection: Debian's /usr/bin/chromium (never a downloaded browser),
/// driven by the Playwright driver copied to bin/.playwright by the NuGet package.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PIPETRAK_E2E_CHROMIUM") is { Length: > 0 } custom ? custom : ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: install Debian's chromium package (scripts/test.sh does it).");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
