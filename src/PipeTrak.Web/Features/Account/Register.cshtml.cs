using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Account;

/// <summary>PPL-001 register (PPL-002 passwords via Identity's validator), PPL-012 rate limit.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Register)]
public sealed class RegisterModel(UserManager<AppUser> users, AppDbContext db, AccountLinks links, TimeProvider clock, ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Full Name")]
        public string? FullName { get; set; }

        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Display(Name = "Confirm Password")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }

        [Display(Name = "I accept the Terms of Service")]
        public bool AcceptTerms { get; set; }
    }

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var name = AccountRules.NormalizeName(Input.FullName);
        var email = AccountRules.NormalizeEmail(Input.Email);
        AddError(nameof(InputModel.FullName), AccountRules.ValidateName(name, AccountRules.FullNameRequired));
        AddError(nameof(InputModel.Email), AccountRules.ValidateEmail(email));
        AddError(nameof(InputModel.Password), PasswordRules.Validate(Input.Password, email));
        if (PasswordRules.Validate(Input.Password, email) is null && Input.Password != Input.ConfirmPassword)
        {
            AddError(nameof(InputModel.ConfirmPassword), AccountRules.PasswordsDoNotMatch);
        }
        if (!Input.AcceptTerms)
        {
            AddError(nameof(InputModel.AcceptTerms), AccountRules.MustAcceptTerms);
        }
        if (ModelState.IsValid && await users.FindByEmailAsync(email) is not null)
        {
            AddError(nameof(InputModel.Email), AccountRules.EmailAlreadyRegistered);
        }
        if (!ModelState.IsValid)
        {
            return Redisplay();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = false,
            FullName = name,
            CreatedAt = now,
            TermsVersion = AppUser.CurrentTermsVersion,
            TermsAcceptedAt = now,
        };
        OutboxMessage mail;
        // The account, its verification token and the email commit together or not at all.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var result = await users.CreateAsync(user, Input.Password!);
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                foreach (var error in result.Errors)
                {
                    var duplicate = error.Code is "DuplicateEmail" or "DuplicateUserName";
                    AddError(duplicate ? nameof(InputModel.Email) : nameof(InputModel.Password), duplicate ? AccountRules.EmailAlreadyRegistered : error.Description);
                }
                db.ChangeTracker.Clear();
                return Redisplay();
            }
            mail = links.AddVerification(user);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        AccountLog.Registered(logger, user.Id);
        await links.SendNowAsync(mail, ct);
        return Redirect($"/account/check-email?email={Uri.EscapeDataString(email)}");
    }

    private PageResult Redisplay()
    {
        Input.Password = null;
        Input.ConfirmPassword = null;
        return Page();
    }

    private void AddError(string field, string? message)
    {
        var key = $"{nameof(Input)}.{field}";
        if (message is not null && ModelState[key]?.Errors.Any(e => e.ErrorMessage == message) != true)
        {
            ModelState.AddModelError(key, message);
        }
    }
}
