using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-051 field weld log validation (checks in table order, IMP-003 prefixes), WLD-010 stencils.</summary>
public sealed class WeldLogValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static WeldLogValidator Validator() => new(Today, d => d is "ISO-1" or "ISO-2", d => d == "ISO-3" ? ["ISO-30", "ISO-31"] : []);

    private static WeldLogRow Row(int n = 1, string? id = "W-1", string? drawing = "iso-1", string? type = "bw", string? xray = null,
        string? stencil = null, string? date = null, string? ndeType = null, string? result = null) =>
        new(n, n + 1, id, drawing, type, xray, stencil, date, ndeType, result);

    private static string? Error(WeldLogRow row) => Validator().Validate(row).Error?.Message;

    [Fact]
    public void IMP051_a_complete_row_is_valid()
    {
        var (valid, error) = Validator().Validate(Row(stencil: "jd-01", date: "2026-11-25", ndeType: "rt", result: "pass", xray: "10%"));
        Assert.Null(error);
        Assert.Equal("W-1", valid!.WeldNumber);
        Assert.Equal("ISO-1", valid.Drawing);
        Assert.Equal("BW", valid.WeldType);
        Assert.Equal("JD-01", valid.Stencil);
        Assert.Equal(new DateOnly(2026, 11, 25), valid.DateWelded);
        Assert.Equal("RT", valid.NdeType);
        Assert.Equal("PASS", valid.NdeResult);
        Assert.Equal(10m, valid.XRayPercent);
    }

    [Theory]
    [InlineData(null, "ISO-1", "BW", "Row 1 (line 2): Weld ID Number is required")]
    [InlineData("W-1", " ", "BW", "Row 1 (line 2): Drawing / Isometric Number is required")]
    [InlineData("W-1", "ISO-1", "", "Row 1 (line 2): Weld Type is required")]
    public void IMP051_required_values(string? id, string? drawing, string? type, string message) =>
        Assert.Equal(message, Error(Row(id: id, drawing: drawing, type: type)));

    [Fact]
    public void IMP051_weld_type() => Assert.Equal("Row 1 (line 2): Weld Type must be BW, SW, FW or TW", Error(Row(type: "XX")));

    [Fact]
    public void IMP051_nde_result() =>
        Assert.Equal("Row 1 (line 2): NDE Result must be PASS, FAIL or PENDING", Error(Row(result: "OK", stencil: "AB", date: "2026-01-01")));

    [Fact]
    public void IMP051_nde_type() =>
        Assert.Equal("Row 1 (line 2): NDE type must be RT, UT, PT, MT or VT", Error(Row(ndeType: "XR", stencil: "AB", date: "2026-01-01")));

    [Theory]
    [InlineData("2026-11-26")]
    [InlineData("25/11/2026")]
    [InlineData("2026-13-01")]
    public void IMP051_date_welded(string date) =>
        Assert.Equal("Row 1 (line 2): Date Welded must be a date (YYYY-MM-DD) not in the future", Error(Row(stencil: "AB", date: date)));

    [Fact]
    public void IMP051_x_ray() => Assert.Equal("Row 1 (line 2): X-RAY % must be between 0 and 100", Error(Row(xray: "200")));

    [Theory]
    [InlineData("A")]
    [InlineData("AB_1")]
    [InlineData("ABCDEFGHIJKLM")]
    public void IMP051_WLD010_invalid_stencil(string stencil) =>
        Assert.Equal($"Row 1 (line 2): invalid welder stencil '{stencil}'", Error(Row(stencil: stencil, date: "2026-01-01")));

    [Fact]
    public void IMP051_stencil_and_date_together()
    {
        Assert.Equal("Row 1 (line 2): Welder Stencil and Date Welded must be given together", Error(Row(stencil: "AB")));
        Assert.Equal("Row 1 (line 2): Welder Stencil and Date Welded must be given together", Error(Row(date: "2026-01-01")));
    }

    [Fact]
    public void IMP051_nde_needs_welder_and_date()
    {
        Assert.Equal("Row 1 (line 2): NDE data requires a welder and weld date", Error(Row(result: "PASS")));
        Assert.Equal("Row 1 (line 2): NDE data requires a welder and weld date", Error(Row(ndeType: "UT")));
    }

    [Fact]
    public void IMP051_repeated_weld_id_cites_the_first_row()
    {
        var validator = Validator();
        Assert.Null(validator.Validate(Row(1, id: "W-7")).Error);
        Assert.Null(validator.Validate(Row(2, id: "W-8")).Error);
        Assert.Equal("Row 3 (line 4): duplicate Weld ID w-7 (first on row 1)", validator.Validate(Row(3, id: "w-7")).Error!.Message);
    }

    [Fact]
    public void IMP051_drawing_not_found_suggests_similar_numbers()
    {
        Assert.Equal("Row 1 (line 2): drawing 'iso-3' not found. Did you mean ISO-30, ISO-31?", Error(Row(drawing: "iso-3")));
        Assert.Equal("Row 1 (line 2): drawing 'X-9' not found.", Error(Row(drawing: "X-9")));
    }

    [Fact]
    public void IMP051_checks_run_in_table_order() =>
        Assert.Equal("Row 1 (line 2): Weld Type must be BW, SW, FW or TW", Error(Row(type: "ZZ", xray: "500", drawing: "X-9")));

    [Fact]
    public void WLD001_field_lengths_follow_the_weld_record()
    {
        Assert.Equal("Row 1 (line 2): " + WeldLogValidator.NumberTooLongMessage, Error(Row(id: new string('W', 101))));
        Assert.Equal("Row 1 (line 2): " + WeldLogValidator.TextTooLongMessage,
            Validator().Validate(new WeldLogRow(1, 2, "W-1", "ISO-1", "BW", Size: new string('2', 101))).Error!.Message);
        Assert.Equal("Row 1 (line 2): " + WeldLogValidator.CommentsTooLongMessage,
            Validator().Validate(new WeldLogRow(1, 2, "W-1", "ISO-1", "BW", Comments: new string('c', 1001))).Error!.Message);
    }

    [Fact]
    public void IMP053_a_valid_row_keeps_its_nde_date()
    {
        var (valid, error) = Validator().Validate(new WeldLogRow(1, 2, "W-1", "ISO-1", "BW", Stencil: "AB", DateWelded: "2026-11-01", NdeType: "RT", NdeResult: "PASS", NdeDate: "2026-11-03"));
        Assert.Null(error);
        Assert.Equal(new DateOnly(2026, 11, 3), valid!.NdeDate);
    }
}
