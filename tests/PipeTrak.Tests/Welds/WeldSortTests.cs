using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Tests.Welds;

/// <summary>WLD-083 natural sort key.</summary>
public sealed class WeldSortTests
{
    [Fact]
    public void WLD083_W2_sorts_before_W10()
    {
        string[] numbers = ["W-10", "W-2", "w-1", "W-2.1", "A-0009", "W-100"];
        var sorted = numbers.OrderBy(WeldSort.Key, StringComparer.Ordinal).ToArray();
        Assert.Equal(["A-0009", "w-1", "W-2", "W-2.1", "W-10", "W-100"], sorted);
    }

    [Fact]
    public void WLD083_leading_zeros_and_case_do_not_change_the_key() =>
        Assert.Equal(WeldSort.Key("w-2"), WeldSort.Key(" W-002 "));

    [Fact]
    public void WLD083_keys_are_capped_at_the_column_length() =>
        Assert.Equal(WeldSort.KeyMaxLength, WeldSort.Key(string.Concat(Enumerable.Repeat("1-", 100))).Length);
}
