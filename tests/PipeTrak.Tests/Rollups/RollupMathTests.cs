using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;

namespace PipeTrak.Tests.Rollups;

/// <summary>TRK-050/053/054 roll-up arithmetic over exact sums of hundredths.</summary>
public sealed class RollupMathTests
{
    [Fact]
    public void TRK054_no_components_is_0() => Assert.Equal(0m, RollupMath.Overall(0, 0));

    [Fact]
    public void TRK053_mean_is_unweighted_and_exact() =>
        // 100 + 47.5 + 0.01 = 147.51 over 3
        Assert.Equal(147.51m / 3, RollupMath.Mean(14751, 3));

    [Theory]
    [InlineData(4725, 1, 47.3)] // 47.25 → 47.3: half away from zero
    [InlineData(4724, 1, 47.2)]
    [InlineData(10000 + 4750, 2, 73.8)] // (100 + 47.5) / 2 = 73.75
    [InlineData(1, 3, 0.0)] // 0.0033…
    [InlineData(30000, 3, 100.0)]
    public void TRK054_overall_is_rounded_to_1_dp(long hundredths, int count, double expected) =>
        Assert.Equal((decimal)expected, RollupMath.Overall(hundredths, count));

    [Theory]
    [InlineData(0, 0, ProgressStatus.NotStarted)]
    [InlineData(0, 5, ProgressStatus.NotStarted)]
    [InlineData(1, 5, ProgressStatus.InProgress)]
    [InlineData(49999, 5, ProgressStatus.InProgress)]
    [InlineData(50000, 5, ProgressStatus.Complete)]
    public void TRK050_status_uses_the_exact_average(long hundredths, int count, ProgressStatus expected) =>
        Assert.Equal(expected, RollupMath.Status(hundredths, count));

    [Fact]
    public void TRK050_figures_display_completed_total_and_whole_average()
    {
        var figures = new RollupFigures(Total: 2, Completed: 1, Hundredths: 14750);
        Assert.Equal("1/2 • 74%", figures.Display); // 73.75 → 74
        Assert.Equal(ProgressStatus.InProgress, figures.Status);
        Assert.Equal("0/0 • 0%", RollupFigures.Empty.Display);
    }
}
