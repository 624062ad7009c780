using System.Globalization;

namespace PipeTrak.Web.Features.Components;

/// <summary>Pure component rules and messages: TRK-061/063 retire and restore, TRK-078 concurrency, TRK-079 manual components, TRK-086 aggregate hint.</summary>
public static class ComponentRules
{
    public const int MinRetireReason = 10;
    public const string RetireReasonMessage = "Retire reason must be at least 10 characters";
    public const string ReclassifyMessage = "Only components with no progress can change type";
    public const string RenumberCollisionMessage = "Another drawing or component already uses this number";

    /// <summary>TRK-061: the reason (trimmed) needs at least 10 characters; returns the message or null.</summary>
    public static string? ValidateRetireReason(string? reason) =>
        (reason?.Trim().Length ?? 0) < MinRetireReason ? RetireReasonMessage : null;

    /// <summary>TRK-063: "Cannot restore: an active {drawing|component} with the same identity exists".</summary>
    public static string RestoreConflictMessage(bool drawing) =>
        $"Cannot restore: an active {(drawing ? "drawing" : "component")} with the same identity exists";

    /// <summary>TRK-078: a stale version gets 409 with this message.</summary>
    public static string StaleVersionMessage(bool drawing) =>
        $"This {(drawing ? "drawing" : "component")} was changed by someone else. Review the current values and try again.";

    /// <summary>TRK-079: a new counted component takes seq = highest for its drawing, code and size + 1.</summary>
    public static int NextSeq(int? highestSeq) => (highestSeq ?? 0) + 1;

    /// <summary>TRK-079: reclassifying is allowed only while the component and its siblings are at 0%.</summary>
    public static string? ValidateReclassify(decimal componentPercent, IEnumerable<decimal> siblingPercents)
    {
        if (componentPercent != 0)
        {
            return ReclassifyMessage;
        }
        foreach (var p in siblingPercents)
        {
            if (p != 0)
            {
                return ReclassifyMessage;
            }
        }
        return null;
    }

    /// <summary>
    /// TRK-086: the hint under an aggregate's partial milestone, "{round(pct × LF ÷ 100)} LF of {LF} LF",
    /// using total_linear_feet, else original_qty; null when neither is known.
    /// </summary>
    public static string? LinearFeetHint(int percent, decimal? totalLinearFeet, decimal? originalQty)
    {
        var lf = totalLinearFeet ?? originalQty;
        if (lf is not { } feet)
        {
            return null;
        }
        var done = Math.Round(percent * feet / 100m, 0, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{done:0} LF of {ComponentIdentity.FormatFeet(feet)} LF");
    }
}
