using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-032 status.</summary>
public enum PackageStatus
{
    InProgress = 1,
    Ready,
    Blocked,
}

/// <summary>
/// PKG-030 metrics over E = non-retired components whose effective package is the package.
/// Built from aggregate sums (a grouped query gives them), so it never needs the component rows.
/// <paramref name="Hundredths"/> is Σ percent × 100 over E; <paramref name="TestableComplete"/> counts
/// members of T (not post-hydro) at 100.
/// </summary>
public sealed record PackageReadiness(int Total, int Completed, long Hundredths, int Testable, int TestableComplete, int Blockers)
{
    public static readonly PackageReadiness Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>Mean percent of E, 0 when empty (shown as a whole number, TRK-055).</summary>
    public decimal Average => Total == 0 ? 0m : Hundredths / (decimal)Total / 100m;

    public int AverageDisplay => ProgressRules.Display(Average);

    /// <summary>100 × (T at 100) ÷ |T| at 2 dp; 100 when T is empty but E is not; null ("-") when E is empty.</summary>
    public decimal? TestReadyPercent =>
        Total == 0 ? null
        : Testable == 0 ? 100m
        : Math.Round(100m * TestableComplete / Testable, 2, MidpointRounding.AwayFromZero);

    /// <summary>PKG-032: Blocked, else Ready (members and test-ready 100), else In progress.</summary>
    public PackageStatus Status =>
        Blockers > 0 ? PackageStatus.Blocked
        : Total > 0 && TestReadyPercent == 100m ? PackageStatus.Ready
        : PackageStatus.InProgress;

    /// <summary>Accumulates one member (used by tests and small in-memory sets).</summary>
    public PackageReadiness Add(decimal percent, bool postHydro, int blockers = 0) => this with
    {
        Total = Total + 1,
        Completed = Completed + (percent >= 100m ? 1 : 0),
        Hundredths = Hundredths + (long)Math.Round(percent * 100m),
        Testable = Testable + (postHydro ? 0 : 1),
        TestableComplete = TestableComplete + (!postHydro && percent >= 100m ? 1 : 0),
        Blockers = Blockers + blockers,
    };
}

public static class PackageStatuses
{
    public static string Label(this PackageStatus status) => status switch
    {
        PackageStatus.Ready => "Ready",
        PackageStatus.Blocked => "Blocked",
        PackageStatus.InProgress => "In progress",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
