using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace PipeTrak.Web.Features.Welds;

public enum WeldLogExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>An export ready to send: bytes, MIME type and download name.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Formula injection: a text cell that a spreadsheet would read as a formula (it starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is prefixed with a single quote.
/// </summary>
public static class SpreadsheetText
{
    public static string Neutralize(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled.</summary>
    public static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}

/// <summary>RPT-032: the weld log export (CSV and Excel) with the spec's columns, in the log's order.</summary>
public static class WeldLogExport
{
    public const string CsvContentType = "text/csv";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string FormatMessage = "format must be csv or xlsx";

    /// <summary>RPT-032 columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Weld ID", "Drawing", "Welder", "Date Welded", "Type", "Size", "Schedule", "NDE Type", "NDE Result", "NDE Date",
        "X-ray %", "Area", "System", "Test Package", "Status", "Progress %",
    ];

    public static WeldLogExportFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => WeldLogExportFormat.Csv,
        "xlsx" or "excel" => WeldLogExportFormat.Xlsx,
        _ => null,
    };

    public static ExportFile Build(IEnumerable<WeldLogRow> rows, WeldLogExportFormat format, DateOnly today)
    {
        var stamp = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return format == WeldLogExportFormat.Xlsx
            ? new ExportFile(Xlsx(rows), XlsxContentType, $"weld-log-{stamp}.xlsx")
            : new ExportFile(Csv(rows), CsvContentType + "; charset=utf-8", $"weld-log-{stamp}.csv");
    }

    /// <summary>One row's cells: text neutralized (<see cref="SpreadsheetText"/>), numbers as numbers.</summary>
    public static object[] Cells(WeldLogRow r) =>
    [
        SpreadsheetText.Neutralize(r.Number),
        SpreadsheetText.Neutralize(r.Drawing),
        SpreadsheetText.Neutralize(r.Welder),
        Date(r.DateWelded),
        r.WeldType,
        SpreadsheetText.Neutralize(r.Size),
        SpreadsheetText.Neutralize(r.Schedule),
        r.NdeType ?? "",
        r.NdeResult ?? "",
        Date(r.NdeDate),
        r.XRayPercent,
        SpreadsheetText.Neutralize(r.Area),
        SpreadsheetText.Neutralize(r.System),
        SpreadsheetText.Neutralize(r.Package),
        r.Status,
        r.Percent,
    ];

    /// <summary>UTF-8 with a byte-order mark (Excel then reads accents right), CRLF line ends.</summary>
    public static byte[] Csv(IEnumerable<WeldLogRow> rows)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns.Select(SpreadsheetText.CsvField))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(',', Cells(row).Select(c => SpreadsheetText.CsvField(Format(c))))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One sheet "Weld log": the header row, then one row per weld (numbers stay numeric).</summary>
    public static byte[] Xlsx(IEnumerable<WeldLogRow> rows)
    {
        using var table = new System.Data.DataTable("Weld log") { Locale = CultureInfo.InvariantCulture };
        foreach (var column in Columns)
        {
            table.Columns.Add(column, column is "X-ray %" or "Progress %" ? typeof(decimal) : typeof(string));
        }
        foreach (var row in rows)
        {
            table.Rows.Add(Cells(row));
        }
        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: "Weld log");
        return stream.ToArray();
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Format(object cell) => cell switch
    {
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
