using System.Globalization;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-001 test types.</summary>
public enum TestType
{
    Hydrostatic = 1,
    Pneumatic,
    SensitiveLeak,
    AlternativeLeak,
    InService,
    Other,
}

/// <summary>PKG-001 pressure units.</summary>
public enum PressureUnit
{
    Psig = 1,
    Bar,
    Kpa,
    Psi,
}

/// <summary>A package's editable fields as entered (PKG-001).</summary>
public sealed record PackageInput(
    string? Name,
    string? Description,
    string? TestType,
    string? OtherDescription,
    decimal? TestPressure,
    string? PressureUnit);

/// <summary>PKG-001/002 field rules, with the spec's exact labels and messages.</summary>
public static class PackageRules
{
    public const int NameMax = 100;
    public const int DescriptionMax = 100;
    public const string NameEmptyMessage = "Package name cannot be empty";
    public const string NameTakenMessage = "Package name must be unique";
    public const string DescriptionMessage = "Description max 100 characters";
    public const string TestTypeMessage = "Invalid test type";
    public const string OtherDescriptionMessage = "Describe the test type";
    public const string PressurePositiveMessage = "Test pressure must be greater than 0";
    public const string NoComponentsWarning = "This package has no components yet";
    public const string NameTooLongMessage = "Package name must be 100 characters or fewer";
    public const string UnitMessage = "Invalid pressure unit";

    private static readonly (TestType Type, string Label)[] Labels =
    [
        (TestType.Hydrostatic, "Hydrostatic Test"),
        (TestType.Pneumatic, "Pneumatic Test"),
        (TestType.SensitiveLeak, "Sensitive Leak Test"),
        (TestType.AlternativeLeak, "Alternative Leak Test"),
        (TestType.InService, "In-service Test"),
        (TestType.Other, "Other"),
    ];

    public static IReadOnlyList<TestType> TestTypes { get; } = [.. Labels.Select(l => l.Type)];

    public static string Label(this TestType type) => Labels.First(l => l.Type == type).Label;

    public static string Code(this PressureUnit unit) => unit.ToString().ToUpperInvariant();

    /// <summary>Accepts the label ("Hydrostatic Test") or the enum name, any case.</summary>
    public static bool TryParseTestType(string? text, out TestType type)
    {
        var t = text?.Trim() ?? "";
        foreach (var (candidate, label) in Labels)
        {
            if (string.Equals(t, label, StringComparison.OrdinalIgnoreCase) || string.Equals(t, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    public static bool TryParseUnit(string? text, out PressureUnit unit)
    {
        var t = text?.Trim() ?? "";
        unit = default;
        return t.Length > 0 && t.All(char.IsAsciiLetter) && Enum.TryParse(t, ignoreCase: true, out unit) && Enum.IsDefined(unit);
    }

    /// <summary>PKG-001: test pressure is required for Hydrostatic and Pneumatic.</summary>
    public static bool RequiresPressure(TestType type) => type is TestType.Hydrostatic or TestType.Pneumatic;

    /// <summary>PKG-002: "Test pressure is required and must be greater than 0 for {test type} tests".</summary>
    public static string PressureRequiredMessage(TestType type) =>
        $"Test pressure is required and must be greater than 0 for {type.Label()} tests";

    /// <summary>
    /// PKG-001/002: every failing field with its message (field names as the form's). A test type
    /// may be unset only when <paramref name="testTypeOptional"/> (import, metadata page).
    /// Uniqueness is checked by the caller against the database (<see cref="NameTakenMessage"/>).
    /// </summary>
    public static Dictionary<string, string> Validate(PackageInput input, bool testTypeOptional = false)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["Name"] = NameEmptyMessage;
        }
        else if (name.Length > NameMax)
        {
            errors["Name"] = NameTooLongMessage;
        }
        if ((input.Description?.Trim().Length ?? 0) > DescriptionMax)
        {
            errors["Description"] = DescriptionMessage;
        }

        TestType? type = null;
        if (string.IsNullOrWhiteSpace(input.TestType))
        {
            if (!testTypeOptional)
            {
                errors["TestType"] = TestTypeMessage;
            }
        }
        else if (TryParseTestType(input.TestType, out var parsed))
        {
            type = parsed;
        }
        else
        {
            errors["TestType"] = TestTypeMessage;
        }

        if (type == TestType.Other)
        {
            var other = input.OtherDescription?.Trim() ?? "";
            if (other.Length == 0)
            {
                errors["OtherDescription"] = OtherDescriptionMessage;
            }
            else if (other.Length > DescriptionMax)
            {
                errors["OtherDescription"] = DescriptionMessage;
            }
        }

        if (type is { } t && RequiresPressure(t) && input.TestPressure is not > 0)
        {
            errors["TestPressure"] = PressureRequiredMessage(t);
        }
        else if (input.TestPressure is <= 0)
        {
            errors["TestPressure"] = PressurePositiveMessage;
        }
        if (!string.IsNullOrWhiteSpace(input.PressureUnit) && !TryParseUnit(input.PressureUnit, out _))
        {
            errors["PressureUnit"] = UnitMessage;
        }
        return errors;
    }

    /// <summary>PKG-003 preview: "{n} components from {m} drawings" or "{n} components".</summary>
    public static string Preview(int components, int? drawings) =>
        drawings is { } m
            ? string.Create(CultureInfo.InvariantCulture, $"{components} components from {m} drawings")
            : string.Create(CultureInfo.InvariantCulture, $"{components} components");

    /// <summary>PKG-004: "Package created with {n} component(s)".</summary>
    public static string Created(int components) =>
        string.Create(CultureInfo.InvariantCulture, $"Package created with {components} component(s)");

    /// <summary>PKG-013: removing a component that would still inherit the package through its drawing.</summary>
    public static string RemoveThroughDrawing(string drawingNumber) =>
        $"This component belongs to the package through drawing {drawingNumber}. Remove the drawing instead.";

    /// <summary>PKG-017: a member's badge.</summary>
    public static string Badge(Guid? ownPackage, Guid? drawingPackage, string? drawingNumber) =>
        ownPackage is null || ownPackage == drawingPackage ? $"From drawing {drawingNumber}" : "Manually assigned";
}
