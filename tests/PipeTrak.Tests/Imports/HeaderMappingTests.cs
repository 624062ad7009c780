using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-010..013 takeoff columns, scoring, synonyms, missing columns; IMP-050 weld log columns.</summary>
public sealed class HeaderMappingTests
{
    private static ImportField Field(string name) => TakeoffColumns.Fields.Single(f => f.Name == name);

    [Theory]
    [InlineData("Dwg No", "DRAWING", 85)]          // spec example
    [InlineData("qty", "QTY", 95)]                 // spec example
    [InlineData("CMDTY CODE*", "CMDTY CODE", 100)] // spec example
    [InlineData("DRAWING", "DRAWING", 100)]
    [InlineData("  DRAWING*!+# ", "DRAWING", 100)]
    [InlineData("Drawing**", "DRAWING", 95)]
    [InlineData("test_package", "TEST_PACKAGE", 95)]
    [InlineData("Test Package", "TEST_PACKAGE", 85)]
    [InlineData("pkg", "TEST_PACKAGE", 85)]
    [InlineData("Part Code", "CMDTY CODE", 85)]
    [InlineData("nomsize", "SIZE", 85)]
    [InlineData("Joint Type", "WELD TYPE", 85)]
    [InlineData("Sys", "SYSTEM", 85)]
    [InlineData("Zone", "AREA", 85)]
    [InlineData("Remarks", "COMMENTS", 85)]
    [InlineData("Mat Spec", "SPEC", 85)]
    [InlineData("CNT", "QTY", 85)]
    public void IMP011_IMP012_headers_score(string header, string field, int score) =>
        Assert.Equal(score, HeaderMapping.Score(header, Field(field)));

    [Theory]
    [InlineData("DRAWING NO", "DRAWING")]
    [InlineData("QTYS", "QTY")]
    [InlineData("", "TYPE")]
    [InlineData("*", "TYPE")]
    public void IMP011_other_headers_score_0(string header, string field) =>
        Assert.Equal(0, HeaderMapping.Score(header, Field(field)));

    [Fact]
    public void IMP011_each_field_takes_its_best_header()
    {
        var result = HeaderMapping.Map(["Dwg", "drawing", "TYPE", "QTY", "CMDTY CODE"], TakeoffColumns.Fields);
        var drawing = result.Mappings.Single(m => m.Field == "DRAWING");
        Assert.Equal(1, drawing.Column);
        Assert.Equal(95, drawing.Score);
        Assert.Contains(result.Unmapped, u => u.Header == "Dwg");
    }

    [Fact]
    public void IMP011_ties_go_to_the_leftmost()
    {
        var result = HeaderMapping.Map(["DWG", "DWG NO", "TYPE", "QTY", "CMDTY CODE"], TakeoffColumns.Fields);
        Assert.Equal(0, result.ColumnOf("DRAWING"));
        Assert.Equal([new UnmappedColumn(1, "DWG NO")], result.Unmapped);
    }

    [Fact]
    public void IMP011_a_header_maps_to_at_most_one_field()
    {
        var result = HeaderMapping.Map(["DRAWING", "TYPE", "QTY", "CMDTY CODE", "CODE"], TakeoffColumns.Fields);
        Assert.Equal(3, result.ColumnOf("CMDTY CODE"));
        Assert.Equal(result.Mappings.Count, result.Mappings.Select(m => m.Column).Distinct().Count());
        Assert.Equal("CODE", Assert.Single(result.Unmapped).Header);
    }

    [Fact]
    public void IMP011_mappings_keep_the_header_and_score_for_the_preview()
    {
        var result = HeaderMapping.Map(["DRAWING*", "TYPE*", "qty*", "Commodity", "SIZE", "Line Number"], TakeoffColumns.Fields);
        Assert.Empty(result.Errors);
        Assert.Contains(new ColumnMapping("DRAWING", 0, "DRAWING*", 100), result.Mappings);
        Assert.Contains(new ColumnMapping("QTY", 2, "qty*", 95), result.Mappings);
        Assert.Contains(new ColumnMapping("CMDTY CODE", 3, "Commodity", 85), result.Mappings);
        Assert.Equal([new UnmappedColumn(5, "Line Number")], result.Unmapped);
    }

    [Fact]
    public void IMP013_each_missing_required_column_blocks()
    {
        var result = HeaderMapping.Map(["DRAWING", "SIZE"], TakeoffColumns.Fields);
        Assert.True(result.HasErrors);
        Assert.Equal(["Missing required column: TYPE", "Missing required column: QTY", "Missing required column: CMDTY CODE"], result.Errors);
    }

    [Fact]
    public void IMP013_optional_columns_may_be_missing() =>
        Assert.Empty(HeaderMapping.Map(["DRAWING", "TYPE", "QTY", "CMDTY CODE"], TakeoffColumns.Fields).Errors);

    [Fact]
    public void IMP060_the_template_headers_map_exactly()
    {
        string[] headers = ["DRAWING*", "TYPE*", "QTY*", "CMDTY CODE*", "SIZE", "SPEC", "DESCRIPTION", "COMMENTS", "AREA", "SYSTEM", "TEST_PACKAGE"];
        var result = HeaderMapping.Map(headers, TakeoffColumns.Fields);
        Assert.Equal(11, result.Mappings.Count);
        Assert.All(result.Mappings, m => Assert.Equal(100, m.Score));
        Assert.Empty(result.Unmapped);
    }

    [Fact]
    public void IMP050_weld_log_has_14_columns_and_3_required()
    {
        Assert.Equal(14, WeldLogColumns.Fields.Count);
        Assert.Equal(["Weld ID Number", "Drawing / Isometric Number", "Weld Type"], WeldLogColumns.Fields.Where(f => f.Required).Select(f => f.Name));
    }

    [Fact]
    public void IMP050_a_synonym_ending_in_a_stripped_mark_still_matches() =>
        Assert.Equal(85, HeaderMapping.Score("Weld #", WeldLogColumns.Fields[0]));

    [Fact]
    public void IMP050_weld_log_headers_map()
    {
        var result = HeaderMapping.Map(["WELD NO", "ISO", "joint type", "Stencil", "RT %"], WeldLogColumns.Fields);
        Assert.Empty(result.Errors);
        Assert.Equal(4, result.ColumnOf("X-RAY %"));
        Assert.Equal(3, result.ColumnOf("Welder Stencil"));
    }
}
