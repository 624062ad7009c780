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
/// PPL-016 forgot password: always the same answer; beyond 3 requests per hour per email the
/// request is silently dropped; PPL-012 rate limit per IP.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.ForgotPassword)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, AppDbContext db, AccountLinks links, TimeProvider clock, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Sent { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Email")]
        public string? Email { get; set; }
    }

    public static string NeutralMessage(string email) =>
        $"If an account exists for {email}, we've sent a link to reset the password.";

    public void OnGet(string? email) => Input.Email = email is null ? null : AccountRules.NormalizeEmail(email);

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
        if (user is not null)
        {
            var issued = await links.IssuedSinceAsync(user.Id, AccountTokenPurpose.ResetPassword, TimeSpan.FromHours(1), ct);
            if (AccountRules.CanSendReset(issued, clock.GetUtcNow().UtcDateTime))
            {
                var mail = links.AddPasswordReset(user);
                await db.SaveChangesAsync(ct);
                await links.SendNowAsync(mail, ct);
            }
            else
            {
                AccountLog.LinkLimited(logger, AccountTokenPurpose.ResetPassword, user.Id);
            }
        }
        Input.Email = email;
        Sent = NeutralMessage(email);
        return Page();
    }
}
