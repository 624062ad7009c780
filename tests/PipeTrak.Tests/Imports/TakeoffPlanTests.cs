using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-030 counts, IMP-043 drawings, IMP-044 building and attributes, IMP-045 weld type, TRK-085 aggregates, TRK-070 names.</summary>
public sealed class TakeoffPlanTests
{
    private static TakeoffPlan Plan(params TakeoffRow[] rows) => TakeoffPlan.Build(TakeoffRowClassifier.ClassifyAll(rows));

    private static TakeoffRow Row(int n, string drawing, string type, string qty, string code, string? size = null) =>
        new(n, n + 1, drawing, type, qty, code, size);

    [Fact]
    public void TRK010_IMP044_spec_example_valve_qty_2()
    {
        var plan = Plan(Row(1, "ISO-22", "Valve", "2", "GV-150", "3/4\""));
        Assert.Equal(["ISO-22|GV-150|3X4|1", "ISO-22|GV-150|3X4|2"], plan.Components.Select(c => c.Identity));
        Assert.Equal([1, 2], plan.Components.Select(c => c.Seq));
        Assert.All(plan.Components, c => Assert.Equal("3/4\"", c.Attributes["size"]));
    }

    [Fact]
    public void TRK085_spec_example_aggregate()
    {
        var plan = Plan(Row(4, "ISO-7", "Pipe", "12.5", "CS-PIPE", "2\""), Row(9, "ISO-7", "Pipe", "30", "CS-PIPE", "2"));
        var aggregate = Assert.Single(plan.Components);
        Assert.Equal("ISO-7-2-CS-PIPE-AGG", aggregate.Identity);
        Assert.Equal(42.5m, aggregate.TotalLinearFeet);
        Assert.Equal([4, 9], aggregate.LineNumbers);
        Assert.Equal("42.5", aggregate.Attributes["original_qty"]);
    }

    [Fact]
    public void IMP030_counts_by_type_after_explosion_and_aggregation()
    {
        var plan = Plan(
            Row(1, "ISO-1", "Spool", "3", "SP-1"),
            Row(2, "ISO-1", "Valve", "3", "GV-1", "2"),
            Row(3, "ISO-1", "Instrument", "4", "PT-1", "1"),
            Row(4, "ISO-1", "Pipe", "10", "CS", "2"),
            Row(5, "ISO-1", "Pipe", "5", "CS", "2"),
            Row(6, "ISO-1", "Bolt", "5", "B", "2"));
        Assert.Equal(6, plan.Components.Count);
        Assert.Equal(new Dictionary<string, int> { ["instrument"] = 1, ["pipe"] = 1, ["spool"] = 1, ["valve"] = 3 }, plan.CountsByType());
    }

    [Fact]
    public void IMP043_distinct_drawings_keep_the_first_written_number()
    {
        var plan = Plan(Row(1, "iso-1", "Valve", "1", "A", "1"), Row(2, "ISO-1 ", "Valve", "1", "B", "1"), Row(3, "ISO-2", "Valve", "1", "A", "1"));
        Assert.Equal([("ISO-1", "iso-1"), ("ISO-2", "ISO-2")], plan.Drawings);
    }

    [Fact]
    public void IMP044_attributes()
    {
        var row = new TakeoffRow(1, 2, "ISO-1", "Valve", "1", " gv-150 ", "2\"", Extras: new Dictionary<string, string?> { ["Line No"] = "L-1", ["Empty"] = "" },
            Spec: "cs150_a", Description: "Gate valve", Comments: "hold", Area: "North");
        var draft = Assert.Single(Plan(row).Components);
        Assert.Equal("GV-150", draft.Commodity);
        Assert.Equal("CS150", draft.Attributes["spec"]);
        Assert.Equal("cs150_a", draft.Attributes["spec_raw"]);
        Assert.Equal("Gate valve", draft.Attributes["description"]);
        Assert.Equal("2\"", draft.Attributes["size"]);
        Assert.Equal("gv-150", draft.Attributes["cmdty_code"]);
        Assert.Equal("hold", draft.Attributes["comments"]);
        Assert.Equal("1", draft.Attributes["original_qty"]);
        Assert.Equal("L-1", draft.Attributes["Line No"]);
        Assert.False(draft.Attributes.ContainsKey("Empty"));
        Assert.Equal("North", draft.Area);
        Assert.Null(draft.System);
    }

    [Fact]
    public void TRK070_metadata_names_are_distinct_ignoring_case_first_spelling_kept()
    {
        var plan = Plan(
            new TakeoffRow(1, 2, "ISO-1", "Valve", "1", "A", "1", Area: "North Yard"),
            new TakeoffRow(2, 3, "ISO-1", "Valve", "1", "B", "1", Area: "NORTH YARD "),
            new TakeoffRow(3, 4, "ISO-1", "Valve", "1", "C", "1", Area: " "));
        Assert.Equal(["North Yard"], plan.Areas);
        Assert.Equal(["North Yard", "North Yard", null], plan.Components.Select(c => c.Area));
    }

    [Fact]
    public void IMP045_field_welds_default_to_BW()
    {
        var plan = Plan(Row(1, "ISO-1", "Field_Weld", "1", "W-1"), new TakeoffRow(2, 3, "ISO-1", "Field_Weld", "1", "W-2", WeldType: "sw"));
        Assert.Equal(["BW", "SW"], plan.Components.Select(c => c.WeldType));
        Assert.Equal(["W-1", "W-2"], plan.Components.Select(c => c.Identity));
    }

    [Fact]
    public void IMP044_only_valid_rows_contribute() =>
        Assert.Empty(Plan(Row(1, "ISO-1", "Valve", "0", "A"), Row(2, "", "Valve", "1", "A")).Components);
}
