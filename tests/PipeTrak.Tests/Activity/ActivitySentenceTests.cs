using PipeTrak.Web.Features.Activity;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Tests.Activity;

/// <summary>RPT-050/051/053: sentence, initials, relative time and identity display of the activity feed.</summary>
public sealed class ActivitySentenceTests
{
    private static readonly Guid ComponentId = Guid.Parse("0195f2a0-0000-7000-8000-000000000001");

    [Fact]
    public void RPT051_spec_example_reads_exactly()
    {
        var identity = ActivitySentence.Identity(ComponentType.Pipe, "ISO-7-2-CS-PIPE-AGG", """{"cmdty_code":"CS-PIPE","size":"2","total_linear_feet":"42.5","original_qty":"40"}""");
        Assert.Equal("Ana Ruiz updated Pipe CS-PIPE 2\" (42.5 LF): Connect 40% on Drawing ISO-7",
            ActivitySentence.Build("Ana Ruiz", ComponentType.Pipe, identity, ComponentId, "Connect", 40, "ISO-7"));
    }

    [Theory]
    [InlineData(100, "Ana Ruiz marked Spool SP-1: Erect complete on Drawing P-1")]
    [InlineData(0, "Ana Ruiz updated Spool SP-1: Erect cleared on Drawing P-1")]
    [InlineData(55, "Ana Ruiz updated Spool SP-1: Erect 55% on Drawing P-1")]
    public void RPT051_marked_at_100_else_updated_and_value_words(int value, string expected) =>
        Assert.Equal(expected, ActivitySentence.Build("Ana Ruiz", ComponentType.Spool, "SP-1", ComponentId, "Erect", value, "P-1"));

    [Fact]
    public void RPT051_no_drawing_reads_no_drawing_assigned() =>
        Assert.Equal("Bo Li marked Field Weld W-12: Weld Complete complete (no drawing assigned)",
            ActivitySentence.Build("Bo Li", ComponentType.FieldWeld, "W-12", ComponentId, "Weld Complete", 100, null));

    [Fact]
    public void RPT051_unknown_type_reads_component_id() =>
        Assert.Equal($"Bo Li updated Component {ComponentId}: Receive 20% (no drawing assigned)",
            ActivitySentence.Build("Bo Li", null, "whatever", ComponentId, "Receive", 20, " "));

    [Theory]
    [InlineData("Ana Ruiz", "ana@example.com", "AN")]
    [InlineData("  li", "x@example.com", "LI")]
    [InlineData("", "zoe@example.com", "ZO")]
    [InlineData(null, "q@example.com", "QE")]
    public void RPT053_initials_are_the_first_two_letters_of_the_name_else_the_email(string? name, string email, string expected) =>
        Assert.Equal(expected, ActivitySentence.Initials(name, email));

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(59, "just now")]
    [InlineData(60, "1 minute ago")]
    [InlineData(125, "2 minutes ago")]
    [InlineData(3600, "1 hour ago")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(61 * 86400, "2 months ago")]
    [InlineData(800 * 86400, "2 years ago")]
    public void RPT050_relative_time(int secondsAgo, string expected)
    {
        var now = new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
        Assert.Equal(expected, ActivitySentence.Relative(now, now.AddSeconds(-secondsAgo)));
    }

    [Fact]
    public void TRK010_counted_identity_shows_seq_of_n_from_siblings()
    {
        Assert.Equal("VLV-1 2\" 2 of 3", ActivitySentence.Identity(ComponentType.Valve, "P-1|VLV-1|2|2", "{}", siblingsMaxSeq: 3));
        Assert.Equal("VLV-1 2\"", ActivitySentence.Identity(ComponentType.Valve, "P-1|VLV-1|2|1", "{}", siblingsMaxSeq: 1));
        Assert.Equal("P-1|VLV-1|2|", ActivitySentence.SiblingPrefix(ComponentType.Valve, "P-1|VLV-1|2|1"));
        Assert.Null(ActivitySentence.SiblingPrefix(ComponentType.Spool, "SP-1"));
        Assert.Equal(12, ActivitySentence.Seq("P-1|VLV-1|2|12"));
    }

    [Fact]
    public void TRK010_instrument_and_spool_identities()
    {
        Assert.Equal("FT-100 1\"", ActivitySentence.Identity(ComponentType.Instrument, "P-1|FT-100|1|1", null));
        Assert.Equal("SP-9", ActivitySentence.Identity(ComponentType.Spool, "SP-9", "not json"));
    }

    [Fact]
    public void TRK086_aggregate_uses_original_qty_without_total_linear_feet() =>
        Assert.Equal("CS-PIPE 2\" (40 LF)", ActivitySentence.Identity(ComponentType.Pipe, "ISO-7-2-CS-PIPE-AGG", """{"cmdty_code":"cs-pipe","size":"2","original_qty":40}"""));
}
