using System.Text;
using MiniExcelLibs;
using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>
/// IMP-061: the weld log template as .xlsx (sheets "Weld Log" and "Allowed Values") or .csv: the 14
/// headers of IMP-050 (required ones marked <c>*</c>, which IMP-011 strips), two example rows, and the
/// allowed values of each coded column.
/// </summary>
public static class WeldImportTemplate
{
    public static IReadOnlyList<string> Headers { get; } =
        WeldLogColumns.Fields.Select(f => f.Required ? f.Name + "*" : f.Name).ToList();

    /// <summary>A welded weld with a PASS, and a planned weld not yet welded.</summary>
    public static readonly IReadOnlyList<string[]> Examples =
    [
        ["W-001", "P-1001", "BW", "CS150", "2", "STD", "A106-B", "10%", "JD-01", "2026-01-15", "RT", "PASS", "2026-01-20", "Example: welded and accepted"],
        ["W-002", "P-1001", "SW", "CS150", "1", "80", "A105", "5%", "", "", "", "", "", "Example: not welded yet"],
    ];

    /// <summary>The coded columns and what they accept (WLD-002, WLD-010, IMP-051, IMP-052).</summary>
    public static readonly IReadOnlyList<(string Column, string Values)> AllowedValues =
    [
        ("Weld Type", "BW (butt), SW (socket), FW (fillet), TW (threaded or tack); any case"),
        ("X-RAY %", "0 to 100, as 5%, 5 or a fraction such as 0.05; blank = not set. NDE is required when above 0"),
        ("Welder Stencil", "2-12 letters, digits or hyphens; unknown stencils create unverified welders. Give it together with Date Welded"),
        ("Date Welded", "YYYY-MM-DD (or a date cell), not in the future"),
        ("Type of NDE Performed", "RT, UT, PT, MT or VT; needs a welder and weld date, and an NDE Result"),
        ("NDE Result", "PASS, FAIL or PENDING; needs a welder and weld date, and a Type of NDE Performed"),
        ("NDE Date", "YYYY-MM-DD, not in the future nor before Date Welded; blank = the import date"),
        ("Required", "Weld ID Number, Drawing / Isometric Number (an existing drawing), Weld Type"),
    ];

    public static byte[] Csv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Headers.Select(Quote)).Append("\r\n");
        foreach (var row in Examples)
        {
            sb.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }
        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    public static byte[] Xlsx()
    {
        var log = Examples.Select(row =>
        {
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < Headers.Count; i++)
            {
                values[Headers[i]] = row[i];
            }
            return values;
        }).ToList();
        var allowed = AllowedValues.Select(a => new Dictionary<string, object> { ["Column"] = a.Column, ["Allowed values"] = a.Values }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["Weld Log"] = log, ["Allowed Values"] = allowed });
        return stream.ToArray();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
