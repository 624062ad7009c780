using System.Text;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Welds.Import;

namespace PipeTrak.Tests.Welds.Import;

/// <summary>IMP-061: the weld log template has the 14 IMP-050 headers, two example rows and the allowed values.</summary>
public sealed class WeldImportTemplateTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void IMP061_headers_are_the_14_IMP050_columns_and_map_exactly()
    {
        Assert.Equal(14, WeldImportTemplate.Headers.Count);
        var mapping = HeaderMapping.Map(WeldImportTemplate.Headers.Cast<string?>().ToList(), WeldLogColumns.Fields);
        Assert.False(mapping.HasErrors);
        Assert.All(mapping.Mappings, m => Assert.Equal(100, m.Score));
        Assert.Equal(14, mapping.Mappings.Count);
    }

    [Fact]
    public void IMP061_the_csv_reads_back_with_two_valid_example_rows()
    {
        using var stream = new MemoryStream(WeldImportTemplate.Csv());
        var sheet = SpreadsheetReader.Read(stream, "t.csv", new ImportOptions());
        Assert.Null(sheet.Error);
        Assert.Equal(2, sheet.Rows.Count);
        var snapshot = new WeldImportSnapshot();
        snapshot.Drawings["P-1001"] = new ImportDrawing(Guid.NewGuid(), "P-1001", null, null, null);
        var analysis = WeldImportAnalysis.Analyze("t.csv", stream.Length, sheet, snapshot, Today);
        Assert.True(analysis.Preview.CanImport, string.Join("; ", analysis.Preview.Errors.Select(e => e.Message)));
        Assert.Equal(2, analysis.Preview.NewCount);
        Assert.Equal(["JD-01"], analysis.NewWelders);
    }

    [Fact]
    public void IMP061_the_xlsx_has_the_log_sheet_first_and_lists_allowed_values()
    {
        var bytes = WeldImportTemplate.Xlsx();
        using var stream = new MemoryStream(bytes);
        var sheet = SpreadsheetReader.Read(stream, "t.xlsx", new ImportOptions());
        Assert.Null(sheet.Error);
        Assert.Equal(WeldImportTemplate.Headers, sheet.Headers);
        Assert.Equal(2, sheet.Rows.Count);
        Assert.Contains(WeldImportTemplate.AllowedValues, a => a.Column == "Weld Type" && a.Values.Contains("BW", StringComparison.Ordinal));
        Assert.Contains(WeldImportTemplate.AllowedValues, a => a.Column == "NDE Result" && a.Values.Contains("PENDING", StringComparison.Ordinal));
        Assert.Contains(WeldImportTemplate.AllowedValues, a => a.Column == "Type of NDE Performed" && a.Values.Contains("RT, UT, PT, MT or VT", StringComparison.Ordinal));
        Assert.StartsWith("\uFEFF", Encoding.UTF8.GetString(WeldImportTemplate.Csv()), StringComparison.Ordinal);
    }
}
