namespace PipeTrak.Web.Features.Projects;

/// <summary>The fields of a project a person edits (PPL-031, PPL-032).</summary>
public sealed record ProjectInput(string? Name, string? Description, string? TimeZone);

/// <summary>PPL-031 validation of a project's own fields. Uniqueness needs the database and is checked by the operations.</summary>
public static class ProjectRules
{
    public const string NameRequired = "Project name is required";
    public const string NameTooLong = "Project name must be at most 100 characters";
    public const string DescriptionRequired = "Description is required";
    public const string DescriptionTooLong = "Description must be at most 500 characters";
    public const string TimeZoneInvalid = "Choose a valid time zone";
    public const string ConcurrencyConflict = "This project was changed by someone else. Reload to see the latest version.";
    public const string DeleteConfirmMismatch = "Type the project name exactly to confirm deletion";

    public static string DuplicateName(string name) => $"A project named '{name.Trim()}' already exists";

    /// <summary>Field name → messages; empty when valid. Keys are the input's property names.</summary>
    public static Dictionary<string, string[]> Validate(ProjectInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors[nameof(ProjectInput.Name)] = [NameRequired];
        }
        else if (name.Length > Project.NameMaxLength)
        {
            errors[nameof(ProjectInput.Name)] = [NameTooLong];
        }
        var description = input.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            errors[nameof(ProjectInput.Description)] = [DescriptionRequired];
        }
        else if (description.Length > Project.DescriptionMaxLength)
        {
            errors[nameof(ProjectInput.Description)] = [DescriptionTooLong];
        }
        if (!ProjectTimeZones.IsValid(input.TimeZone))
        {
            errors[nameof(ProjectInput.TimeZone)] = [TimeZoneInvalid];
        }
        return errors;
    }

    /// <summary>PPL-034: deletion needs the exact project name (surrounding spaces forgiven, case not).</summary>
    public static bool ConfirmsDeletion(string projectName, string? typed) =>
        string.Equals(projectName, typed?.Trim(), StringComparison.Ordinal);
}

/// <summary>TRK-002: a project's time zone is an IANA id known to the system.</summary>
public static class ProjectTimeZones
{
    public const string Default = "UTC";

    private static readonly Lazy<IReadOnlyList<string>> Ids = new(LoadIds);

    /// <summary>Every IANA id the system knows, sorted; offered in the time zone pickers.</summary>
    public static IReadOnlyList<string> All => Ids.Value;

    public static bool IsValid(string? id) =>
        !string.IsNullOrWhiteSpace(id) && BinarySearch(id.Trim()) >= 0;

    /// <summary>The canonical spelling of a valid id (ids are matched exactly, so this is the id itself).</summary>
    public static string Normalize(string? id) => string.IsNullOrWhiteSpace(id) ? Default : id.Trim();

    private static int BinarySearch(string id)
    {
        var list = All;
        int lo = 0, hi = list.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var c = string.CompareOrdinal(list[mid], id);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    private static List<string> LoadIds()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal) { Default };
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            if (zone.HasIanaId)
            {
                ids.Add(zone.Id);
            }
            else if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana))
            {
                ids.Add(iana);
            }
        }
        return [.. ids];
    }
}
