using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Manhours;

namespace PipeTrak.Tests.Manhours;

/// <summary>TRK-092/093 inputs read from a component's attributes.</summary>
public sealed class ComponentManhourInputsTests
{
    [Fact]
    public void TRK092_size_as_written_comes_first_then_the_normalized_size()
    {
        Assert.Equal(("2\"", "2", (decimal?)null), ComponentManhourInputs.Read(ComponentType.Valve, """{"size":"2\"","size_normalized":"2"}"""));
        Assert.Equal(((string?)null, "1-1X2", (decimal?)null), ComponentManhourInputs.Read(ComponentType.Valve, """{"size_normalized":"1-1X2"}"""));
    }

    [Fact]
    public void TRK092_welds_use_the_weld_size()
    {
        Assert.Equal("3", ComponentManhourInputs.Read(ComponentType.FieldWeld, """{"weld_size":"3","size":"6"}""").SizeWritten);
        Assert.Equal("6", ComponentManhourInputs.Read(ComponentType.Valve, """{"weld_size":"3","size":"6"}""").SizeWritten);
    }

    [Fact]
    public void TRK093_aggregates_read_total_linear_feet_else_original_qty()
    {
        Assert.Equal(40m, ComponentManhourInputs.Read(ComponentType.Pipe, """{"size":"1","total_linear_feet":"40","original_qty":"12"}""").LinearFeet);
        Assert.Equal(12.5m, ComponentManhourInputs.Read(ComponentType.ThreadedPipe, """{"size":"1","original_qty":12.5}""").LinearFeet);
        Assert.Null(ComponentManhourInputs.Read(ComponentType.Fitting, """{"size":"1","original_qty":"3"}""").LinearFeet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"size\":{\"a\":1}}")]
    public void Reading_never_throws_and_unusable_attributes_count_as_absent(string json)
    {
        Assert.Equal(((string?)null, (string?)null, (decimal?)null), ComponentManhourInputs.Read(ComponentType.Pipe, json));
    }

    [Fact]
    public void TRK093_weights_of_the_spec_example()
    {
        Assert.Equal(14.6969m, ComponentManhourInputs.WeightOf(ComponentType.Fitting, "F", """{"size":"6\""}""").Stored);
        Assert.Equal(4.0m, ComponentManhourInputs.WeightOf(ComponentType.ThreadedPipe, "T", """{"size":"1","total_linear_feet":"40"}""").Stored);
        var spool = ComponentManhourInputs.WeightOf(ComponentType.Spool, "SP-1", "{}");
        Assert.Equal(0.5, spool.Weight);
        Assert.Equal("SP-1: no usable size, fallback weight 0.5", spool.Warning);
        Assert.Equal("P-1: no linear feet", ComponentManhourInputs.WeightOf(ComponentType.Pipe, "P-1", """{"size":"2"}""").Warning);
    }
}
