using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Web.Features.Welds;

/// <summary>What the lifecycle guards need to know about a weld (WLD-020..058).</summary>
public sealed record WeldState(
    bool IsRetired,
    bool HasWelder,
    DateOnly? DateWelded,
    NdeResult? NdeResult,
    bool HasRepair);

/// <summary>
/// WLD-020..058: the guards of every weld command, as pure functions returning the first failing
/// message (null = allowed). Each command checks retirement first ("Retired welds cannot be changed").
/// Dates are project-local calendar dates; <c>today</c> is the project's today.
/// </summary>
public static class WeldRules
{
    public const string RetiredMessage = "Retired welds cannot be changed";
    public const string AlreadyAssignedMessage = "A welder is already assigned. Use Edit Assignment.";
    public const string NotAssignedMessage = "No welder is assigned. Use Assign Welder.";
    public const string WelderRequiredMessage = "Select a welder";
    public const string DateRequiredMessage = "Date welded is required";
    public const string FutureDateMessage = "Date welded cannot be in the future";
    public const string ClearNdeFirstMessage = "Clear the NDE result first";
    public const string NdeNeedsWelderMessage = "Cannot record NDE: welder must be assigned first";
    public const string NdeAlreadyRecordedMessage = "NDE result already recorded. Use Update NDE to change it.";
    public const string NoNdeMessage = "No NDE result is recorded. Use Record NDE.";
    public const string NdeFutureMessage = "NDE date cannot be in the future";
    public const string NdeBeforeWeldMessage = "NDE date cannot be before the weld date";
    public const string RepairLockMessage = "A repair weld exists for this weld; its NDE result can no longer be changed";
    public const string WeldedCannotMoveMessage = "A welded weld cannot move to another drawing";
    public const string RetireReasonMessage = "Retire reason must be at least 10 characters";
    public const string RetireWithRepairsMessage = "Cannot retire a weld that has repair welds";
    public const string AlreadyRetiredMessage = "Weld is already retired";
    public const string DeleteWithRepairsMessage = "Cannot delete a weld that has repair welds";
    public const string XRayMessage = "X-ray % must be between 0 and 100";
    public const string NdeNotesMessage = "NDE notes must be 1,000 characters or fewer";
    public const int RetireReasonMin = 10;
    public const int NdeNotesMax = 1000;
    public const decimal DefaultXRay = 5.0m;

    /// <summary>WLD-020.</summary>
    public static string? CanAssign(WeldState weld, bool welderGiven, DateOnly? dateWelded, DateOnly today) =>
        weld.IsRetired ? RetiredMessage
        : weld.HasWelder ? AlreadyAssignedMessage
        : !welderGiven ? WelderRequiredMessage
        : CheckWeldDate(dateWelded, today);

    /// <summary>WLD-022: allowed with an NDE result (to correct the welder).</summary>
    public static string? CanEditAssignment(WeldState weld, bool welderGiven, DateOnly? dateWelded, DateOnly today) =>
        weld.IsRetired ? RetiredMessage
        : !weld.HasWelder ? NotAssignedMessage
        : !welderGiven ? WelderRequiredMessage
        : CheckWeldDate(dateWelded, today);

    /// <summary>WLD-023 (and WLD-034: a repaired weld has a FAIL result, so it is refused here too).</summary>
    public static string? CanClearAssignment(WeldState weld, string? rollbackReason, string? rollbackDetails) =>
        weld.IsRetired ? RetiredMessage
        : !weld.HasWelder ? NotAssignedMessage
        : weld.NdeResult is not null || weld.HasRepair ? ClearNdeFirstMessage
        : RollbackReasons.Validate(rollbackReason, rollbackDetails);

    /// <summary>WLD-030.</summary>
    public static string? CanRecordNde(WeldState weld, DateOnly ndeDate, string? notes, DateOnly today) =>
        weld.IsRetired ? RetiredMessage
        : !weld.HasWelder ? NdeNeedsWelderMessage
        : weld.NdeResult is not null ? NdeAlreadyRecordedMessage
        : CheckNde(weld, ndeDate, notes, today);

    /// <summary>WLD-032/034: changing a PASS or FAIL result needs a rollback reason.</summary>
    public static string? CanUpdateNde(
        WeldState weld, NdeResult newResult, DateOnly ndeDate, string? notes, DateOnly today, string? rollbackReason, string? rollbackDetails) =>
        weld.IsRetired ? RetiredMessage
        : weld.HasRepair ? RepairLockMessage
        : weld.NdeResult is null ? NoNdeMessage
        : CheckNde(weld, ndeDate, notes, today)
          ?? (weld.NdeResult is NdeResult.Pass or NdeResult.Fail && newResult != weld.NdeResult
              ? RollbackReasons.Validate(rollbackReason, rollbackDetails)
              : null);

    /// <summary>WLD-033/034.</summary>
    public static string? CanClearNde(WeldState weld, string? rollbackReason, string? rollbackDetails) =>
        weld.IsRetired ? RetiredMessage
        : weld.HasRepair ? RepairLockMessage
        : weld.NdeResult is null ? NoNdeMessage
        : RollbackReasons.Validate(rollbackReason, rollbackDetails);

    /// <summary>WLD-056: the target drawing's existence is checked by the caller ("Drawing not found").</summary>
    public static string? CanReassignDrawing(WeldState weld) =>
        weld.IsRetired ? RetiredMessage
        : weld.HasWelder || weld.DateWelded is not null ? WeldedCannotMoveMessage
        : null;

    /// <summary>WLD-057 (WLD-034: a repaired weld cannot be retired).</summary>
    public static string? CanRetire(WeldState weld, string? reason) =>
        weld.IsRetired ? AlreadyRetiredMessage
        : weld.HasRepair ? RetireWithRepairsMessage
        : (reason?.Trim().Length ?? 0) < RetireReasonMin ? RetireReasonMessage
        : null;

    /// <summary>WLD-058.</summary>
    public static string? CanDelete(WeldState weld) => weld.HasRepair ? DeleteWithRepairsMessage : null;

    /// <summary>WLD-050/055: x-ray % is 0-100.</summary>
    public static string? ValidateXRay(decimal? xRay) => xRay is null or < 0 or > 100 ? XRayMessage : null;

    // ---- milestone effects (each change is a normal milestone update with its own event) ----

    /// <summary>WLD-020: Fit-up and Weld Complete go to 100 (70% with the default template).</summary>
    public static IReadOnlyDictionary<string, int> AssignEffect() =>
        new Dictionary<string, int>(StringComparer.Ordinal) { [DefaultTemplates.FitUp] = 100, [DefaultTemplates.WeldComplete] = 100 };

    /// <summary>WLD-023: Weld Complete goes to 0; Fit-up stays.</summary>
    public static IReadOnlyDictionary<string, int> ClearAssignmentEffect() =>
        new Dictionary<string, int>(StringComparer.Ordinal) { [DefaultTemplates.WeldComplete] = 0 };

    /// <summary>
    /// WLD-031/032/033: PASS and FAIL set every milestone to 100; PENDING changes nothing, unless the weld
    /// had a PASS or FAIL before (or the result is cleared): then it reverts to Fit-up and Weld Complete
    /// at 100 and everything else at 0.
    /// </summary>
    public static IReadOnlyDictionary<string, int> NdeEffect(NdeResult? previous, NdeResult? next, IEnumerable<string> milestones)
    {
        var names = milestones.ToList();
        if (next is NdeResult.Pass or NdeResult.Fail)
        {
            return names.ToDictionary(n => n, _ => 100, StringComparer.Ordinal);
        }
        if (previous is NdeResult.Pass or NdeResult.Fail)
        {
            return names.ToDictionary(
                n => n,
                n => n is DefaultTemplates.FitUp or DefaultTemplates.WeldComplete ? 100 : 0,
                StringComparer.Ordinal);
        }
        return new Dictionary<string, int>(StringComparer.Ordinal);
    }

    /// <summary>WLD-043: a new repair starts with Fit-up at 100 (10% with the default template).</summary>
    public static IReadOnlyDictionary<string, int> RepairStartEffect() =>
        new Dictionary<string, int>(StringComparer.Ordinal) { [DefaultTemplates.FitUp] = 100 };

    private static string? CheckWeldDate(DateOnly? dateWelded, DateOnly today) =>
        dateWelded is null ? DateRequiredMessage
        : dateWelded > today ? FutureDateMessage
        : null;

    private static string? CheckNde(WeldState weld, DateOnly ndeDate, string? notes, DateOnly today) =>
        ndeDate > today ? NdeFutureMessage
        : weld.DateWelded is { } welded && ndeDate < welded ? NdeBeforeWeldMessage
        : notes is { Length: > NdeNotesMax } ? NdeNotesMessage
        : null;
}
