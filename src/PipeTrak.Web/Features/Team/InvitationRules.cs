using System.Net.Mail;

namespace PipeTrak.Web.Features.Team;

/// <summary>The outcome of opening an invitation link, in PPL-054 order.</summary>
public enum InvitationCheck
{
    Valid,
    NoToken,
    NotFound,
    Revoked,
    AlreadyAccepted,
    Expired,
}

/// <summary>PPL-050, PPL-054: pure invitation rules.</summary>
public static class InvitationRules
{
    public const string InvalidLink = "Invalid invitation link";
    public const string NotFoundMessage = "This invitation link is not valid.";
    public const string RevokedMessage = "This invitation has been revoked. Ask your administrator for a new one.";
    public const string AcceptedMessage = "This invitation has already been accepted. Sign in to continue.";
    public const string ExpiredMessage = "This invitation has expired. Ask your administrator to send a new one.";
    public const string EmailMismatchMessage = "This invitation was sent to a different email address. Sign in with that address to accept it.";
    public const string AlreadyInOrganizationMessage = "You already belong to an organization.";
    public const string ExistingAccountMessage = "An account with this email exists. Sign in to accept.";
    public const string AlreadyMemberMessage = "This email is already a member of an organization";
    public const string AlreadyPendingMessage = "An invitation has already been sent to this email";
    public const string InvalidEmailMessage = "Invalid email address";
    public const string RoleRequiredMessage = "Select a role";
    public const string MessageTooLongMessage = "Message must be at most 500 characters";

    public const string NotFoundCode = "INVITATION_NOT_FOUND";
    public const string RevokedCode = "INVITATION_REVOKED";
    public const string AcceptedCode = "INVITATION_ALREADY_ACCEPTED";
    public const string ExpiredCode = "INVITATION_EXPIRED";
    public const string EmailMismatchCode = "EMAIL_MISMATCH";
    public const string AlreadyHasOrganizationCode = "USER_ALREADY_HAS_ORGANIZATION";
    public const string AlreadyPendingCode = "INVITATION_ALREADY_PENDING";
    public const string NotPendingCode = "INVITATION_NOT_PENDING";

    /// <summary>PPL-054: the checks run in order: no token, unknown, revoked, accepted, expired.</summary>
    public static InvitationCheck Check(bool hasToken, InvitationStatus? status, DateTime? expiresAt, DateTime now)
    {
        if (!hasToken)
        {
            return InvitationCheck.NoToken;
        }
        if (status is null || expiresAt is null)
        {
            return InvitationCheck.NotFound;
        }
        return status switch
        {
            InvitationStatus.Revoked => InvitationCheck.Revoked,
            InvitationStatus.Accepted => InvitationCheck.AlreadyAccepted,
            InvitationStatus.Expired => InvitationCheck.Expired,
            _ when IsExpired(expiresAt.Value, now) => InvitationCheck.Expired,
            _ => InvitationCheck.Valid,
        };
    }

    /// <summary>PPL-054: "expires at ≤ now" is expired.</summary>
    public static bool IsExpired(DateTime expiresAt, DateTime now) => expiresAt <= now;

    /// <summary>A pending invitation that is still usable (PPL-050 duplicate check, PPL-056 resend).</summary>
    public static bool IsOpen(InvitationStatus status, DateTime expiresAt, DateTime now) =>
        status == InvitationStatus.Pending && !IsExpired(expiresAt, now);

    /// <summary>The status a list shows: a pending invitation past its expiry is expired.</summary>
    public static InvitationStatus EffectiveStatus(InvitationStatus status, DateTime expiresAt, DateTime now) =>
        status == InvitationStatus.Pending && IsExpired(expiresAt, now) ? InvitationStatus.Expired : status;

    public static DateTime ExpiresAt(DateTime createdAt) => createdAt + Invitation.Lifetime;

    public static (string? Code, string Message) Describe(InvitationCheck check) => check switch
    {
        InvitationCheck.NoToken => (null, InvalidLink),
        InvitationCheck.NotFound => (NotFoundCode, NotFoundMessage),
        InvitationCheck.Revoked => (RevokedCode, RevokedMessage),
        InvitationCheck.AlreadyAccepted => (AcceptedCode, AcceptedMessage),
        InvitationCheck.Expired => (ExpiredCode, ExpiredMessage),
        _ => (null, ""),
    };

    public static string ValidMessage(string organization, OrgRole role) =>
        $"You've been invited to join {organization} as {role.Label()}";

    /// <summary>PPL-050: trimmed, lower-cased, ≤ 254 and a valid address; null when invalid.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var value = (email ?? "").Trim().ToLowerInvariant();
        if (value.Length is 0 or > 254 || value.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        if (!MailAddress.TryCreate(value, out var parsed) || !string.Equals(parsed.Address, value, StringComparison.Ordinal))
        {
            return null;
        }
        var at = value.LastIndexOf('@');
        return at > 0 && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') ? value : null;
    }
}
