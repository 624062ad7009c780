using Microsoft.AspNetCore.Mvc;

namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>
/// Writes an error the way the caller understands it: ProblemDetails for the API, a short text
/// fragment for htmx (shown as a toast by site.js), the status-code page otherwise.
/// </summary>
public static class ErrorResponses
{
    public const string MessageItemKey = "PipeTrak.ErrorMessage";

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static bool IsHtmx(HttpRequest request) => request.Headers.ContainsKey("HX-Request");

    public static async Task WriteAsync(HttpContext http, int status, string title, string detail, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        if (IsApi(http.Request))
        {
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            });
            return;
        }
        if (IsHtmx(http.Request))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail, ct);
            return;
        }
        // Full pages: the re-executed status-code page (Features/Shared/Error) shows the message.
        http.Items[MessageItemKey] = detail;
    }
}
