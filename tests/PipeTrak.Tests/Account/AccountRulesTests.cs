using PipeTrak.Web.Features.Account;

namespace PipeTrak.Tests.Account;

/// <summary>PPL-001 field rules, PPL-003 resend limits, PPL-016 reset request limit, PPL-018 name.</summary>
public sealed class AccountRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("  Jordan@Example.COM ", "jordan@example.com")]
    [InlineData(null, "")]
    public void PPL001_email_is_trimmed_and_lower_cased(string? input, string expected) =>
        Assert.Equal(expected, AccountRules.NormalizeEmail(input));

    [Theory]
    [InlineData("jordan@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    public void PPL001_valid_emails_pass(string email) =>
        Assert.Null(AccountRules.ValidateEmail(email));

    [Theory]
    [InlineData("")]
    [InlineData("jordan")]
    [InlineData("jordan@")]
    [InlineData("@example.com")]
    [InlineData("jordan@example")]
    [InlineData("jor dan@example.com")]
    [InlineData("a@b@example.com")]
    [InlineData("jordan@example..com")]
    public void PPL001_invalid_emails_say_invalid_email_address(string email) =>
        Assert.Equal("Invalid email address", AccountRules.ValidateEmail(email));

    [Fact]
    public void PPL001_email_of_254_characters_is_accepted_255_is_not()
    {
        var ok = new string('a', 64) + "@" + new string('b', 254 - 64 - 1 - 4) + ".com";
        Assert.Equal(254, ok.Length);
        Assert.Null(AccountRules.ValidateEmail(ok));
        var tooLong = new string('a', 64) + "@" + new string('b', 255 - 64 - 1 - 4) + ".com";
        Assert.Equal("Invalid email address", AccountRules.ValidateEmail(tooLong));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void PPL001_empty_full_name_is_required(string name) =>
        Assert.Equal("Full name is required", AccountRules.ValidateName(AccountRules.NormalizeName(name), AccountRules.FullNameRequired));

    [Fact]
    public void PPL001_full_name_is_trimmed_and_100_characters_are_allowed()
    {
        Assert.Equal("Jordan Lee", AccountRules.NormalizeName("  Jordan Lee \t"));
        Assert.Null(AccountRules.ValidateName(new string('n', 100), AccountRules.FullNameRequired));
        Assert.NotNull(AccountRules.ValidateName(new string('n', 101), AccountRules.FullNameRequired));
    }

    [Fact]
    public void PPL018_profile_name_cannot_be_empty() =>
        Assert.Equal("Name cannot be empty", AccountRules.ValidateName(AccountRules.NormalizeName("  "), AccountRules.NameCannotBeEmpty));

    [Fact]
    public void PPL003_first_resend_is_allowed() =>
        Assert.True(AccountRules.CanResendVerification([], Now));

    [Fact]
    public void PPL003_resend_within_a_minute_is_refused()
    {
        Assert.False(AccountRules.CanResendVerification([Now.AddSeconds(-59)], Now));
        Assert.True(AccountRules.CanResendVerification([Now.AddSeconds(-60)], Now));
    }

    [Fact]
    public void PPL003_five_a_day_then_refused_until_a_day_has_passed()
    {
        DateTime[] five = [.. Enumerable.Range(1, 5).Select(h => Now.AddHours(-h))];
        Assert.False(AccountRules.CanResendVerification(five, Now));
        DateTime[] fourToday = [.. five[..4], Now.AddHours(-25)];
        Assert.True(AccountRules.CanResendVerification(fourToday, Now));
    }

    [Fact]
    public void PPL016_three_reset_requests_per_hour_then_dropped()
    {
        DateTime[] two = [Now.AddMinutes(-50), Now.AddMinutes(-10)];
        Assert.True(AccountRules.CanSendReset(two, Now));
        DateTime[] three = [.. two, Now.AddMinutes(-1)];
        Assert.False(AccountRules.CanSendReset(three, Now));
        DateTime[] oneExpired = [Now.AddMinutes(-61), Now.AddMinutes(-10), Now.AddMinutes(-1)];
        Assert.True(AccountRules.CanSendReset(oneExpired, Now));
    }

    [Theory]
    [InlineData(null, "Token name is required")]
    [InlineData("   ", "Token name is required")]
    public void BYD060_token_name_is_required(string? name, string message) =>
        Assert.Equal(message, ApiTokens.ValidateName(name));

    [Fact]
    public void BYD060_token_name_at_most_100_characters()
    {
        Assert.Null(ApiTokens.ValidateName(new string('t', 100)));
        Assert.Equal("Token name must be at most 100 characters", ApiTokens.ValidateName(new string('t', 101)));
    }

    [Fact]
    public void PPL003_account_tokens_are_usable_until_expiry_and_only_once()
    {
        var token = new AccountToken { CreatedAt = Now, ExpiresAt = Now + AccountToken.VerifyLifetime };
        Assert.True(token.IsUsable(Now.AddHours(23)));
        Assert.False(token.IsUsable(Now.AddHours(24)));
        token.UsedAt = Now.AddMinutes(1);
        Assert.False(token.IsUsable(Now.AddMinutes(2)));
        Assert.Equal(TimeSpan.FromMinutes(60), AccountToken.ResetLifetime);
    }
}
