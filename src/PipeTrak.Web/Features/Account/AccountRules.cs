using System.Net.Mail;

namespace PipeTrak.Web.Features.Account;

/// <summary>Pure account rules (PPL-001, PPL-003, PPL-016, PPL-017, PPL-018): no I/O, unit-tested.</summary>
public static class AccountRules
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;

    public const string FullNameRequired = "Full name is required";
    public const string NameCannotBeEmpty = "Name cannot be empty";
    public const string NameTooLong = "Name must be at most 100 characters";
    public const string InvalidEmail = "Invalid email address";
    public const string PasswordsDoNotMatch = "Passwords do not match";
    public const string MustAcceptTerms = "You must accept the terms of service";
    public const string EmailAlreadyRegistered = "This email is already registered";
    public const string VerificationLinkInvalid = "This verification link is invalid or has expired";
    public const string ResetLinkInvalid = "This password reset link is invalid or has expired. Please request a new one.";
    public const string CurrentPasswordIncorrect = "Current password is incorrect";
    public const string NewPasswordMustDiffer = "New password must be different from current password";

    /// <summary>PPL-003: resend at most once a minute and 5 times a day per account.</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(1);
    public const int ResendPerDay = 5;

    /// <summary>PPL-016: beyond 3 reset requests per hour per email, further requests are dropped.</summary>
    public const int ResetRequestsPerHour = 3;

    /// <summary>PPL-001: trimmed and lower-cased.</summary>
    public static string NormalizeEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>PPL-001: a normalized address, at most 254 characters, of the form local@domain.</summary>
    public static string? ValidateEmail(string normalizedEmail)
    {
        if (normalizedEmail.Length is 0 or > MaxEmailLength)
        {
            return InvalidEmail;
        }
        var at = normalizedEmail.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != normalizedEmail.LastIndexOf('@') || at == normalizedEmail.Length - 1
            || normalizedEmail.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(normalizedEmail, out var parsed)
            || !string.Equals(parsed.Address, normalizedEmail, StringComparison.Ordinal))
        {
            return InvalidEmail;
        }
        var domain = normalizedEmail[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return InvalidEmail;
        }
        return null;
    }

    public static string NormalizeName(string? name) => (name ?? "").Trim();

    /// <summary>PPL-001 (register, <paramref name="emptyMessage"/> = "Full name is required") and PPL-018 (profile, "Name cannot be empty").</summary>
    public static string? ValidateName(string normalizedName, string emptyMessage)
    {
        if (normalizedName.Length == 0)
        {
            return emptyMessage;
        }
        return normalizedName.Length > MaxNameLength ? NameTooLong : null;
    }

    /// <summary>PPL-003: may another verification email be sent, given when the earlier ones were issued?</summary>
    public static bool CanResendVerification(IEnumerable<DateTime> issuedAt, DateTime now)
    {
        var recent = issuedAt.Where(t => now - t < TimeSpan.FromDays(1)).ToList();
        return recent.Count < ResendPerDay && recent.All(t => now - t >= ResendInterval);
    }

    /// <summary>PPL-016: may another reset email be sent for this address, given the earlier requests?</summary>
    public static bool CanSendReset(IEnumerable<DateTime> issuedAt, DateTime now) =>
        issuedAt.Count(t => now - t < TimeSpan.FromHours(1)) < ResetRequestsPerHour;
}
