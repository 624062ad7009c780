using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Tests.Welds;

/// <summary>WLD-051 numbering algorithm.</summary>
public sealed class WeldNumberingTests
{
    private static string Next(params string[] numbers) => WeldNumbering.Next(numbers, numbers);

    [Fact]
    public void WLD051_empty_project_gives_W_001() => Assert.Equal("W-001", Next());

    [Fact]
    public void WLD051_numbers_without_digits_are_ignored() => Assert.Equal("W-001", Next("TIE-IN", "ABC"));

    [Fact]
    public void WLD051_spec_example_fills_the_gap() => Assert.Equal("A-0009", Next("A-0007", "A-0008", "A-0010"));

    [Fact]
    public void WLD051_spec_example_without_gap_takes_highest_plus_one() =>
        Assert.Equal("A-0011", Next("A-0007", "A-0008", "A-0009", "A-0010"));

    [Fact]
    public void WLD051_smallest_gap_strictly_between_lowest_and_highest() =>
        Assert.Equal("W-4", Next("W-3", "W-6", "W-9", "W-5")); // not W-1 (below lowest)

    [Fact]
    public void WLD051_no_padding_when_no_number_starts_with_zero() => Assert.Equal("12", Next("9", "10", "11"));

    [Fact]
    public void WLD051_padding_is_the_most_frequent_zero_led_width() =>
        Assert.Equal("W-0004", Next("W-001", "W-0002", "W-0003", "W-10")); // widths: 3 once, 4 twice; gap 4

    [Fact]
    public void WLD051_wider_values_keep_all_their_digits() => Assert.Equal("W-1000", Next("W-998", "W-999"));

    [Fact]
    public void WLD051_most_frequent_prefix_wins() => Assert.Equal("FW-3", Next("W-1", "FW-1", "FW-2", "W-2", "FW-4"));

    [Fact]
    public void WLD051_prefix_tie_goes_to_the_newest_weld()
    {
        Assert.Equal("B-3", Next("A-1", "A-2", "B-1", "B-2"));
        Assert.Equal("A-3", Next("B-1", "B-2", "A-1", "A-2"));
    }

    [Fact]
    public void WLD051_taken_number_increments_ignoring_case()
    {
        // the gap W-2 is held by a repair-less retired spelling in lower case; step 6 moves on.
        Assert.Equal("W-3", WeldNumbering.Next(["W-1", "W-4"], ["W-1", "w-2", "W-4"]));
    }

    [Fact]
    public void WLD051_repairs_do_not_shape_the_sequence_but_block_their_numbers()
    {
        // 7-A.1 is a repair: excluded from step 1 but it would still be "taken"
        Assert.Equal("W-002", WeldNumbering.Next(["W-001"], ["W-001", "W-001.1"]));
    }

    [Fact]
    public void WLD051_very_wide_numbers_do_not_overflow() =>
        Assert.Equal("W-12345678901234567891", Next("W-12345678901234567890"));

    [Theory]
    [InlineData("W-0012", "W-", "0012")]
    [InlineData("7-A", null, null)]
    [InlineData("  42 ", "", "42")]
    [InlineData("A1B22", "A1B", "22")]
    public void WLD051_split_takes_trailing_digits(string number, string? prefix, string? digits)
    {
        var split = WeldNumbering.Split(number);
        Assert.Equal(prefix, split?.Prefix);
        Assert.Equal(digits, split?.Digits);
    }
}
