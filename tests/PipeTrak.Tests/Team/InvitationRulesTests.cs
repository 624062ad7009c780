using PipeTrak.Web.Features.Team;

namespace PipeTrak.Tests.Team;

/// <summary>PPL-050, PPL-051, PPL-054: invitation rules.</summary>
public sealed class InvitationRulesTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PPL054_no_token_is_checked_first()
    {
        Assert.Equal(InvitationCheck.NoToken, InvitationRules.Check(false, InvitationStatus.Revoked, Now.AddDays(-1), Now));
    }

    [Fact]
    public void PPL054_unknown_hash_is_not_found()
    {
        Assert.Equal(InvitationCheck.NotFound, InvitationRules.Check(true, null, null, Now));
    }

    [Fact]
    public void PPL054_revoked_wins_over_expired()
    {
        Assert.Equal(InvitationCheck.Revoked, InvitationRules.Check(true, InvitationStatus.Revoked, Now.AddDays(-1), Now));
    }

    [Fact]
    public void PPL054_accepted_wins_over_expired()
    {
        Assert.Equal(InvitationCheck.AlreadyAccepted, InvitationRules.Check(true, InvitationStatus.Accepted, Now.AddDays(-1), Now));
    }

    [Fact]
    public void PPL054_expires_at_equal_to_now_is_expired()
    {
        Assert.Equal(InvitationCheck.Expired, InvitationRules.Check(true, InvitationStatus.Pending, Now, Now));
    }

    [Fact]
    public void PPL054_one_tick_before_expiry_is_valid()
    {
        Assert.Equal(InvitationCheck.Valid, InvitationRules.Check(true, InvitationStatus.Pending, Now.AddTicks(1), Now));
    }

    [Fact]
    public void PPL054_status_expired_is_expired_even_before_the_date()
    {
        Assert.Equal(InvitationCheck.Expired, InvitationRules.Check(true, InvitationStatus.Expired, Now.AddDays(3), Now));
    }

    [Theory]
    [InlineData(InvitationCheck.NoToken, null, "Invalid invitation link")]
    [InlineData(InvitationCheck.NotFound, "INVITATION_NOT_FOUND", "This invitation link is not valid.")]
    [InlineData(InvitationCheck.Revoked, "INVITATION_REVOKED", "This invitation has been revoked. Ask your administrator for a new one.")]
    [InlineData(InvitationCheck.AlreadyAccepted, "INVITATION_ALREADY_ACCEPTED", "This invitation has already been accepted. Sign in to continue.")]
    [InlineData(InvitationCheck.Expired, "INVITATION_EXPIRED", "This invitation has expired. Ask your administrator to send a new one.")]
    public void PPL054_messages_and_codes_are_exact(InvitationCheck check, string? code, string message)
    {
        Assert.Equal((code, message), InvitationRules.Describe(check));
    }

    [Fact]
    public void PPL054_valid_message_names_organization_and_role_label()
    {
        Assert.Equal("You've been invited to join Acme Piping as QC Inspector", InvitationRules.ValidMessage("Acme Piping", OrgRole.QcInspector));
    }

    [Fact]
    public void PPL051_expires_seven_days_after_creation()
    {
        Assert.Equal(Now.AddDays(7), InvitationRules.ExpiresAt(Now));
    }

    [Fact]
    public void PPL060_pending_past_expiry_shows_as_expired()
    {
        Assert.Equal(InvitationStatus.Expired, InvitationRules.EffectiveStatus(InvitationStatus.Pending, Now, Now));
        Assert.Equal(InvitationStatus.Pending, InvitationRules.EffectiveStatus(InvitationStatus.Pending, Now.AddMinutes(1), Now));
    }

    [Theory]
    [InlineData("  Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("a@b.co", "a@b.co")]
    public void PPL050_email_is_trimmed_and_lower_cased(string input, string expected)
    {
        Assert.Equal(expected, InvitationRules.NormalizeEmail(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("a b@c.com")]
    [InlineData("Jane <jane@example.com>")]
    public void PPL050_invalid_emails_are_refused(string input)
    {
        Assert.Null(InvitationRules.NormalizeEmail(input));
    }

    [Fact]
    public void PPL050_email_longer_than_254_is_refused()
    {
        Assert.Null(InvitationRules.NormalizeEmail(new string('a', 250) + "@x.io"));
    }

    [Fact]
    public void PPL052_email_has_subject_intro_link_expiry_and_footer()
    {
        var (subject, text, html) = InvitationEmail.Build("Ann Lee", "Acme", OrgRole.ProjectManager, "Welcome aboard", "http://x/accept-invitation?token=abc", new DateTime(2026, 3, 17, 12, 0, 0, DateTimeKind.Utc), "bo@x.io");
        Assert.Equal("You've been invited to join Acme on PipeTrak", subject);
        Assert.Contains("Ann Lee has invited you to join Acme on PipeTrak as Project Manager.", text, StringComparison.Ordinal);
        Assert.Contains("Welcome aboard", text, StringComparison.Ordinal);
        Assert.Contains("http://x/accept-invitation?token=abc", text, StringComparison.Ordinal);
        Assert.Contains("This invitation expires on Mar 17, 2026.", text, StringComparison.Ordinal);
        Assert.Contains("This invitation was sent to bo@x.io. If you were not expecting it, you can ignore this email.", text, StringComparison.Ordinal);
        Assert.Contains("Accept Invitation", html, StringComparison.Ordinal);
    }
}
