using System.Text.RegularExpressions;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-010/011 welder rules.</summary>
public static partial class WelderRules
{
    public const string StencilMessage = "Stencil must be 2-12 characters: letters, digits or hyphens";
    public const string NameRequiredMessage = "Name is required";
    public const string NameTooLongMessage = "Name must be 100 characters or fewer";
    public const string HasWeldsMessage = "This welder has welds and cannot be deleted";
    public const int NameMaxLength = 100;
    public const int StencilMaxLength = 12;

    /// <summary>WLD-010: trimmed and upper-cased (null stays null).</summary>
    public static string? NormalizeStencil(string? stencil) => stencil?.Trim().ToUpperInvariant();

    /// <summary>WLD-010: the message for an invalid stencil (after normalizing), or null.</summary>
    public static string? ValidateStencil(string? stencil) =>
        NormalizeStencil(stencil) is { } s && StencilPattern().IsMatch(s) ? null : StencilMessage;

    /// <summary>WLD-010: "Stencil {stencil} is already used by {name}".</summary>
    public static string StencilTaken(string stencil, string usedBy) => $"Stencil {stencil} is already used by {usedBy}";

    /// <summary>WLD-011: name is 1-100 characters after trimming.</summary>
    public static string? ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length == 0 ? NameRequiredMessage
            : trimmed.Length > NameMaxLength ? NameTooLongMessage
            : null;
    }

    /// <summary>WLD-011: a welder can be deleted only without welds.</summary>
    public static string? CanDelete(int weldCount) => weldCount > 0 ? HasWeldsMessage : null;

    /// <summary>WLD-080: how the weld log shows a welder: <c>stencil – name</c>.</summary>
    public static string Display(string stencil, string name) => $"{stencil} – {name}";

    [GeneratedRegex("^[A-Z0-9-]{2,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex StencilPattern();
}
