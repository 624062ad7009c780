using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>
/// PPL-003 resend: at most once a minute and 5 a day per account. The answer is the same whether
/// or not anything was sent, so the page does not reveal which emails have accounts.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Register)]
public sealed class ResendVerificationModel(UserManager<AppUser> users, AppDbContext db, AccountLinks links, TimeProvider clock, ILogger<ResendVerificationModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set after a POST: the neutral confirmation.</summary>
    public string? Sent { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Email")]
        public string? Email { get; set; }
    }

    public static string NeutralMessage(string email) =>
        $"If {email} belongs to an account that still needs confirming, we've sent a new confirmation link.";

    public void OnGet(string? email) => Input.Email = AccountRules.NormalizeEmail(email);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var email = AccountRules.NormalizeEmail(Input.Email);
        if (AccountRules.ValidateEmail(email) is { } error)
        {
            ModelState.AddModelError("Input.Email", error);
            return Page();
        }
        var user = await users.FindByEmailAsync(email);
        if (user is { EmailConfirmed: false })
        {
            var issued = await links.IssuedSinceAsync(user.Id, AccountTokenPurpose.VerifyEmail, TimeSpan.FromDays(1), ct);
            if (AccountRules.CanResendVerification(issued, clock.GetUtcNow().UtcDateTime))
            {
                var mail = links.AddVerification(user);
                await db.SaveChangesAsync(ct);
                await links.SendNowAsync(mail, ct);
            }
            else
            {
                AccountLog.LinkLimited(logger, AccountTokenPurpose.VerifyEmail, user.Id);
            }
        }
        Input.Email = email;
        Sent = NeutralMessage(email);
        return Page();
    }
}
