namespace PipeTrak.Web.Infrastructure.Security;

/// <summary>PPL-012: per-IP limits. Configurable so tests and load benchmarks can tune them.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;
    public int SignInPerWindow { get; set; } = 30;
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(5);
    public int RegisterPerWindow { get; set; } = 30;
    public TimeSpan RegisterWindow { get; set; } = TimeSpan.FromMinutes(5);
    public int ForgotPasswordPerWindow { get; set; } = 5;
    public TimeSpan ForgotPasswordWindow { get; set; } = TimeSpan.FromMinutes(15);
    public int InvitationPerWindow { get; set; } = 30;
    public TimeSpan InvitationWindow { get; set; } = TimeSpan.FromMinutes(5);
}

public static class RateLimitPolicies
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string ForgotPassword = "forgot-password";
    public const string Invitation = "invitation";
}
