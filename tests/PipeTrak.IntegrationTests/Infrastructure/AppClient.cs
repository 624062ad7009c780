using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PipeTrak.IntegrationTests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser for forms (antiforgery token taken from the page)
/// and like an API client for JSON.
/// </summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, await Parser.ParseDocumentAsync(html));
    }

    public static Task<IHtmlDocument> ParseAsync(string html) => Parser.ParseDocumentAsync(html);

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, takes the antiforgery token from its form (the one matching
    /// <paramref name="formSelector"/>, else the first POST form), and posts <paramref name="fields"/>
    /// to that form's action (or <paramref name="postUrl"/>).
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, IDictionary<string, string> fields, string? formSelector = null, string? postUrl = null, bool htmx = false)
    {
        var (_, document) = await GetPageAsync(pageUrl);
        // Without a selector: the first POST form of the page's own content (#main), so the layout's
        // sign-out form is never picked by accident.
        var scope = (AngleSharp.Dom.IParentNode?)document.QuerySelector("#main") ?? document;
        var form = (formSelector is null
            ? scope.QuerySelectorAll<IHtmlFormElement>("form").FirstOrDefault(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase) && f.QuerySelector("input[name=__RequestVerificationToken]") is not null)
            : document.QuerySelector<IHtmlFormElement>(formSelector))
            ?? throw new InvalidOperationException($"No POST form{(formSelector is null ? "" : $" '{formSelector}'")} on {pageUrl}.");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? throw new InvalidOperationException($"The form on {pageUrl} has no antiforgery token.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var action = postUrl ?? (string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!);
        return await PostWithTokenAsync(action, values, htmx);
    }

    /// <summary>Posts with the antiforgery token of any page the client can open (for htmx-style actions).</summary>
    public async Task<HttpResponseMessage> PostActionAsync(string tokenPageUrl, string postUrl, IDictionary<string, string>? fields = null, bool htmx = false)
    {
        var token = await AntiforgeryTokenAsync(tokenPageUrl);
        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        return await PostWithTokenAsync(postUrl, values, htmx);
    }

    public async Task<string> AntiforgeryTokenAsync(string pageUrl)
    {
        var (_, document) = await GetPageAsync(pageUrl);
        return document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
            ?? document.QuerySelector<IHtmlMetaElement>("meta[name=request-verification-token]")?.Content
            ?? throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
    }

    private async Task<HttpResponseMessage> PostWithTokenAsync(string url, IDictionary<string, string> values, bool htmx)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(values) };
        if (htmx)
        {
            request.Headers.Add("HX-Request", "true");
        }
        return await Http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string url, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await Http.SendAsync(request);
    }

    public void Dispose() => Http.Dispose();
}

public static class HtmlAssertions
{
    /// <summary>The trimmed text of every element matching the selector.</summary>
    public static IReadOnlyList<string> Texts(this AngleSharp.Dom.IParentNode document, string selector) =>
        [.. document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim())];

    public static string Location(this HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}.");

    public static async Task<IHtmlDocument> DocumentAsync(this HttpResponseMessage response) =>
        await AppClient.ParseAsync(await response.Content.ReadAsStringAsync());

    public static bool IsRedirectTo(this HttpResponseMessage response, string pathStart) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
        && response.Headers.Location?.OriginalString.StartsWith(pathStart, StringComparison.OrdinalIgnoreCase) == true;
}
