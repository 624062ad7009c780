using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-003: a valid, unused, unexpired link verifies the email and signs in.</summary>
[AllowAnonymous]
public sealed class VerifyModel(UserManager<AppUser> users, AccountLinks links, SessionManager sessions, ILogger<VerifyModel> logger) : PageModel
{
    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        var row = await links.FindUsableAsync(token, AccountTokenPurpose.VerifyEmail, ct);
        var user = row is null ? null : await users.FindByIdAsync(row.UserId.ToString());
        if (row is null || user is null || !await links.TryRedeemAsync(row, ct))
        {
            return Page();
        }
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            AccountLog.Verified(logger, user.Id);
        }
        await sessions.SignInAsync(HttpContext, user, persistent: false, ct);
        return Redirect("/");
    }
}
