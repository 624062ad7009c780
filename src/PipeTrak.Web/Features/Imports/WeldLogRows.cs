using System.Globalization;
using System.Text.RegularExpressions;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

/// <summary>One already-parsed field weld log row (IMP-050 columns; cells trimmed, dates as YYYY-MM-DD).</summary>
public sealed record WeldLogRow(
    int Number,
    int Line,
    string? WeldId,
    string? Drawing,
    string? WeldType,
    string? XRay = null,
    string? Stencil = null,
    string? DateWelded = null,
    string? NdeType = null,
    string? NdeResult = null,
    string? NdeDate = null,
    string? Spec = null,
    string? Size = null,
    string? Schedule = null,
    string? BaseMetal = null,
    string? Comments = null);

/// <summary>A weld log row that passed IMP-051, with its parsed values.</summary>
public sealed record ValidWeldLogRow(
    WeldLogRow Row,
    string WeldNumber,
    string Drawing,
    string WeldType,
    decimal? XRayPercent,
    string? Stencil,
    DateOnly? DateWelded,
    string? NdeType,
    string? NdeResult,
    DateOnly? NdeDate = null)
{
    /// <summary>IMP-052: NDE is required when the x-ray value is above 0.</summary>
    public bool NdeRequired => ImportValues.NdeRequired(XRayPercent);
}

/// <summary>A row error with the IMP-003 prefix.</summary>
public sealed record WeldLogRowError(int Number, int Line, string Message);

/// <summary>
/// IMP-051 field weld log validation, checks in the table's order (the first failing check is the
/// row's error). Any error rejects the file. Project data comes in as delegates so the rule stays pure.
/// </summary>
/// <param name="today">"Today" in the project time zone (TRK-002).</param>
/// <param name="drawingExists">Whether a non-retired drawing has this normalized number.</param>
/// <param name="similarDrawings">Up to 3 similar drawing numbers (TRK-016) for the "Did you mean" hint.</param>
public sealed partial class WeldLogValidator(DateOnly today, Func<string, bool> drawingExists, Func<string, IReadOnlyList<string>> similarDrawings)
{
    private static readonly string[] WeldTypes = ["BW", "SW", "FW", "TW"];
    private static readonly string[] NdeResults = ["PASS", "FAIL", "PENDING"];
    private static readonly string[] NdeTypes = ["RT", "UT", "PT", "MT", "VT"];

    /// <summary>The NDE date is not in the IMP-051 table; it is checked like Date Welded (and WLD-030).</summary>
    public const string NdeDateMessage = "NDE Date must be a date (YYYY-MM-DD) not in the future";

    /// <summary>WLD-030 records type and result together, so the import needs both (or neither).</summary>
    public const string NdeTogetherMessage = "Type of NDE Performed and NDE Result must be given together";

    /// <summary>WLD-001/WLD-055 field lengths (same messages as the weld commands).</summary>
    public const string NumberTooLongMessage = "Weld number must be 100 characters or fewer";
    public const string TextTooLongMessage = "Size, schedule, base metal and spec must be 100 characters or fewer";
    public const string CommentsTooLongMessage = "Notes must be 1,000 characters or fewer";

    private readonly Dictionary<string, int> weldIds = new(StringComparer.Ordinal);

    [GeneratedRegex("^[A-Z0-9-]{2,12}$")]
    private static partial Regex StencilPattern();

    /// <summary>Validates one row; returns the valid row or the error (never both).</summary>
    public (ValidWeldLogRow? Valid, WeldLogRowError? Error) Validate(WeldLogRow row)
    {
        var fields = WeldLogColumns.Fields;
        if (string.IsNullOrWhiteSpace(row.WeldId))
        {
            return Fail(row, $"{fields[0].Name} is required");
        }
        if (string.IsNullOrWhiteSpace(row.Drawing))
        {
            return Fail(row, $"{fields[1].Name} is required");
        }
        if (string.IsNullOrWhiteSpace(row.WeldType))
        {
            return Fail(row, $"{fields[2].Name} is required");
        }
        var weldType = row.WeldType.Trim().ToUpperInvariant();
        if (Array.IndexOf(WeldTypes, weldType) < 0)
        {
            return Fail(row, "Weld Type must be BW, SW, FW or TW");
        }
        var result = Upper(row.NdeResult);
        if (result is not null && Array.IndexOf(NdeResults, result) < 0)
        {
            return Fail(row, "NDE Result must be PASS, FAIL or PENDING");
        }
        var ndeType = Upper(row.NdeType);
        if (ndeType is not null && Array.IndexOf(NdeTypes, ndeType) < 0)
        {
            return Fail(row, "NDE type must be RT, UT, PT, MT or VT");
        }
        DateOnly? dateWelded = null;
        if (!string.IsNullOrWhiteSpace(row.DateWelded))
        {
            if (!DateOnly.TryParseExact(row.DateWelded.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date > today)
            {
                return Fail(row, "Date Welded must be a date (YYYY-MM-DD) not in the future");
            }
            dateWelded = date;
        }
        if (!ImportValues.TryParseXRay(row.XRay, out var xRay, out var xRayError))
        {
            return Fail(row, xRayError);
        }
        var stencil = Upper(row.Stencil);
        if (stencil is not null && !StencilPattern().IsMatch(stencil))
        {
            return Fail(row, $"invalid welder stencil '{row.Stencil!.Trim()}'");
        }
        if ((stencil is null) != (dateWelded is null))
        {
            return Fail(row, "Welder Stencil and Date Welded must be given together");
        }
        if ((ndeType is not null || result is not null || !string.IsNullOrWhiteSpace(row.NdeDate)) && (stencil is null || dateWelded is null))
        {
            return Fail(row, "NDE data requires a welder and weld date");
        }
        DateOnly? ndeDate = null;
        if (!string.IsNullOrWhiteSpace(row.NdeDate))
        {
            if (!DateOnly.TryParseExact(row.NdeDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date > today)
            {
                return Fail(row, NdeDateMessage);
            }
            if (date < dateWelded)
            {
                return Fail(row, "NDE date cannot be before the weld date"); // WLD-030
            }
            ndeDate = date;
        }
        if ((ndeType is not null || result is not null || ndeDate is not null) && (ndeType is null || result is null))
        {
            return Fail(row, NdeTogetherMessage);
        }
        if (row.WeldId.Trim().Length > 100)
        {
            return Fail(row, NumberTooLongMessage);
        }
        if (new[] { row.Spec, row.Size, row.Schedule, row.BaseMetal }.Any(t => t?.Trim().Length > 100))
        {
            return Fail(row, TextTooLongMessage);
        }
        if (row.Comments?.Trim().Length > 1000)
        {
            return Fail(row, CommentsTooLongMessage);
        }
        var weldNumber = ComponentIdentity.ForWeld(row.WeldId);
        if (weldIds.TryGetValue(weldNumber, out var first))
        {
            return Fail(row, string.Create(CultureInfo.InvariantCulture, $"duplicate Weld ID {row.WeldId.Trim()} (first on row {first})"));
        }
        weldIds.Add(weldNumber, row.Number);
        var drawing = DrawingNumber.Normalize(row.Drawing);
        if (!drawingExists(drawing))
        {
            return Fail(row, DrawingNotFoundMessage(row.Drawing.Trim(), similarDrawings(drawing)));
        }
        return (new ValidWeldLogRow(row, weldNumber, drawing, weldType, xRay, stencil, dateWelded, ndeType, result, ndeDate), null);
    }

    /// <summary>IMP-051: "drawing '{value}' not found. Did you mean {up to 3 similar numbers}?" (the question is left out when nothing is similar).</summary>
    public static string DrawingNotFoundMessage(string value, IReadOnlyList<string> similar) =>
        similar.Count == 0
            ? $"drawing '{value}' not found."
            : $"drawing '{value}' not found. Did you mean {string.Join(", ", similar.Take(3))}?";

    private static string? Upper(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    private static (ValidWeldLogRow?, WeldLogRowError?) Fail(WeldLogRow row, string message) =>
        (null, new WeldLogRowError(row.Number, row.Line, TakeoffRowClassifier.Prefix(row.Number, row.Line) + message));
}
