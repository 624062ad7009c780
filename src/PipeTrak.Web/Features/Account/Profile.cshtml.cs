using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Account;

/// <summary>
/// PPL-018 profile: email, organization and role read-only; Full Name editable. BYD-060 personal
/// access tokens: create (shown once), list, revoke.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ProfileModel(AppDbContext db, ApiTokens apiTokens) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";
    public string? OrganizationName { get; private set; }
    public string? RoleLabel { get; private set; }
    public IReadOnlyList<ApiTokenSummary> Tokens { get; private set; } = [];

    /// <summary>Set only in the response that created it: the secret is never shown again.</summary>
    public CreatedApiToken? NewToken { get; private set; }

    public string? TokenNameError { get; private set; }
    public string? TokenName { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Full Name")]
        public string? FullName { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await LoadAsync(ct);
        if (user is null)
        {
            return Challenge();
        }
        Input.FullName = user.FullName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == User.RequiredUserId(), ct);
        if (user is null)
        {
            return Challenge();
        }
        var name = AccountRules.NormalizeName(Input.FullName);
        if (AccountRules.ValidateName(name, AccountRules.NameCannotBeEmpty) is { } error)
        {
            ModelState.AddModelError("Input.FullName", error);
            await LoadAsync(ct);
            return Page();
        }
        user.FullName = name;
        await db.SaveChangesAsync(ct);
        TempData["Toast"] = "Profile updated";
        return Redirect("/account/profile");
    }

    public async Task<IActionResult> OnPostCreateTokenAsync([FromForm(Name = "TokenName")] string? tokenName, CancellationToken ct)
    {
        ModelState.Clear();
        var user = await LoadAsync(ct);
        if (user is null)
        {
            return Challenge();
        }
        Input.FullName = user.FullName;
        if (ApiTokens.ValidateName(tokenName) is { } error)
        {
            TokenNameError = error;
            TokenName = tokenName;
            return Page();
        }
        NewToken = await apiTokens.CreateAsync(user.Id, tokenName!, ct);
        // The secret is in this response only: keep it out of every cache.
        Response.Headers.CacheControl = "no-store";
        Tokens = await apiTokens.ListAsync(user.Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync([FromForm(Name = "TokenId")] Guid tokenId, CancellationToken ct)
    {
        if (!await apiTokens.RevokeAsync(User.RequiredUserId(), tokenId, ct))
        {
            return this.ErrorResult(StatusCodes.Status404NotFound, "This API token does not exist or was already revoked.");
        }
        TempData["Toast"] = "API token revoked";
        return Redirect("/account/profile");
    }

    private async Task<AppUser?> LoadAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return null;
        }
        Email = user.Email ?? "";
        if (user.OrganizationId is { } orgId)
        {
            OrganizationName = await db.Organizations.AsNoTracking().Where(o => o.Id == orgId).Select(o => o.Name).SingleOrDefaultAsync(ct);
            RoleLabel = user.Role?.Label();
        }
        Tokens = await apiTokens.ListAsync(userId, ct);
        return user;
    }
}
