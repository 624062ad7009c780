using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features;

/// <summary>
/// PPL-015 landing: anonymous visitors see what PipeTrak is; a signed-in user without an
/// organization goes to onboarding; members go to the dashboard of their project. Welders would
/// go to the weld log, which does not exist yet, so they get the dashboard too.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Page();
        }
        return User.OrganizationId() is null ? Redirect("/onboarding") : Redirect("/dashboard");
    }
}
