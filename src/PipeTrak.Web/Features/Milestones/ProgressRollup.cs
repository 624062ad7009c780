using System.Globalization;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>TRK-050 roll-up status.</summary>
public enum ProgressStatus
{
    NotStarted = 1,
    InProgress = 2,
    Complete = 3,
}

/// <summary>
/// TRK-050/TRK-053/TRK-054: an unweighted roll-up of component percentages, accumulated one
/// non-retired component at a time (no list held). total = components, completed = those at 100,
/// average = mean percent (0 when none).
/// </summary>
public struct ProgressRollup
{
    private decimal sum;

    public int Total { get; private set; }

    public int Completed { get; private set; }

    public void Add(decimal percent)
    {
        Total++;
        sum += percent;
        if (percent >= 100m)
        {
            Completed++;
        }
    }

    /// <summary>Unweighted mean percent, unrounded; 0 when there are no components.</summary>
    public readonly decimal Average => Total == 0 ? 0m : sum / Total;

    /// <summary>TRK-050: Not started (average 0 or no components), In progress (0 &lt; average &lt; 100), Complete (100).</summary>
    public readonly ProgressStatus Status => StatusOf(Total, Average);

    public static ProgressStatus StatusOf(int total, decimal average) =>
        total == 0 || average <= 0 ? ProgressStatus.NotStarted
        : average >= 100 ? ProgressStatus.Complete
        : ProgressStatus.InProgress;

    /// <summary>TRK-050/TRK-055: <c>{completed}/{total} • {average}%</c> with the average as a whole number.</summary>
    public readonly string Display() =>
        string.Create(CultureInfo.InvariantCulture, $"{Completed}/{Total} • {ProgressRules.Display(Average)}%");

    /// <summary>TRK-054: overall progress is the mean percent at 1 dp.</summary>
    public readonly decimal OverallProgress => Math.Round(Average, 1, MidpointRounding.AwayFromZero);
}

public static class ProgressStatuses
{
    public static string Label(this ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => "Not started",
        ProgressStatus.InProgress => "In progress",
        ProgressStatus.Complete => "Complete",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
