using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>
/// PPL-016 reset: single-use link valid 60 minutes; new password per PPL-002 with confirmation.
/// On success every session ends (API tokens stay), lockout clears, the email counts as verified
/// and the user is signed in with a fresh session.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<AppUser> users, AppDbContext db, AccountLinks links, SessionManager sessions, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>False when the link is unknown, expired or used: the page shows the PPL-016 message.</summary>
    public bool LinkValid { get; private set; } = true;

    public sealed class InputModel
    {
        public string? Token { get; set; }

        [Display(Name = "New Password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Display(Name = "Confirm Password")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        Input.Token = token;
        LinkValid = await links.FindUsableAsync(token, AccountTokenPurpose.ResetPassword, ct) is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var row = await links.FindUsableAsync(Input.Token, AccountTokenPurpose.ResetPassword, ct);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId.ToString());
        if (row is null || user is null)
        {
            return Invalid();
        }
        if (PasswordRules.Validate(Input.Password, user.Email) is { } weak)
        {
            return Redisplay(nameof(InputModel.Password), weak);
        }
        if (Input.Password != Input.ConfirmPassword)
        {
            return Redisplay(nameof(InputModel.ConfirmPassword), AccountRules.PasswordsDoNotMatch);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await links.TryRedeemAsync(row, ct))
        {
            return Invalid();
        }
        // The link (our AccountToken) is the proof; Identity's own reset token is not used.
        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, Input.Password!) : removed;
        if (!added.Succeeded)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Redisplay(nameof(InputModel.Password), added.Errors.First().Description);
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await tx.CommitAsync(ct);

        var ended = await sessions.RevokeAllAsync(user.Id, keep: null, ct);
        AccountLog.PasswordReset(logger, user.Id, ended);
        await sessions.SignInAsync(HttpContext, user, persistent: false, ct);
        TempData["Toast"] = "Your password has been changed.";
        return Redirect("/");
    }

    private PageResult Invalid()
    {
        LinkValid = false;
        return Page();
    }

    private PageResult Redisplay(string field, string message)
    {
        ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        Input.Password = null;
        Input.ConfirmPassword = null;
        return Page();
    }
}
