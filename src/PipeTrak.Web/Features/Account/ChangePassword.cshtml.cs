using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-017: current password checked, new one per PPL-002, confirmed and different; other sessions end.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SessionManager sessions, ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Current Password")]
        [DataType(DataType.Password)]
        public string? CurrentPassword { get; set; }

        [Display(Name = "New Password")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }

        [Display(Name = "Confirm New Password")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var user = await users.FindByIdAsync(User.RequiredUserId().ToString());
        if (user is null)
        {
            return Challenge();
        }
        if (string.IsNullOrEmpty(Input.CurrentPassword) || !await users.CheckPasswordAsync(user, Input.CurrentPassword))
        {
            return Fail(nameof(InputModel.CurrentPassword), AccountRules.CurrentPasswordIncorrect);
        }
        if (Input.NewPassword == Input.CurrentPassword)
        {
            return Fail(nameof(InputModel.NewPassword), AccountRules.NewPasswordMustDiffer);
        }
        if (PasswordRules.Validate(Input.NewPassword, user.Email) is { } weak)
        {
            return Fail(nameof(InputModel.NewPassword), weak);
        }
        if (Input.NewPassword != Input.ConfirmPassword)
        {
            return Fail(nameof(InputModel.ConfirmPassword), AccountRules.PasswordsDoNotMatch);
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword!);
        if (!result.Succeeded)
        {
            return Fail(nameof(InputModel.NewPassword), result.Errors.First().Description);
        }
        // This session stays; every other one (other browsers, devices) ends now.
        Guid? current = Guid.TryParse(User.FindFirst(PipeTrakClaims.SessionId)?.Value, out var sid) ? sid : null;
        var ended = await sessions.RevokeAllAsync(user.Id, current, ct);
        AccountLog.PasswordChanged(logger, user.Id, ended);
        TempData["Toast"] = "Password changed. You were signed out everywhere else.";
        return Redirect("/account/profile");
    }

    private PageResult Fail(string field, string message)
    {
        ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        Input = new InputModel();
        return Page();
    }
}
