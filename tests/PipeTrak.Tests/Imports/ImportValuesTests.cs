using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Tests.Imports;

/// <summary>IMP-044 spec attribute, IMP-045 weld type default, IMP-052 x-ray, TRK-085 aggregation.</summary>
public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("cs150_a", "CS150")]
    [InlineData(" A1 carbon steel", "A1")]
    [InlineData("SS316", "SS316")]
    [InlineData("_x", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void IMP044_spec_is_the_first_token_upper_cased(string? raw, string? expected) =>
        Assert.Equal(expected, ImportValues.Spec(raw));

    [Theory]
    [InlineData(null, "BW")]
    [InlineData(" ", "BW")]
    [InlineData("sw", "SW")]
    public void IMP045_weld_type_defaults_to_BW(string? value, string expected) =>
        Assert.Equal(expected, ImportValues.WeldType(value));

    [Theory]
    [InlineData("5%", "5")]
    [InlineData("5", "5")]
    [InlineData("0.05", "5")]
    [InlineData("1", "100")]
    [InlineData("0", "0")]
    [InlineData("100", "100")]
    [InlineData("10 %", "10")]
    [InlineData("0.5%", "0.5")]
    [InlineData("2.5", "2.5")]
    public void IMP052_x_ray_values(string value, string expected)
    {
        Assert.True(ImportValues.TryParseXRay(value, out var percent, out var error));
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), percent);
    }

    [Fact]
    public void IMP052_blank_leaves_it_unset()
    {
        Assert.True(ImportValues.TryParseXRay("  ", out var percent, out _));
        Assert.Null(percent);
        Assert.False(ImportValues.NdeRequired(percent));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("150%")]
    public void IMP052_invalid_x_ray(string value)
    {
        Assert.False(ImportValues.TryParseXRay(value, out _, out var error));
        Assert.Equal("X-RAY % must be between 0 and 100", error);
    }

    [Fact]
    public void IMP052_nde_required_above_0()
    {
        Assert.True(ImportValues.NdeRequired(5));
        Assert.False(ImportValues.NdeRequired(0));
    }

    [Fact]
    public void TRK085_spec_example_aggregate()
    {
        var aggregation = new PipeAggregation();
        aggregation.Add(ComponentType.Pipe, "ISO-7", "2\"", "CS-PIPE", 12.5m, 4);
        aggregation.Add(ComponentType.Pipe, "iso-7", "2", "cs-pipe", 30m, 9);
        var aggregate = Assert.Single(aggregation.Aggregates);
        Assert.Equal("ISO-7-2-CS-PIPE-AGG", aggregate.Identity);
        Assert.Equal(42.5m, aggregate.TotalLinearFeet);
        Assert.Equal([4, 9], aggregate.LineNumbers);
    }

    [Fact]
    public void TRK085_pipe_and_threaded_pipe_stay_apart()
    {
        var aggregation = new PipeAggregation();
        aggregation.Add(ComponentType.Pipe, "ISO-7", "2", "CS", 1m, 1);
        aggregation.Add(ComponentType.ThreadedPipe, "ISO-7", "2", "CS", 1m, 2);
        aggregation.Add(ComponentType.Pipe, "ISO-7", "3", "CS", 1m, 3);
        Assert.Equal(3, aggregation.Aggregates.Count);
    }

    [Fact]
    public void TRK085_only_pipe_types_aggregate() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PipeAggregation().Add(ComponentType.Valve, "A", "1", "B", 1m, 1));
}
