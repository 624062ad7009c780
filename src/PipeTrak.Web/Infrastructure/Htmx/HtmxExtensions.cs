using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Infrastructure.Htmx;

public static class HtmxExtensions
{
    public static bool IsHtmx(this HttpRequest request) => ErrorResponses.IsHtmx(request);

    /// <summary>Full page for a normal request, the named partial for htmx (with Vary: HX-Request).</summary>
    public static IActionResult PageOrPartial(this PageModel page, string partialName, object? model = null)
    {
        page.Response.Headers.Vary = "HX-Request";
        return page.Request.IsHtmx() ? page.Partial(partialName, model ?? page) : page.Page();
    }

    /// <summary>PPL-041 step 3: 403 "You don't have permission to {action}."</summary>
    public static IActionResult Forbidden(this PageModel page, Permission permission) =>
        page.ErrorResult(StatusCodes.Status403Forbidden, $"You don't have permission to {permission.ActionPhrase()}.");

    /// <summary>A refusal with a user-facing message: a toast for htmx, the error page otherwise.</summary>
    public static IActionResult ErrorResult(this PageModel page, int status, string message)
    {
        if (page.Request.IsHtmx())
        {
            return new ContentResult { StatusCode = status, Content = message, ContentType = "text/plain; charset=utf-8" };
        }
        page.HttpContext.Items[ErrorResponses.MessageItemKey] = message;
        return new StatusCodeResult(status);
    }

    /// <summary>Shows a toast after an htmx swap (site.js listens for the showToast event).</summary>
    public static void Toast(this HttpResponse response, string message)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(new { showToast = message });
        response.Headers["HX-Trigger"] = payload;
    }
}
