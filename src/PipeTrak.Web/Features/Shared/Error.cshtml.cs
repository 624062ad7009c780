using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Shared;

/// <summary>Status-code and exception page. Messages set by handlers (PPL-041) are shown as is.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Error";
    public string Message { get; private set; } = "";
    public string? TraceId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? 500;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            Response.StatusCode = status;
        }
        var custom = HttpContext.Items[ErrorResponses.MessageItemKey] as string;
        (Title, Message) = status switch
        {
            403 => ("Not allowed", custom ?? "You don't have permission to do this."),
            404 => ("Not found", custom ?? "We couldn't find that page. It may have been deleted, or the link is wrong."),
            409 => ("Conflict", custom ?? "Someone else changed this in the meantime. Reload and try again."),
            429 => ("Too many attempts", custom ?? "Too many attempts. Try again in a few minutes."),
            400 => ("Bad request", custom ?? "The request was not valid."),
            _ => ("Something went wrong", custom ?? "Something went wrong on our side. Please try again; if it keeps happening, contact support with the reference below."),
        };
        if (status >= 500)
        {
            TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        }
    }
}
