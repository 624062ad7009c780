using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-014: sign out ends the session on the server, not just the cookie.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SessionManager sessions) : PageModel
{
    public IActionResult OnGet() => Redirect("/account/sign-in");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sessions.SignOutAsync(HttpContext, ct);
        return Redirect("/account/sign-in");
    }
}
