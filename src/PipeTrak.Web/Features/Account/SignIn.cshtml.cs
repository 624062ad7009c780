using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-010 sign in, PPL-011 lockout, PPL-003 unverified accounts, PPL-012 rate limit.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignIn)]
public sealed class SignInModel(UserManager<AppUser> users, SessionManager sessions, TimeProvider clock, ILogger<SignInModel> logger) : PageModel
{
    public const string InvalidCredentials = "Invalid email or password";
    public const string Unverified = "Verify your email before signing in";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Set when the account is unverified, to offer a resend link.</summary>
    public string? UnverifiedEmail { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var email = (Input.Email ?? "").Trim().ToLowerInvariant();
        var user = email.Length == 0 ? null : await users.FindByEmailAsync(email);
        if (user is null || string.IsNullOrEmpty(Input.Password))
        {
            return Fail(InvalidCredentials);
        }
        // PPL-011: a locked account is refused even with the right password. Lockout is computed
        // with the injected TimeProvider (Identity itself reads the system clock).
        if (IsLockedOut(user))
        {
            return Fail(LockedMessage(user));
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await users.AccessFailedAsync(user);
            if (user.LockoutEnd is not null && user.AccessFailedCount == 0)
            {
                // The 5th consecutive failure: Identity just locked the account; restate the end on our clock.
                await users.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(users.Options.Lockout.DefaultLockoutTimeSpan));
                AccountLog.LockedOut(logger, user.Id);
                return Fail(LockedMessage(user));
            }
            return Fail(InvalidCredentials);
        }
        // Success clears the count of consecutive failures.
        if (user.AccessFailedCount > 0 || user.LockoutEnd is not null)
        {
            await users.ResetAccessFailedCountAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
        }
        if (!user.EmailConfirmed)
        {
            UnverifiedEmail = user.Email;
            return Fail(Unverified);
        }
        await sessions.SignInAsync(HttpContext, user, Input.RememberMe, ct);
        return LocalRedirect(SafeReturnUrl());
    }

    private bool IsLockedOut(AppUser user) =>
        user.LockoutEnabled && user.LockoutEnd is { } end && end > clock.GetUtcNow();

    private string LockedMessage(AppUser user)
    {
        var remaining = (user.LockoutEnd ?? clock.GetUtcNow()) - clock.GetUtcNow();
        var minutes = Math.Max(1, (int)Math.Ceiling(remaining.TotalMinutes));
        return $"Too many failed sign-in attempts. Try again in {minutes} minutes.";
    }

    private PageResult Fail(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Input.Password = "";
        return Page();
    }

    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
