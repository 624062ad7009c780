using System.Globalization;

namespace PipeTrak.Web.Features.Imports;

/// <summary>IMP-001 refusal messages and IMP-002 CSV delimiter detection.</summary>
public static class ImportFileRules
{
    public const string UnsupportedTypeMessage = "Unsupported file type. Upload a .csv, .xlsx or .xls file.";
    public const string EmptyFileMessage = "The file appears to be empty: it needs a header row and at least one data row.";
    public const string UnreadableMessage = "The file could not be read as a spreadsheet.";
    public const string ImportRunningMessage = "Another import is running for this project. Try again in a moment.";
    public const string PreviewChangedMessage = "Project data changed since the preview. Review the updated preview.";

    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx", ".xls"];

    /// <summary>IMP-002 candidates, in the order used to break ties.</summary>
    public static readonly IReadOnlyList<char> Delimiters = [',', ';', '\t', '|'];

    public static string TooLargeMessage(int limitMegabytes) =>
        string.Create(CultureInfo.InvariantCulture, $"File too large. Maximum {limitMegabytes} MB");

    public static string TooManyRowsMessage(int rows, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Too many rows: {rows}. Maximum {limit} data rows per file.");

    /// <summary>IMP-001: only .csv, .xlsx and .xls (compared ignoring case).</summary>
    public static bool IsSupportedExtension(string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "");
        foreach (var allowed in Extensions)
        {
            if (string.Equals(extension, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// IMP-002: the delimiter is whichever of <c>,</c> <c>;</c> tab <c>|</c> occurs most often outside
    /// quotes in the header line (RFC 4180 quotes, <c>""</c> escapes). Ties, and a header with none of
    /// them (a single column), go to the earlier candidate, so the default is the comma.
    /// </summary>
    public static char DetectDelimiter(ReadOnlySpan<char> headerLine)
    {
        Span<int> counts = stackalloc int[4];
        var inQuotes = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes; // an escaped "" toggles twice
                continue;
            }
            if (inQuotes)
            {
                continue;
            }
            var index = c switch { ',' => 0, ';' => 1, '\t' => 2, '|' => 3, _ => -1 };
            if (index >= 0)
            {
                counts[index]++;
            }
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }
        return Delimiters[best];
    }

    /// <summary>IMP-054: the message for a weld row whose data differs from non-blank current values.</summary>
    public static string DiffersMessage(int rowNumber) =>
        string.Create(CultureInfo.InvariantCulture, $"Row {rowNumber}: differs from current data; not changed");
}
