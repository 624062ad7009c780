using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Welds.Import;

namespace PipeTrak.Tests.Welds.Import;

/// <summary>IMP-050..054 weld log analysis: mapping, validation, "did you mean", new welders, IMP-054 classification.</summary>
public sealed class WeldImportAnalysisTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly string[] Header =
        ["Weld ID Number", "Drawing / Isometric Number", "Weld Type", "SPEC", "Weld Size", "Schedule", "Base Metal", "X-RAY %", "Welder Stencil", "Date Welded",
        "Type of NDE Performed", "NDE Result", "NDE Date", "Comments"];

    private static SheetReadResult Sheet(IReadOnlyList<string> headers, params string?[][] rows) =>
        new(null, headers.ToList(), rows.Select((r, i) => new SheetRow(i + 1, i + 2, r)).ToList(), ',');

    private static string?[] Cells(string id, string drawing = "ISO-1", string type = "BW", string? stencil = null, string? date = null,
        string? ndeType = null, string? result = null, string? ndeDate = null, string? xray = null, string? size = null) =>
        [id, drawing, type, null, size, null, null, xray, stencil, date, ndeType, result, ndeDate, null];

    private static WeldImportSnapshot Snapshot()
    {
        var snapshot = new WeldImportSnapshot();
        foreach (var number in new[] { "ISO-1", "ISO-2", "ISO-30", "ISO-31", "ISO-32", "ISO-33", "P-9000" })
        {
            snapshot.Drawings[number] = new ImportDrawing(Guid.NewGuid(), number, null, null, null);
        }
        snapshot.Welders["JD-01"] = Guid.NewGuid();
        return snapshot;
    }

    private static ExistingWeld Existing(string? stencil = null, DateOnly? date = null, string? ndeType = null, string? result = null, DateOnly? ndeDate = null,
        string drawing = "ISO-1", string type = "BW", string size = "2", decimal xray = 5m) =>
        new(Guid.NewGuid(), Guid.NewGuid(), drawing, type, size, "", "", "", xray, stencil, date, ndeType, result, ndeDate);

    private static ValidWeldLogRow Valid(string?[] cells)
    {
        var analysis = WeldImportAnalysis.Analyze("w.csv", 10, Sheet(Header, cells), Snapshot(), Today);
        Assert.True(analysis.Preview.CanImport, string.Join("; ", analysis.Preview.Errors.Select(e => e.Message)));
        return analysis.Plans.Single().Row;
    }

    [Fact]
    public void IMP050_synonym_headers_map_and_a_missing_required_column_blocks()
    {
        var analysis = WeldImportAnalysis.Analyze("w.csv", 10, Sheet(["WELD NO", "ISO", "joint type", "Stencil", "Weld Date"], ["W-1", "ISO-1", "BW", "JD-01", "2026-11-01"]), Snapshot(), Today);
        Assert.True(analysis.Preview.CanImport);
        Assert.Contains(analysis.Preview.Mappings, m => m.Field == "Weld ID Number" && m.Header == "WELD NO" && m.Score == 85);
        Assert.Equal(new DateOnly(2026, 11, 1), analysis.Plans.Single().Row.DateWelded);

        var missing = WeldImportAnalysis.Analyze("w.csv", 10, Sheet(["WELD NO", "ISO"], ["W-1", "ISO-1"]), Snapshot(), Today);
        Assert.False(missing.Preview.CanImport);
        Assert.Equal(["Missing required column: Weld Type"], missing.Preview.ColumnErrors);
        Assert.Empty(missing.Plans);
    }

    [Fact]
    public void IMP051_any_error_rejects_the_file_and_rows_carry_the_IMP003_prefix()
    {
        var analysis = WeldImportAnalysis.Analyze("w.csv", 10, Sheet(Header, Cells("W-1"), Cells("W-2", type: "XX"), Cells("W-3", drawing: "iso-3")), Snapshot(), Today);
        Assert.False(analysis.Preview.CanImport);
        Assert.Equal(2, analysis.Preview.ErrorCount);
        Assert.Equal("Row 2 (line 3): Weld Type must be BW, SW, FW or TW", analysis.Preview.Errors[0].Message);
        Assert.Equal("Row 3 (line 4): drawing 'iso-3' not found. Did you mean ISO-30, ISO-31, ISO-32?", analysis.Preview.Errors[1].Message);
        Assert.Empty(analysis.Plans);
    }

    [Fact]
    public void IMP051_did_you_mean_lists_up_to_3_similar_normalized_numbers_best_first()
    {
        Assert.Equal(["ISO-30", "ISO-31", "ISO-32"], WeldImportAnalysis.Suggest("ISO-3", ["P-9000", "ISO-33", "ISO-32", "ISO-31", "ISO-30"]));
        Assert.Equal(["ISO-1"], WeldImportAnalysis.Suggest("ISO-1X", ["ISO-1", "P-9000"]).Take(1));
        Assert.Empty(WeldImportAnalysis.Suggest("ZZZ", ["ISO-1", "P-9000"]));
        Assert.Empty(WeldImportAnalysis.Suggest("ISO-1", []));
    }

    [Fact]
    public void IMP051_nde_date_is_checked_like_the_weld_date_and_WLD030()
    {
        string Error(string?[] cells) => WeldImportAnalysis.Analyze("w.csv", 1, Sheet(Header, cells), Snapshot(), Today).Preview.Errors.Single().Message;
        Assert.Equal("Row 1 (line 2): NDE Date must be a date (YYYY-MM-DD) not in the future",
            Error(Cells("W-1", stencil: "JD-01", date: "2026-11-01", ndeType: "RT", result: "PASS", ndeDate: "2026-11-26")));
        Assert.Equal("Row 1 (line 2): NDE date cannot be before the weld date",
            Error(Cells("W-1", stencil: "JD-01", date: "2026-11-01", ndeType: "RT", result: "PASS", ndeDate: "2026-10-31")));
        Assert.Equal("Row 1 (line 2): Type of NDE Performed and NDE Result must be given together",
            Error(Cells("W-1", stencil: "JD-01", date: "2026-11-01", result: "PASS")));
        Assert.Equal("Row 1 (line 2): NDE data requires a welder and weld date", Error(Cells("W-1", ndeDate: "2026-11-01")));
    }

    [Fact]
    public void IMP052_xray_values_and_nde_required()
    {
        Assert.Equal(5m, Valid(Cells("W-1", xray: "5%")).XRayPercent);
        Assert.Equal(5m, Valid(Cells("W-1", xray: "0.05")).XRayPercent);
        Assert.Equal(100m, Valid(Cells("W-1", xray: "1")).XRayPercent);
        Assert.True(Valid(Cells("W-1", xray: "10")).NdeRequired);
        Assert.False(Valid(Cells("W-1", xray: "0")).NdeRequired);
        var blank = Valid(Cells("W-1"));
        Assert.Null(blank.XRayPercent);
        Assert.False(blank.NdeRequired);
    }

    [Fact]
    public void IMP053_unknown_stencils_are_new_welders_once_each_in_file_order()
    {
        var analysis = WeldImportAnalysis.Analyze("w.csv", 1, Sheet(Header,
            Cells("W-1", stencil: "zz-9", date: "2026-11-01"),
            Cells("W-2", stencil: "JD-01", date: "2026-11-01"),
            Cells("W-3", stencil: "AB-2", date: "2026-11-01"),
            Cells("W-4", stencil: "ZZ-9", date: "2026-11-02")), Snapshot(), Today);
        Assert.Equal(["ZZ-9", "AB-2"], analysis.NewWelders);
        Assert.Equal(["ZZ-9", "AB-2"], analysis.Preview.NewWelders);
        Assert.Equal(4, analysis.Preview.NewCount);
    }

    [Fact]
    public void IMP053_a_new_weld_number_is_created_with_the_commands_the_row_asks_for()
    {
        var plan = WeldImportAnalysis.Classify(Valid(Cells("W-1", stencil: "JD-01", date: "2026-11-01", ndeType: "RT", result: "FAIL")), null);
        Assert.Equal((WeldRowAction.Create, true, true), (plan.Action, plan.Assign, plan.RecordNde));
        var planned = WeldImportAnalysis.Classify(Valid(Cells("W-1")), null);
        Assert.Equal((WeldRowAction.Create, false, false), (planned.Action, planned.Assign, planned.RecordNde));
    }

    [Fact]
    public void IMP054_data_the_weld_lacks_is_applied_and_counts_as_updated()
    {
        var row = Valid(Cells("W-1", stencil: "JD-01", date: "2026-11-01", ndeType: "RT", result: "PASS"));
        var unwelded = WeldImportAnalysis.Classify(row, Existing());
        Assert.Equal((WeldRowAction.Update, true, true), (unwelded.Action, unwelded.Assign, unwelded.RecordNde));
        var welded = WeldImportAnalysis.Classify(row, Existing("JD-01", new DateOnly(2026, 11, 1)));
        Assert.Equal((WeldRowAction.Update, false, true), (welded.Action, welded.Assign, welded.RecordNde));
    }

    [Fact]
    public void IMP054_identical_data_is_skipped()
    {
        var row = Valid(Cells("W-1", stencil: "JD-01", date: "2026-11-01", ndeType: "RT", result: "PASS", size: "2"));
        var plan = WeldImportAnalysis.Classify(row, Existing("JD-01", new DateOnly(2026, 11, 1), "RT", "PASS", new DateOnly(2026, 11, 20)));
        Assert.Equal((WeldRowAction.Skip, false, false), (plan.Action, plan.Assign, plan.RecordNde));
        // Blank row values are never a difference.
        Assert.Equal(WeldRowAction.Skip, WeldImportAnalysis.Classify(Valid(Cells("W-1")), Existing("JD-01", new DateOnly(2026, 11, 1), "RT", "PASS")).Action);
    }

    [Theory]
    [InlineData("AB-1", "2026-11-01", "RT", "PASS", "BW", "ISO-1", "2")]  // another welder
    [InlineData("JD-01", "2026-11-02", "RT", "PASS", "BW", "ISO-1", "2")] // another date
    [InlineData("JD-01", "2026-11-01", "UT", "PASS", "BW", "ISO-1", "2")] // another NDE type
    [InlineData("JD-01", "2026-11-01", "RT", "FAIL", "BW", "ISO-1", "2")] // another result
    [InlineData("JD-01", "2026-11-01", "RT", "PASS", "SW", "ISO-1", "2")] // another weld type
    [InlineData("JD-01", "2026-11-01", "RT", "PASS", "BW", "ISO-2", "2")] // another drawing
    [InlineData("JD-01", "2026-11-01", "RT", "PASS", "BW", "ISO-1", "3")] // another size
    public void IMP054_data_that_differs_from_non_blank_current_values_is_skipped_with_a_notice(
        string stencil, string date, string ndeType, string result, string type, string drawing, string size)
    {
        var row = Valid(Cells("W-1", drawing, type, stencil, date, ndeType, result, size: size));
        var plan = WeldImportAnalysis.Classify(row, Existing("JD-01", new DateOnly(2026, 11, 1), "RT", "PASS"));
        Assert.Equal((WeldRowAction.Differs, false, false), (plan.Action, plan.Assign, plan.RecordNde));
        Assert.Equal("Row 1: differs from current data; not changed", ImportFileRules.DiffersMessage(row.Row.Number));
    }

    [Fact]
    public void IMP054_preview_counts_new_updated_and_skipped_and_lists_differing_rows()
    {
        var snapshot = Snapshot();
        snapshot.Welds["W-2"] = Existing();
        snapshot.Welds["W-3"] = Existing("JD-01", new DateOnly(2026, 11, 1));
        snapshot.Welds["W-4"] = Existing("JD-01", new DateOnly(2026, 11, 1));
        var analysis = WeldImportAnalysis.Analyze("w.csv", 1, Sheet(Header,
            Cells("W-1"),
            Cells("W-2", stencil: "JD-01", date: "2026-11-01"),
            Cells("W-3", stencil: "JD-01", date: "2026-11-01"),
            Cells("w-4", stencil: "JD-01", date: "2026-11-03")), snapshot, Today);
        var p = analysis.Preview;
        Assert.Equal((1, 1, 2), (p.NewCount, p.UpdateCount, p.SkipCount));
        Assert.Equal("Row 4: differs from current data; not changed", Assert.Single(p.Differs).Message);
        Assert.Equal(["new", "updated", "skipped", "skipped"], p.FirstRows.Select(r => r.Action));
        Assert.NotEqual(p.Fingerprint(), (p with { UpdateCount = 0 }).Fingerprint());
    }

    [Fact]
    public void IMP053_a_weld_component_without_its_record_is_completed_unless_its_drawing_differs()
    {
        var row = Valid(Cells("W-1"));
        var orphan = new OrphanWeldComponent(Guid.NewGuid(), "ISO-1");
        Assert.Equal(WeldRowAction.Create, WeldImportAnalysis.Classify(row, null, orphan).Action);
        Assert.Equal(WeldRowAction.Differs, WeldImportAnalysis.Classify(row, null, orphan with { Drawing = "ISO-2" }).Action);
    }
}
