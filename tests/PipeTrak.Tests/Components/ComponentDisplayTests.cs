using Microsoft.Extensions.Primitives;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Tests.Components;

/// <summary>TRK-010/013 display from stored keys and attributes; list filter round trip; TRK-070 names; TRK-076 badges.</summary>
public sealed class ComponentDisplayTests
{
    [Fact]
    public void TRK010_counted_display_uses_the_siblings_highest_seq()
    {
        var attributes = ComponentAttributes.Parse("{\"size\":\"3/4\\\"\",\"cmdty_code\":\"gv-150\"}");
        Assert.Equal("GV-150 3/4\" 1 of 2", ComponentDisplay.For(ComponentType.Valve, "ISO-22|GV-150|3X4|1", attributes, 2));
        // n = 1 drops the suffix (TRK-013).
        Assert.Equal("GV-150 3/4\"", ComponentDisplay.For(ComponentType.Valve, "ISO-22|GV-150|3X4|1", attributes, 1));
        Assert.Equal("TT-1 2\"", ComponentDisplay.For(ComponentType.Instrument, "ISO-22|TT-1|2|1", ComponentAttributes.Empty, null));
    }

    [Fact]
    public void TRK085_TRK086_aggregate_display_uses_total_linear_feet_else_original_qty()
    {
        var key = ComponentIdentity.ForAggregate("ISO-7", "2\"", "CS-PIPE");
        Assert.Equal("CS-PIPE 2\" (42.5 LF)", ComponentDisplay.For(ComponentType.Pipe, key, ComponentAttributes.Parse("{\"size\":\"2\\\"\",\"cmdty_code\":\"CS-PIPE\",\"total_linear_feet\":42.5}"), null));
        Assert.Equal("CS-PIPE 2\" (12 LF)", ComponentDisplay.For(ComponentType.Pipe, key, ComponentAttributes.Parse("{\"size\":\"2\",\"cmdty_code\":\"CS-PIPE\",\"original_qty\":\"12\"}"), null));
    }

    [Fact]
    public void Spools_and_welds_show_their_key_and_bad_attributes_never_throw()
    {
        Assert.Equal("SP-1", ComponentDisplay.For(ComponentType.Spool, "SP-1", ComponentAttributes.Parse("not json"), null));
        Assert.Equal("W-12", ComponentDisplay.For(ComponentType.FieldWeld, "W-12", ComponentAttributes.Parse("[1,2]"), null));
        Assert.Null(ComponentAttributes.Parse("{\"original_qty\":\"abc\"}").LinearFeet);
    }

    [Fact]
    public void Filter_round_trips_through_the_query_string()
    {
        var area = Guid.NewGuid();
        var filter = new ComponentFilter
        {
            Type = ComponentType.FieldWeld,
            AreaId = area,
            Progress = ProgressStatus.InProgress,
            Search = "ISO 1",
            Sort = ComponentSort.Percent,
            Descending = true,
            ShowRetired = true,
            Page = 3,
            PageSize = 20,
        };
        var query = filter.ToQuery();
        var parsed = ComponentFilter.From(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
        Assert.Equal(filter, parsed);
        Assert.Equal("", new ComponentFilter().ToQuery());
    }

    [Fact]
    public void Filter_ignores_unknown_values_and_clamps_the_page_size()
    {
        var parsed = ComponentFilter.From(new Dictionary<string, StringValues> { ["type"] = "bolt", ["progress"] = "done", ["size"] = "5000", ["page"] = "-3", ["area"] = "x" });
        Assert.Null(parsed.Type);
        Assert.Null(parsed.Progress);
        Assert.Null(parsed.AreaId);
        Assert.Equal(ComponentFilter.MaxPageSize, parsed.PageSize);
        Assert.Equal(1, parsed.Page);
    }

    [Theory]
    [InlineData(null, MetadataNames.RequiredMessage)]
    [InlineData("   ", MetadataNames.RequiredMessage)]
    [InlineData("North", null)]
    public void TRK070_names_are_required(string? name, string? expected) => Assert.Equal(expected, MetadataNames.Validate(name));

    [Fact]
    public void TRK070_names_are_at_most_100_characters_and_duplicates_name_the_kind()
    {
        Assert.Null(MetadataNames.Validate(new string('a', 100)));
        Assert.Equal(MetadataNames.TooLongMessage, MetadataNames.Validate(new string('a', 101)));
        Assert.Equal("Test package 'TP-1' already exists", MetadataNames.DuplicateMessage(MetadataKind.Package, " TP-1 "));
        Assert.Equal("Area 'North' already exists", MetadataNames.DuplicateMessage(MetadataKind.Area, "North"));
    }

    [Fact]
    public void TRK076_badges_none_inherited_assigned()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var names = new Dictionary<Guid, string> { [a] = "A", [b] = "B" };
        Assert.Equal(MetadataBadge.None, ComponentQueries.Badge(null, a, names, "ISO-1", inheritWhenEmpty: false).Badge);
        var inherited = ComponentQueries.Badge(a, a, names, "ISO-1", inheritWhenEmpty: false);
        Assert.Equal((MetadataBadge.Inherited, "A", "From drawing ISO-1"), (inherited.Badge, inherited.Name, inherited.Tooltip));
        var assigned = ComponentQueries.Badge(b, a, names, "ISO-1", inheritWhenEmpty: false);
        Assert.Equal((MetadataBadge.Assigned, "Manually assigned"), (assigned.Badge, assigned.Tooltip));
        Assert.Equal(MetadataBadge.Assigned, ComponentQueries.Badge(b, null, names, "ISO-1", inheritWhenEmpty: false).Badge);
        // An inherited package (no own value) shows the drawing's with "inherited".
        var package = ComponentQueries.Badge(null, a, names, "ISO-1", inheritWhenEmpty: true);
        Assert.Equal((MetadataBadge.Inherited, "A", (Guid?)null), (package.Badge, package.Name, package.OwnId));
    }
}
