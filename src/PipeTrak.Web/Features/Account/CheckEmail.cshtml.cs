using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-001: after registering, "Check your email" with a resend form (PPL-003).</summary>
[AllowAnonymous]
public sealed class CheckEmailModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public string NormalizedEmail => AccountRules.NormalizeEmail(Email);

    public void OnGet()
    {
    }
}
