namespace PipeTrak.Web.Features.Organizations;

/// <summary>PPL-004, PPL-020: an organization's name is required, at most 100 characters, and need not be unique.</summary>
public static class OrganizationRules
{
    public const string NameRequired = "Organization name is required";
    public const string NameTooLong = "Organization name must be at most 100 characters";
    public const string SettingsForbidden = "Only owners and admins can access organization settings.";

    /// <summary>The message for an invalid name, or null when it is valid.</summary>
    public static string? ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length == 0 ? NameRequired
            : trimmed.Length > Organization.NameMaxLength ? NameTooLong
            : null;
    }
}
