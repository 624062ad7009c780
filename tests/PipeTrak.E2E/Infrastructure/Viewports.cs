using Microsoft.Playwright;

namespace PipeTrak.E2E.Infrastructure;

/// <summary>The two viewports every journey runs at.</summary>
public static class Viewports
{
    public const string Desktop = "desktop";
    public const string Mobile = "mobile";

    private const string MobileUserAgent =
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36";

    public static BrowserNewContextOptions ContextOptions(string viewport, string baseUrl) => viewport switch
    {
        Desktop => new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Locale = "en-US",
            TimezoneId = "UTC",
        },
        Mobile => new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            UserAgent = MobileUserAgent,
            Locale = "en-US",
            TimezoneId = "UTC",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(viewport), viewport, "Use \"desktop\" or \"mobile\"."),
    };
}
