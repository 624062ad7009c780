using System.Text.Json;
using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Tests.Milestones;

/// <summary>TRK-020 whole numbers 0-100; TRK-031 tolerant reading; TRK-040 booleans on the API.</summary>
public sealed class MilestoneValueTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(47)]
    [InlineData(100)]
    public void TRK020_whole_numbers_0_to_100_are_values(int value)
    {
        Assert.True(MilestoneValue.TryCreate(value, out var result, out var error));
        Assert.Null(error);
        Assert.Equal(value, result.Value);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void TRK020_TRK041_out_of_range_is_refused_with_the_spec_message(int value)
    {
        Assert.False(MilestoneValue.TryCreate(value, out _, out var error));
        Assert.Equal("Value must be between 0 and 100", error);
    }

    [Fact]
    public void TRK020_Create_throws_outside_the_range() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MilestoneValue.Create(101));

    [Theory]
    [InlineData("50.5")]
    [InlineData("0.5")]
    [InlineData("-0.5")]
    [InlineData("100.01")]
    public void TRK020_fractions_are_never_values(string text)
    {
        Assert.False(MilestoneValue.TryCreate(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), out _, out var error));
        Assert.Equal("Value must be between 0 and 100", error);
    }

    [Fact]
    public void TRK020_a_whole_decimal_is_accepted()
    {
        Assert.True(MilestoneValue.TryCreate(50.0m, out var value, out _));
        Assert.Equal(50, value.Value);
    }

    [Fact]
    public void TRK020_default_is_zero_the_never_set_value()
    {
        Assert.Equal(MilestoneValue.Zero, default);
        Assert.Equal(0, default(MilestoneValue).Value);
        Assert.True(MilestoneValue.Complete.IsComplete);
        Assert.Equal(100, MilestoneValue.Complete.Value);
    }

    [Fact]
    public void TRK040_api_booleans_are_100_and_0()
    {
        Assert.Equal(100, MilestoneValue.FromBoolean(true).Value);
        Assert.Equal(0, MilestoneValue.FromBoolean(false).Value);
    }

    public static TheoryData<object?, int> LegacyValues => new()
    {
        { true, 100 },
        { false, 0 },
        { "true", 100 },
        { "FALSE", 0 },
        { " True ", 100 },
        { 100, 100 },
        { 0, 0 },
        { 47, 47 },
        { 100L, 100 },
        { 100.0, 100 },
        { 100m, 100 },
        { "100", 100 },
        { " 40 ", 40 },
        { "40.0", 40 },
        { "1e2", 100 },
        { 150, 100 },
        { -5, 0 },
        { "250", 100 },
        { "-3", 0 },
        { 1, 1 },      // legacy 0/1 is clamped, not rescaled (TRK-031 says clamp)
        { 0.5, 1 },    // whole number, half away from zero
        { 2.5m, 3 },
        { 49.4, 49 },
        { "abc", 0 },
        { "", 0 },
        { null, 0 },
        { double.NaN, 0 },
        { double.PositiveInfinity, 0 },
        { "NaN", 0 },
        { "1e400", 0 },
    };

    [Theory]
    [MemberData(nameof(LegacyValues))]
    public void TRK031_reading_is_tolerant_and_never_throws(object? stored, int expected) =>
        Assert.Equal(expected, MilestoneValue.Read(stored).Value);

    [Theory]
    [InlineData("true", 100)]
    [InlineData("false", 0)]
    [InlineData("100", 100)]
    [InlineData("100.0", 100)]
    [InlineData("\"100\"", 100)]
    [InlineData("\"true\"", 100)]
    [InlineData("60", 60)]
    [InlineData("120", 100)]
    [InlineData("-1", 0)]
    [InlineData("null", 0)]
    [InlineData("{}", 0)]
    [InlineData("[100]", 0)]
    [InlineData("\"x\"", 0)]
    public void TRK031_json_storage_is_read_tolerantly(string json, int expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, MilestoneValue.Read(document.RootElement).Value);
        Assert.Equal(expected, MilestoneValue.Read((object)document.RootElement).Value);
    }

    [Fact]
    public void TRK031_an_unknown_object_reads_as_zero() =>
        Assert.Equal(0, MilestoneValue.Read(new object()).Value);

    [Fact]
    public void TRK020_values_compare_by_number()
    {
        Assert.True(MilestoneValue.Create(40) < MilestoneValue.Create(60));
        Assert.True(MilestoneValue.Complete > MilestoneValue.Zero);
        Assert.Equal("47", MilestoneValue.Create(47).ToString());
    }
}
