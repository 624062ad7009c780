using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-003 prefixes, IMP-020 classes in order, IMP-021 types, IMP-022 duplicates, IMP-023 can import.</summary>
public sealed class TakeoffRowClassifierTests
{
    private static TakeoffRow Row(int n = 1, string? drawing = "ISO-1", string? type = "Valve", string? qty = "1", string? code = "GV-150",
        string? size = "2", string? weldType = null, Dictionary<string, string?>? extras = null) =>
        new(n, n + 1, drawing, type, qty, code, size, weldType, extras);

    private static RowClassification One(TakeoffRow row) => new TakeoffRowClassifier().Classify(row);

    private static void AssertRow(RowClassification result, RowClass rowClass, string code, string message)
    {
        Assert.Equal(rowClass, result.Class);
        Assert.Equal(code, result.Code);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void IMP003_messages_start_with_row_and_line() =>
        Assert.Equal("Row 3 (line 4): DRAWING is required", One(Row(3, drawing: " ")).Message);

    [Fact]
    public void IMP020_empty_drawing() =>
        AssertRow(One(Row(drawing: "")), RowClass.Error, "empty_drawing", "Row 1 (line 2): DRAWING is required");

    [Fact]
    public void IMP020_drawing_is_checked_first() =>
        Assert.Equal("empty_drawing", One(Row(drawing: null, type: null, qty: null, code: null)).Code);

    [Theory]
    [InlineData(null, "GV-1", "1", "TYPE is required")]
    [InlineData("Valve", " ", "1", "CMDTY CODE is required")]
    [InlineData("Valve", "GV-1", "", "QTY is required")]
    [InlineData("", "", "", "TYPE is required")]
    public void IMP020_missing_required_field(string? type, string? code, string? qty, string message) =>
        AssertRow(One(Row(type: type, code: code, qty: qty)), RowClass.Error, "missing_required_field", "Row 1 (line 2): " + message);

    [Fact]
    public void IMP020_IMP021_unsupported_type_is_skipped() =>
        AssertRow(One(Row(type: " Bolt ", qty: "abc")), RowClass.Skipped, "unsupported_type", "Row 1 (line 2): type 'Bolt' is not tracked; row skipped");

    [Fact]
    public void IMP021_threaded_pipe_with_a_space_is_accepted()
    {
        var result = One(Row(type: "threaded pipe", qty: "12.5"));
        Assert.Equal(RowClass.Valid, result.Class);
        Assert.Equal(ComponentType.ThreadedPipe, result.Type);
        Assert.Equal(12.5m, result.Quantity);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,000")]
    [InlineData("1 2")]
    public void IMP020_qty_must_be_a_number(string qty) =>
        AssertRow(One(Row(qty: qty)), RowClass.Error, "invalid_quantity", "Row 1 (line 2): QTY must be a number");

    [Fact]
    public void IMP020_qty_cannot_be_negative() =>
        AssertRow(One(Row(qty: "-1")), RowClass.Error, "invalid_quantity", "Row 1 (line 2): QTY cannot be negative");

    [Theory]
    [InlineData("0")]
    [InlineData("0.0")]
    public void IMP020_zero_quantity_is_skipped(string qty) =>
        AssertRow(One(Row(qty: qty)), RowClass.Skipped, "zero_quantity", "Row 1 (line 2): QTY is 0; row skipped");

    [Theory]
    [InlineData("Valve")]
    [InlineData("Spool")]
    [InlineData("Instrument")]
    [InlineData("Field_Weld")]
    public void IMP020_qty_must_be_whole_except_for_pipe(string type) =>
        AssertRow(One(Row(type: type, qty: "1.5")), RowClass.Error, "invalid_quantity", "Row 1 (line 2): QTY must be an integer");

    [Theory]
    [InlineData("Pipe")]
    [InlineData("Threaded_Pipe")]
    public void IMP020_pipe_accepts_decimal_feet(string type) =>
        Assert.Equal(RowClass.Valid, One(Row(type: type, qty: "12.5")).Class);

    [Theory]
    [InlineData("Valve", "Valve")]
    [InlineData("misc component", "Misc_Component")]
    [InlineData("Support", "Support")]
    public void IMP020_counted_types_allow_at_most_999(string type, string label) =>
        AssertRow(One(Row(type: type, qty: "1000")), RowClass.Error, "invalid_quantity", $"Row 1 (line 2): QTY must be at most 999 for {label}");

    [Theory]
    [InlineData("Valve", "999")]
    [InlineData("Instrument", "5000")]
    [InlineData("Spool", "5000")]
    [InlineData("Pipe", "5000.5")]
    public void IMP020_the_999_limit_applies_to_counted_types_only(string type, string qty) =>
        Assert.Equal(RowClass.Valid, One(Row(type: type, qty: qty)).Class);

    [Theory]
    [InlineData("XX")]
    [InlineData("B W")]
    public void IMP020_invalid_weld_type(string weldType) =>
        AssertRow(One(Row(type: "Field_Weld", code: "W-1", weldType: weldType)), RowClass.Error, "invalid_weld_type", "Row 1 (line 2): weld type must be BW, SW, FW or TW");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bw")]
    [InlineData("SW")]
    [InlineData("FW")]
    [InlineData("TW")]
    public void IMP020_weld_types_and_blank_are_accepted(string? weldType) =>
        Assert.Equal(RowClass.Valid, One(Row(type: "Field_Weld", code: "W-1", weldType: weldType)).Class);

    [Fact]
    public void IMP020_weld_type_is_only_checked_on_field_weld_rows() =>
        Assert.Equal(RowClass.Valid, One(Row(type: "Valve", weldType: "XX")).Class);

    [Fact]
    public void IMP020_extra_columns_over_10_KB()
    {
        var extras = new Dictionary<string, string?> { ["NOTES2"] = new string('x', 10 * 1024) };
        AssertRow(One(Row(extras: extras)), RowClass.Error, "attributes_too_large", "Row 1 (line 2): extra column data exceeds 10 KB");
    }

    [Fact]
    public void IMP020_extra_columns_at_10_KB_are_accepted()
    {
        var extras = new Dictionary<string, string?> { ["N"] = new string('x', (10 * 1024) - 1), ["EMPTY"] = "" };
        Assert.Equal(RowClass.Valid, One(Row(extras: extras)).Class);
    }

    [Fact]
    public void IMP022_counted_rows_sharing_drawing_size_and_code_are_duplicates_whatever_their_type()
    {
        var results = TakeoffRowClassifier.ClassifyAll([
            Row(1, drawing: "ISO-1", type: "Valve", code: "GV-150", size: "3/4\""),
            Row(2, drawing: "iso-1 ", type: "Fitting", code: "gv-150", size: "3/4"),
        ]);
        Assert.Equal(RowClass.Valid, results[0].Class);
        AssertRow(results[1], RowClass.Error, "duplicate_identity_key", "Row 2 (line 3): duplicate of row 1: same drawing, size and CMDTY CODE");
    }

    [Fact]
    public void IMP022_instrument_rows_count_with_counted_rows()
    {
        var results = TakeoffRowClassifier.ClassifyAll([Row(1, type: "Valve"), Row(2, type: "Instrument")]);
        Assert.Equal("duplicate_identity_key", results[1].Code);
    }

    [Fact]
    public void IMP022_another_drawing_or_size_is_not_a_duplicate()
    {
        var results = TakeoffRowClassifier.ClassifyAll([Row(1), Row(2, drawing: "ISO-2"), Row(3, size: "3")]);
        Assert.All(results, r => Assert.Equal(RowClass.Valid, r.Class));
    }

    [Fact]
    public void IMP022_spools_are_duplicates_by_code_anywhere_in_the_file()
    {
        var results = TakeoffRowClassifier.ClassifyAll([
            Row(1, drawing: "ISO-1", type: "Spool", code: "SP-1", size: "6"),
            Row(2, drawing: "ISO-9", type: "Spool", code: "sp-1", size: "2"),
        ]);
        AssertRow(results[1], RowClass.Error, "duplicate_identity_key", "Row 2 (line 3): duplicate of row 1: same CMDTY CODE");
    }

    [Fact]
    public void IMP022_welds_are_duplicates_by_code_but_not_of_spools()
    {
        var results = TakeoffRowClassifier.ClassifyAll([
            Row(1, type: "Spool", code: "X-1"),
            Row(2, type: "Field_Weld", code: "X-1"),
            Row(3, drawing: "ISO-5", type: "Field_Weld", code: "X-1"),
        ]);
        Assert.Equal(RowClass.Valid, results[1].Class);
        AssertRow(results[2], RowClass.Error, "duplicate_identity_key", "Row 3 (line 4): duplicate of row 2: same CMDTY CODE");
    }

    [Fact]
    public void IMP022_pipe_rows_aggregate_instead()
    {
        var results = TakeoffRowClassifier.ClassifyAll([Row(1, type: "Pipe", qty: "12.5"), Row(2, type: "Pipe", qty: "30")]);
        Assert.All(results, r => Assert.Equal(RowClass.Valid, r.Class));
    }

    [Fact]
    public void IMP022_cites_the_first_row_not_a_later_duplicate()
    {
        var results = TakeoffRowClassifier.ClassifyAll([Row(1), Row(2), Row(3)]);
        Assert.Equal("Row 3 (line 4): duplicate of row 1: same drawing, size and CMDTY CODE", results[2].Message);
    }

    [Fact]
    public void IMP022_a_row_with_another_error_is_not_the_earlier_row()
    {
        var results = TakeoffRowClassifier.ClassifyAll([Row(1, qty: "1.5"), Row(2)]);
        Assert.Equal(RowClass.Error, results[0].Class);
        Assert.Equal(RowClass.Valid, results[1].Class);
    }

    [Fact]
    public void IMP023_skipped_rows_never_block()
    {
        var results = TakeoffRowClassifier.ClassifyAll([Row(1), Row(2, type: "Bolt"), Row(3, qty: "0")]);
        Assert.True(TakeoffRowClassifier.CanImport(false, results));
    }

    [Fact]
    public void IMP023_an_error_row_blocks() =>
        Assert.False(TakeoffRowClassifier.CanImport(false, TakeoffRowClassifier.ClassifyAll([Row(1), Row(2, drawing: "")])));

    [Fact]
    public void IMP023_a_column_error_blocks() =>
        Assert.False(TakeoffRowClassifier.CanImport(true, TakeoffRowClassifier.ClassifyAll([Row(1)])));

    [Fact]
    public void IMP023_no_valid_row_blocks() =>
        Assert.False(TakeoffRowClassifier.CanImport(false, TakeoffRowClassifier.ClassifyAll([Row(1, type: "Bolt")])));
}
