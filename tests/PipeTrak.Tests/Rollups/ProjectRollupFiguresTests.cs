using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Rollups;

namespace PipeTrak.Tests.Rollups;

/// <summary>TRK-096 manhour figures, `?by=` parsing and the natural order of group names.</summary>
public sealed class ProjectRollupFiguresTests
{
    [Fact]
    public void TRK096_earned_is_budgeted_times_percent_and_remaining_the_rest()
    {
        // 333.6367 MH at 47.5 % + 64.2084 MH at 100 %.
        var budgeted = 3336367L + 642084L;
        var earned = 3336367L * 4750 + 642084L * 10000;
        var mh = new ManhourFigures(budgeted, earned);
        Assert.Equal(397.8451m, mh.Budgeted);
        Assert.Equal(Math.Round(333.6367m * 0.475m + 64.2084m, 4, MidpointRounding.AwayFromZero), mh.Earned);
        Assert.Equal(mh.Budgeted - mh.Earned, mh.Remaining);
        Assert.Equal(Math.Round(mh.Earned / mh.Budgeted * 100m, 2, MidpointRounding.AwayFromZero), mh.EarnedPercent);
    }

    [Fact]
    public void TRK096_earned_percent_is_absent_without_a_budget() => Assert.Null(ManhourFigures.Empty.EarnedPercent);

    [Theory]
    [InlineData(null, RollupGroupings.All)]
    [InlineData("", RollupGroupings.All)]
    [InlineData("area", RollupGroupings.Area)]
    [InlineData("System, PACKAGE", RollupGroupings.System | RollupGroupings.Package)]
    public void By_parses_a_list_of_groupings(string? by, RollupGroupings expected)
    {
        Assert.True(RollupEndpoints.TryParseBy(by, out var groupings));
        Assert.Equal(expected, groupings);
    }

    [Theory]
    [InlineData("drawing")]
    [InlineData(",")]
    public void By_refuses_unknown_groupings(string by) => Assert.False(RollupEndpoints.TryParseBy(by, out _));

    [Fact]
    public void Group_names_sort_naturally_ignoring_case() =>
        Assert.Equal(["area 2", "Area 10", "B", "unit 01a", "Unit 1b"],
            new[] { "Unit 1b", "Area 10", "B", "area 2", "unit 01a" }.OrderBy(n => n, NaturalSort.Comparer));
}
