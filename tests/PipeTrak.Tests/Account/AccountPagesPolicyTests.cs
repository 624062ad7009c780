using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Operations;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Tests.Account;

/// <summary>PPL-041 / PPL-070 item 9: every account page declares a policy or is explicitly anonymous.</summary>
public sealed class AccountPagesPolicyTests
{
    public static TheoryData<Type> AccountPages()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(SignInModel).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract && t.Namespace == typeof(SignInModel).Namespace))
        {
            data.Add(type);
        }
        data.Add(typeof(DevMailboxModel));
        return data;
    }

    [Theory]
    [MemberData(nameof(AccountPages))]
    public void Page_declares_authorize_or_allow_anonymous(Type page)
    {
        var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        var authorize = page.GetCustomAttributes<AuthorizeAttribute>().Any(a => !string.IsNullOrEmpty(a.Policy));
        Assert.True(anonymous ^ authorize, $"{page.Name} must declare exactly one of [AllowAnonymous] or [Authorize(Policy = ...)]");
    }

    [Theory]
    [InlineData(typeof(ProfileModel))]
    [InlineData(typeof(ChangePasswordModel))]
    public void Own_account_pages_require_a_signed_in_user(Type page) =>
        Assert.Equal(Policies.SignedIn, page.GetCustomAttribute<AuthorizeAttribute>()?.Policy);

    [Fact]
    public void There_are_account_pages_to_check() =>
        Assert.True(AccountPages().Count >= 10);
}
