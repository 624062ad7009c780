namespace PipeTrak.Web.Features.Components;

public enum MetadataKind
{
    Area = 1,
    System,
    Package,
}

/// <summary>TRK-070 names of areas, systems and test packages: trimmed, 1-100 characters, unique per project ignoring case.</summary>
public static class MetadataNames
{
    public const int MaxLength = 100;
    public const string RequiredMessage = "Name is required";
    public const string TooLongMessage = "Name must be 100 characters or fewer";

    public static string Label(this MetadataKind kind) => kind switch
    {
        MetadataKind.Area => "Area",
        MetadataKind.System => "System",
        _ => "Test package",
    };

    public static bool TryParse(string? value, out MetadataKind kind)
    {
        kind = value?.Trim().ToLowerInvariant() switch
        {
            "area" => MetadataKind.Area,
            "system" => MetadataKind.System,
            "package" => MetadataKind.Package,
            _ => default,
        };
        return kind != default;
    }

    /// <summary>"{Area|System|Test package} '{name}' already exists".</summary>
    public static string DuplicateMessage(MetadataKind kind, string name) => $"{kind.Label()} '{name.Trim()}' already exists";

    /// <summary>TRK-070 shape checks (required, length); null when fine. Uniqueness is checked against the store.</summary>
    public static string? Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return RequiredMessage;
        }
        return trimmed.Length > MaxLength ? TooLongMessage : null;
    }
}
