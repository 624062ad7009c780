using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>
/// Roll-up arithmetic on exact sums. Queries sum percentages as whole hundredths (percent is stored
/// at 2 dp, TRK-030), so every mean here equals a recomputation from the component rows with no
/// floating-point drift, even over 1,000,000 components (TRK-003).
/// </summary>
public static class RollupMath
{
    /// <summary>Unweighted mean percent from a sum of hundredths; 0 when there are no components (TRK-050/053/054).</summary>
    public static decimal Mean(long hundredthsSum, int count) =>
        count == 0 ? 0m : hundredthsSum / (decimal)count / 100m;

    /// <summary>TRK-054: overall progress at 1 dp, half away from zero.</summary>
    public static decimal Overall(long hundredthsSum, int count) =>
        Math.Round(Mean(hundredthsSum, count), 1, MidpointRounding.AwayFromZero);

    /// <summary>TRK-050 status of a group, decided on the exact sum (all at 0 → Not started; all at 100 → Complete).</summary>
    public static ProgressStatus Status(long hundredthsSum, int count) =>
        ProgressRollup.StatusOf(count, Mean(hundredthsSum, count));
}
