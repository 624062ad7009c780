using PipeTrak.Web.Features.Account;

namespace PipeTrak.Tests.Account;

/// <summary>PPL-002: length, any Unicode, the five weak patterns (ignoring case).</summary>
public sealed class PasswordRulesTests
{
    private const string Email = "jordan.welder@example.com";

    [Fact]
    public void PPL002_exactly_8_characters_is_accepted() =>
        Assert.Null(PasswordRules.Validate("Tr4ck-Me", Email));

    [Fact]
    public void PPL002_7_characters_is_too_short() =>
        Assert.Equal("Password must be at least 8 characters", PasswordRules.Validate("Tr4ck-M", Email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void PPL002_missing_password_is_too_short(string? password) =>
        Assert.Equal("Password must be at least 8 characters", PasswordRules.Validate(password, Email));

    [Fact]
    public void PPL002_exactly_128_characters_is_accepted() =>
        Assert.Null(PasswordRules.Validate(Build(128), Email));

    [Fact]
    public void PPL002_129_characters_is_too_long() =>
        Assert.Equal("Password must be at most 128 characters", PasswordRules.Validate(Build(129), Email));

    [Theory]
    [InlineData("pâté-éclair-ñ")]
    [InlineData("Пароль-для-трубы")]
    [InlineData("管道进度跟踪系统")]
    [InlineData("weld 🔧 spool 🔩")]
    public void PPL002_any_unicode_is_allowed(string password) =>
        Assert.Null(PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("correct horse battery")]
    [InlineData("alllowercaseletters")]
    [InlineData("8492017365")]
    public void PPL002_no_character_classes_are_required(string password) =>
        Assert.Null(PasswordRules.Validate(password, Email));

    [Fact]
    public void PPL002_length_counts_characters_not_utf16_units()
    {
        // 8 emoji are 16 UTF-16 code units but 8 characters: long enough; 7 are not.
        Assert.Null(PasswordRules.Validate("🔧🔩🛠🔥⚙🧰📐🏗", Email));
        Assert.Equal("Password must be at least 8 characters", PasswordRules.Validate("🔧🔩🛠🔥⚙🧰📐", Email));
    }

    [Theory]
    [InlineData("zzzzzzzz")]
    [InlineData("ZZZZZzzzzz")]
    [InlineData("11111111")]
    [InlineData("!!!!!!!!!!!!")]
    [InlineData("🔧🔧🔧🔧🔧🔧🔧🔧")]
    public void PPL002_row1_one_repeated_character_is_rejected(string password) =>
        Assert.Equal("Password cannot be one repeated character", PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("23456789")]
    [InlineData("hgfedcba")]
    [InlineData("abcdefgh")]
    [InlineData("ABCDEFGHIJ")]
    [InlineData("98765432")]
    [InlineData("0123456789")]
    [InlineData("zyxwvutsrq")]
    public void PPL002_row2_simple_sequence_is_rejected(string password) =>
        Assert.Equal("Password cannot be a simple sequence", PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("abcdefgh1")]
    [InlineData("12345679")]
    [InlineData("acegikmo")]
    public void PPL002_row2_almost_sequences_are_allowed(string password) =>
        Assert.Null(PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("qwertyui")]
    [InlineData("QWERTYUIOP")]
    [InlineData("iuytrewq")]
    [InlineData("asdfghjkl")]
    [InlineData("zxcvbnm,")]
    [InlineData("1qaz2wsx")]
    [InlineData("1QAZ2WSX3EDC")]
    [InlineData("zaq1xsw2")]
    public void PPL002_row3_keyboard_walk_is_rejected(string password) =>
        Assert.Equal("Password cannot be a keyboard pattern", PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("password")]
    [InlineData("Password1")]
    [InlineData("PASSWORD!!")]
    [InlineData("passw0rd2024")]
    [InlineData("p@ssword#1")]
    [InlineData("letmein1")]
    [InlineData("Welcome2025!")]
    [InlineData("iloveyou")]
    [InlineData("admin123")]
    [InlineData("qwerty12")]
    [InlineData("changeme")]
    [InlineData("PipeTrak2026")]
    [InlineData("pipetrak!@#")]
    public void PPL002_row4_common_password_is_rejected(string password) =>
        Assert.Equal("Password is too common", PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("Welcome home 2025")]
    [InlineData("passwordless")]
    [InlineData("admin-of-spools")]
    [InlineData("my password 1")]
    public void PPL002_row4_common_word_followed_by_letters_is_allowed(string password) =>
        Assert.Null(PasswordRules.Validate(password, Email));

    [Theory]
    [InlineData("jordan.welder-2025")]
    [InlineData("JORDAN.WELDER!")]
    [InlineData("my jordan.welder@example.com")]
    public void PPL002_row5_password_containing_email_local_part_is_rejected(string password) =>
        Assert.Equal("Password cannot contain your email name", PasswordRules.Validate(password, Email));

    [Fact]
    public void PPL002_row5_local_part_of_exactly_4_characters_counts() =>
        Assert.Equal("Password cannot contain your email name", PasswordRules.Validate("xxjohn-rigging", "john@example.com"));

    [Fact]
    public void PPL002_row5_local_part_of_3_characters_is_allowed() =>
        Assert.Null(PasswordRules.Validate("bob-likes-pipes", "bob@example.com"));

    [Fact]
    public void PPL002_row5_whole_email_is_rejected_even_with_a_short_local_part() =>
        Assert.Equal("Password cannot contain your email name", PasswordRules.Validate("al@x.io-rigging", "al@x.io"));

    [Fact]
    public void PPL002_row5_email_is_compared_trimmed_and_ignoring_case() =>
        Assert.Equal("Password cannot contain your email name", PasswordRules.Validate("big-JOHN-rigging", "  John@Example.com "));

    [Fact]
    public void PPL002_without_an_email_row5_does_not_apply() =>
        Assert.Null(PasswordRules.Validate("jordan.welder-2025", null));

    [Fact]
    public void PPL002_the_first_failing_rule_wins() =>
        // "qwerty" is also common, but the keyboard walk is checked first.
        Assert.Equal("Password cannot be a keyboard pattern", PasswordRules.Validate("qwertyuiop", Email));

    private static string Build(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(i => "Spool-7x"[i % 8]));
}
