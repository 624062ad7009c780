using System.Globalization;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>TRK-080 Mark Received: which components are touched, the confirmation and the summary.</summary>
public static class BulkReceive
{
    public const string Milestone = "Receive";
    public const int ConfirmAbove = 10;

    /// <summary>TRK-080: over 10 selected asks for confirmation; null when no confirmation is needed.</summary>
    public static string? Confirmation(int selected) =>
        selected > ConfirmAbove ? string.Create(CultureInfo.InvariantCulture, $"Mark {selected} components as received?") : null;

    /// <summary>TRK-080: a component is updated only when its template has Receive and the value is below 100.</summary>
    public static bool ShouldUpdate(bool templateHasReceive, MilestoneValue? current) =>
        templateHasReceive && !(current ?? MilestoneValue.Zero).IsComplete;

    /// <summary>TRK-080 summary line.</summary>
    public static string Summary(int attempted, int updated, int skipped, int failed) =>
        string.Create(CultureInfo.InvariantCulture, $"Attempted {attempted} · Updated {updated} · Skipped {skipped} · Failed {failed}");
}
