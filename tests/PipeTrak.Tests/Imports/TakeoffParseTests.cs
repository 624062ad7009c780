using System.Text;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-048: the file half of the analysis (parse), its cache between upload and confirm, and the reused attributes writer.</summary>
public sealed class TakeoffParseTests
{
    private static readonly string[] Headers = ["DRAWING", "TYPE", "QTY", "CMDTY CODE", "SIZE", "Heat No"];

    private static SheetReadResult Sheet(params string?[][] rows) =>
        new(null, Headers, rows.Select((cells, i) => new SheetRow(i + 1, i + 2, cells)).ToList(), ',');

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void IMP020_IMP030_groups_keep_order_of_first_appearance_count_all_and_list_at_most_100()
    {
        var rows = new List<string?[]> { new[] { "P-1", "Bolt", "1", "B-1", null, null } };
        for (var i = 0; i < 120; i++)
        {
            rows.Add(["P-1", "Valve", "1.5", $"V-{i}", null, null]);
        }
        rows.Add(["P-1", "Valve", "0", "V-0", null, null]);
        rows.Add(["P-2", "Spool", "1", "SP-1", null, "H1"]);
        var parse = TakeoffParse.Of(Sheet([.. rows]));

        Assert.Equal(120, parse.ErrorCount);
        Assert.Equal(2, parse.SkippedCount);
        Assert.Equal(1, parse.ValidCount);
        var errors = Assert.Single(parse.Errors);
        Assert.Equal((RowCodes.InvalidQuantity, 120, TakeoffAnalysis.MaxRowsPerGroup), (errors.Code, errors.Count, errors.Rows.Count));
        Assert.Equal("Row 2 (line 3): QTY must be an integer", errors.Rows[0].Message);
        Assert.Equal([RowCodes.UnsupportedType, RowCodes.ZeroQuantity], parse.Skipped.Select(g => g.Code));
        Assert.False(parse.RowsImportable); // IMP-023: an error row blocks the import
        var first = Assert.Single(parse.FirstRows);
        Assert.Equal(("P-2", "SP-1"), (first.Drawing, first.CmdtyCode));
        Assert.Equal("H1", Assert.Single(parse.Plan!.Components).Attributes["Heat No"]);
    }

    [Fact]
    public void IMP032_compare_against_a_changed_project_changes_only_the_project_half()
    {
        var parse = TakeoffParse.Of(Sheet(["P-1", "Spool", "1", "SP-1", null, null], ["P-1", "Valve", "2", "V-1", "2", null]));
        var empty = TakeoffAnalysis.Compare("t.csv", 10, parse, new ProjectSnapshot());
        Assert.Equal((3, 0, 1), (empty.Preview.ComponentsToCreate, empty.Preview.ComponentsToSkip, empty.Preview.DrawingsToCreate));

        var snapshot = new ProjectSnapshot();
        snapshot.Drawings["P-1"] = Guid.NewGuid();
        snapshot.Components[(ComponentType.Spool, "SP-1")] = new ExistingComponent(Guid.NewGuid(), null, null);
        var later = TakeoffAnalysis.Compare("t.csv", 10, parse, snapshot);
        Assert.Equal((2, 1, 0, 1), (later.Preview.ComponentsToCreate, later.Preview.ComponentsToSkip, later.Preview.DrawingsToCreate, later.Preview.DrawingsToMatch));
        Assert.Equal([DraftOutcome.Skip, DraftOutcome.Create, DraftOutcome.Create], later.Outcomes);
        Assert.NotEqual(empty.Preview.Fingerprint(), later.Preview.Fingerprint());
        // A fresh parse of the same sheet compares the same: the parse depends on the file alone.
        Assert.Equal(later.Preview.Fingerprint(), TakeoffAnalysis.Compare("t.csv", 10, TakeoffParse.Of(Sheet(["P-1", "Spool", "1", "SP-1", null, null], ["P-1", "Valve", "2", "V-1", "2", null])), snapshot).Preview.Fingerprint());
    }

    [Fact]
    public void IMP048_cache_answers_only_for_the_same_bytes_and_not_after_expiry()
    {
        var clock = new ManualClock();
        var cache = new TakeoffParseCache(clock);
        var parse = TakeoffParse.Of(Sheet(["P-1", "Spool", "1", "SP-1", null, null]));
        var id = Guid.NewGuid();
        var bytes = Encoding.UTF8.GetBytes("DRAWING,TYPE,QTY,CMDTY CODE\nP-1,Spool,1,SP-1\n");
        cache.Store(id, TakeoffParseCache.Hash(bytes), parse);

        Assert.True(cache.TryGet(id, TakeoffParseCache.Hash(bytes), out var found));
        Assert.Same(parse, found);
        var changed = (byte[])bytes.Clone();
        changed[^2] = (byte)'2';
        Assert.False(cache.TryGet(id, TakeoffParseCache.Hash(changed), out _));
        Assert.False(cache.TryGet(Guid.NewGuid(), TakeoffParseCache.Hash(bytes), out _));

        clock.Now += TakeoffParseCache.KeepFor;
        Assert.False(cache.TryGet(id, TakeoffParseCache.Hash(bytes), out _));

        cache.Store(id, TakeoffParseCache.Hash(bytes), parse);
        cache.Remove(id);
        Assert.False(cache.TryGet(id, TakeoffParseCache.Hash(bytes), out _));
    }

    [Fact]
    public void IMP044_reused_attributes_writer_writes_what_a_fresh_one_writes()
    {
        var parse = TakeoffParse.Of(new SheetReadResult(null, ["DRAWING", "TYPE", "QTY", "CMDTY CODE", "SIZE", "WELD TYPE", "Heat No"],
        [
            new SheetRow(1, 2, ["P-1", "Valve", "3", "V-1", "2", null, "H\"1"]),
            new SheetRow(2, 3, ["P-1", "Pipe", "12.5", "CS", "2", null, null]),
            new SheetRow(3, 4, ["P-1", "Pipe", "30", "CS", "2", null, null]),
            new SheetRow(4, 5, ["P-1", "Field_Weld", "1", "W-1", "2", "sw", null]),
            new SheetRow(5, 6, ["P-1", "Flange", "2", "F-1", "2", null, "é"]),
        ], ','));
        var writer = new AttributesJsonWriter();
        var drafts = parse.Plan!.Components;
        Assert.Equal(7, drafts.Count);
        foreach (var draft in drafts)
        {
            Assert.Equal(TakeoffAnalysis.AttributesJson(draft), writer.Write(draft));
        }
        Assert.Contains("\"total_linear_feet\":42.5,\"line_numbers\":[2,3]", writer.Write(drafts.Single(d => d.Type == ComponentType.Pipe)));
        Assert.Contains("\"weld_type\":\"SW\",\"xray_percent\":5", writer.Write(drafts.Single(d => d.Type == ComponentType.FieldWeld)));
    }
}
