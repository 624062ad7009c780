using System.Text;
using MiniExcelLibs;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

/// <summary>IMP-060: the takeoff template as .xlsx (sheets "Material Takeoff" and "Instructions") or .csv.</summary>
public static class TakeoffTemplate
{
    public static readonly IReadOnlyList<string> Headers =
        ["DRAWING*", "TYPE*", "QTY*", "CMDTY CODE*", "SIZE", "SPEC", "DESCRIPTION", "COMMENTS", "AREA", "SYSTEM", "TEST_PACKAGE"];

    /// <summary>A spool, a valve with QTY 2, and a pipe in LF.</summary>
    public static readonly IReadOnlyList<string[]> Examples =
    [
        ["P-1001", "Spool", "1", "SP-1001-01", "6", "CS150_A", "Spool 1 of line 1001", "", "Area 100", "Cooling Water", "TP-001"],
        ["P-1001", "Valve", "2", "VGA-6-150", "6", "CS150_A", "Gate valve 150#", "", "Area 100", "Cooling Water", "TP-001"],
        ["P-1001", "Pipe", "42.5", "PIPE-CS-6-STD", "6", "CS150_A", "Pipe, LF", "QTY in linear feet", "Area 100", "Cooling Water", "TP-001"],
    ];

    public static IReadOnlyList<string> Instructions =>
    [
        "Required columns: DRAWING, TYPE, QTY, CMDTY CODE (a trailing * is ignored). Optional: SIZE, SPEC, DESCRIPTION, COMMENTS, AREA, SYSTEM, TEST_PACKAGE, WELD TYPE. Other columns are kept as attributes.",
        "Types: " + string.Join(", ", ComponentTypes.All.Select(t => t.ImportName())) + ". Other types are skipped with a warning.",
        "QTY: a whole number from 1 to 999 for counted types (one component per unit); Instrument rows make one component; Pipe and Threaded_Pipe take decimals in linear feet and are added up per drawing, size and commodity. QTY 0 skips the row.",
        "Duplicates: two counted or instrument rows with the same drawing, size and CMDTY CODE, or two Spool or Field_Weld rows with the same CMDTY CODE, are an error on the later row.",
        "Sizes: inches as 2, 2\", 1/2, 1-1/2 or 1.5; reducers as 6x4. Blank means no size.",
        "Files: .xlsx, .xls or .csv (UTF-8), first worksheet only, at most 50 MB and 200,000 rows.",
    ];

    public static byte[] Csv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Headers).Append("\r\n");
        foreach (var row in Examples)
        {
            sb.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }
        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }

    public static byte[] Xlsx()
    {
        var takeoff = Examples.Select(row =>
        {
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < Headers.Count; i++)
            {
                values[Headers[i]] = i == 2 ? decimal.Parse(row[i], System.Globalization.CultureInfo.InvariantCulture) : row[i];
            }
            return values;
        }).ToList();
        var instructions = Instructions.Select(text => new Dictionary<string, object> { ["Instructions"] = text }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["Material Takeoff"] = takeoff, ["Instructions"] = instructions });
        return stream.ToArray();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
