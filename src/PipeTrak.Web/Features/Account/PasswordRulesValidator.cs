using Microsoft.AspNetCore.Identity;

namespace PipeTrak.Web.Features.Account;

/// <summary>Plugs <see cref="PasswordRules"/> into Identity so every password path applies PPL-002.</summary>
public sealed class PasswordRulesValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var error = PasswordRules.Validate(password, user.Email);
        return Task.FromResult(error is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PPL-002", Description = error }));
    }
}
