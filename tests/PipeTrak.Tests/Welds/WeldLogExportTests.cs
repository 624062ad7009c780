using System.Text;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Tests.Welds;

/// <summary>RPT-032 export cells and WLD-083 sort parameters.</summary>
public sealed class WeldLogExportTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("W-1", "W-1")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void RPT032_formula_like_text_is_prefixed_with_a_quote(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Neutralize(text));

    [Fact]
    public void RPT032_null_text_is_an_empty_cell() => Assert.Equal("", SpreadsheetText.Neutralize(null));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void CSV_fields_are_quoted_only_when_needed(string text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.CsvField(text));

    [Fact]
    public void RPT032_csv_has_the_spec_columns_and_neutralized_cells()
    {
        var row = new WeldLogRow(
            Guid.NewGuid(), Guid.NewGuid(), "=W-1", null, "ISO,1", null, null, new DateOnly(2026, 3, 2), "BW", "2", "40", "RT", "PASS", "accepted", 5m,
            null, "@Area", null, "Sys", null, "Pkg", 100m, false, false, new DateOnly(2026, 3, 3));
        var text = Encoding.UTF8.GetString(WeldLogExport.Csv([row])).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "Weld ID,Drawing,Welder,Date Welded,Type,Size,Schedule,NDE Type,NDE Result,NDE Date,X-ray %,Area,System,Test Package,Status,Progress %",
            lines[0]);
        Assert.Equal("'=W-1,\"ISO,1\",,2026-03-02,BW,2,40,RT,PASS,2026-03-03,5,'@Area,Sys,Pkg,accepted,100", lines[1]);
    }

    [Theory]
    [InlineData(null, null, WeldLogColumn.Number, false)]
    [InlineData("date", "desc", WeldLogColumn.Date, true)]
    [InlineData("XRAY", "DESC", WeldLogColumn.XRay, true)]
    [InlineData("progress", "asc", WeldLogColumn.Progress, false)]
    [InlineData("bogus", "sideways", WeldLogColumn.Number, false)]
    public void WLD083_sort_parameters_parse_with_a_natural_number_default(string? sort, string? dir, WeldLogColumn column, bool descending) =>
        Assert.Equal(new WeldLogSort(column, descending), WeldLogSort.Parse(sort, dir));

    [Fact]
    public void WLD083_every_column_has_a_code_that_round_trips()
    {
        foreach (var column in Enum.GetValues<WeldLogColumn>())
        {
            Assert.Equal(column, WeldLogSort.Parse(WeldLogSort.CodeOf(column), null).Column);
        }
    }

    [Fact]
    public void WLD083_clicking_the_sorted_column_flips_it_and_another_column_starts_ascending()
    {
        var byDate = new WeldLogSort(WeldLogColumn.Date, false);
        Assert.Equal(new WeldLogSort(WeldLogColumn.Date, true), byDate.Toggle(WeldLogColumn.Date));
        Assert.Equal(new WeldLogSort(WeldLogColumn.Drawing, false), byDate.Toggle(WeldLogColumn.Drawing));
    }
}
