using System.Globalization;
using System.Text.Json;

namespace PipeTrak.Web.Features.Packages;

/// <summary>The kinds of value a stage data field holds (PKG-056).</summary>
public enum StageFieldKind
{
    Text,
    YesNo,
    Date,
    Minutes,
}

public sealed record StageField(string Key, string Label, StageFieldKind Kind, int MaxLength = 200);

/// <summary>PKG-056: the optional data each stage records, validated and stored as a JSON object.</summary>
public static class StageData
{
    public const int FinalNotesMax = 2000;

    public static IReadOnlyList<StageField> Fields(StageKind kind) => kind switch
    {
        StageKind.PreHydro => [new("inspector", "Inspector", StageFieldKind.Text, 100), new("ndeComplete", "NDE Complete", StageFieldKind.YesNo)],
        StageKind.Test => [new("gaugeNumbers", "Gauge Numbers", StageFieldKind.Text), new("calibrationDates", "Calibration Dates", StageFieldKind.Text), new("timeHeld", "Time Held (minutes)", StageFieldKind.Minutes)],
        StageKind.DrainFlush => [new("drainDate", "Drain Date", StageFieldKind.Date), new("flushDate", "Flush Date", StageFieldKind.Date)],
        StageKind.PostHydro => [new("inspectionDate", "Inspection Date", StageFieldKind.Date), new("defectsFound", "Defects Found", StageFieldKind.YesNo), new("defectDescription", "Defect Description", StageFieldKind.Text, 500)],
        StageKind.ProtectiveCoatings => [new("coatingType", "Coating Type", StageFieldKind.Text), new("clientPaintSpec", "Client Paint Spec", StageFieldKind.Text)],
        StageKind.Insulation => [new("insulationType", "Insulation Type", StageFieldKind.Text), new("insulationSpec", "Insulation Spec", StageFieldKind.Text)],
        StageKind.Final => [new("finalNotes", "Final Notes", StageFieldKind.Text, FinalNotesMax)],
        _ => [],
    };

    /// <summary>
    /// Validates the given values (unknown keys are refused, blanks are dropped) and returns the
    /// normalized values (dates as yyyy-MM-dd, Yes/No, whole minutes) or the errors by key.
    /// </summary>
    public static (Dictionary<string, string> Values, Dictionary<string, string> Errors) Validate(StageKind kind, IReadOnlyDictionary<string, string?>? input)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = Fields(kind).ToDictionary(f => f.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, raw) in input ?? new Dictionary<string, string?>())
        {
            if (!fields.TryGetValue(key, out var field))
            {
                errors[key] = $"{kind.Name()} has no field '{key}'";
                continue;
            }
            var text = raw?.Trim() ?? "";
            if (text.Length == 0)
            {
                continue;
            }
            switch (field.Kind)
            {
                case StageFieldKind.Text when text.Length > field.MaxLength:
                    errors[field.Key] = string.Create(CultureInfo.InvariantCulture, $"{field.Label} must be {field.MaxLength} characters or fewer");
                    break;
                case StageFieldKind.Text:
                    values[field.Key] = text;
                    break;
                case StageFieldKind.YesNo when text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase):
                    values[field.Key] = "Yes";
                    break;
                case StageFieldKind.YesNo when text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase):
                    values[field.Key] = "No";
                    break;
                case StageFieldKind.YesNo:
                    errors[field.Key] = $"{field.Label} must be Yes or No";
                    break;
                case StageFieldKind.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    values[field.Key] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case StageFieldKind.Date:
                    errors[field.Key] = $"{field.Label} must be a date (YYYY-MM-DD)";
                    break;
                case StageFieldKind.Minutes when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0:
                    values[field.Key] = minutes.ToString(CultureInfo.InvariantCulture);
                    break;
                case StageFieldKind.Minutes:
                    errors[field.Key] = $"{field.Label} must be a whole number of minutes above 0";
                    break;
            }
        }
        return (values, errors);
    }

    public static string Serialize(IReadOnlyDictionary<string, string> values) => JsonSerializer.Serialize(values);

    public static Dictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrWhiteSpace(json) ? "{}" : json) ?? [];
}
