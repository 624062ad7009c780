using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>TRK-043: the action an applied change records. Codes are stable API values.</summary>
public enum MilestoneEventAction
{
    Complete = 1,
    Update = 2,
    Rollback = 3,
}

public static class MilestoneEventActions
{
    public static string Code(this MilestoneEventAction action) => action switch
    {
        MilestoneEventAction.Complete => "complete",
        MilestoneEventAction.Update => "update",
        MilestoneEventAction.Rollback => "rollback",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

/// <summary>Why a milestone update was refused (the caller maps these to status codes).</summary>
public enum MilestoneUpdateError
{
    Retired = 1,
    UnknownMilestone,
    OutOfRange,
    DiscreteOnly,
    WelderRequired,
    ClearNdeFirst,
    ReasonRequired,
    DetailsRequired,

    /// <summary>FLD-030: the base value differs from the stored value (409 with the current value).</summary>
    Conflict,
}

public enum MilestoneUpdateOutcome
{
    Refused = 1,

    /// <summary>TRK-046/FLD-030: the stored value already equals the requested one: no event.</summary>
    NoOp,
    Apply,
}

/// <summary>Everything the pure decision needs, loaded by the command (TRK-040 inputs + current state).</summary>
/// <param name="Type">The component's type (used in messages).</param>
/// <param name="Template">The component's effective template (TRK-023).</param>
/// <param name="IsRetired">TRK-041 step 3.</param>
/// <param name="Milestone">The milestone name, matched exactly.</param>
/// <param name="Value">The requested value as received (decimal so that fractions can be refused).</param>
/// <param name="Current">The stored value, or null when never set.</param>
/// <param name="BaseValue">FLD-030 base value, when the client sent one.</param>
/// <param name="BudgetedManhours">The component's budgeted MH (0 without a budget), for TRK-044.</param>
/// <param name="HasWelder">TRK-048: a welder is assigned (welds only).</param>
/// <param name="HasNdeResult">TRK-048/WLD-023: an NDE result exists (welds only).</param>
public sealed record MilestoneUpdateRequest(
    ComponentType Type,
    IReadOnlyList<TemplateRow> Template,
    bool IsRetired,
    string Milestone,
    decimal Value,
    MilestoneValue? Current,
    int? BaseValue = null,
    string? RollbackReason = null,
    string? RollbackDetails = null,
    decimal BudgetedManhours = 0m,
    bool HasWelder = false,
    bool HasNdeResult = false);

/// <summary>The decision: refused (with the first failing check's message), a no-op, or an event to write.</summary>
public sealed record MilestoneUpdateDecision
{
    public required MilestoneUpdateOutcome Outcome { get; init; }

    public MilestoneUpdateError? Error { get; init; }

    /// <summary>The exact spec message when refused.</summary>
    public string? Message { get; init; }

    public TemplateRow? Row { get; init; }

    public MilestoneValue NewValue { get; init; }

    /// <summary>TRK-043/TRK-044: null when never set.</summary>
    public MilestoneValue? Previous { get; init; }

    public MilestoneEventAction? Action { get; init; }

    /// <summary>TRK-044: 4 dp.</summary>
    public decimal DeltaManhours { get; init; }

    public string? RollbackReason { get; init; }

    public string? RollbackDetails { get; init; }

    /// <summary>TRK-048: lowering Weld Complete is the Clear Assignment command (WLD-023).</summary>
    public bool ClearsWelderAssignment { get; init; }

    public bool IsApplied => Outcome == MilestoneUpdateOutcome.Apply;
}

/// <summary>
/// TRK-041..046, TRK-048, FLD-030/031: the pure part of the milestone update command. Checks 1-2
/// (organization → 404, role → 403) belong to the caller, which loads the component through the
/// tenant filter and checks the permission before calling <see cref="Decide"/>.
/// </summary>
public static class MilestoneUpdateRules
{
    public const string ForbiddenMessage = "You don't have permission to update milestones";
    public const string RetiredMessage = "Retired components cannot be updated";
    public const string WelderRequiredMessage = "Assign a welder before marking Weld Complete";
    public const string ClearNdeFirstMessage = "Clear the NDE result first";
    public const string IdempotencyMismatchMessage = "Idempotency key reused with different content";

    /// <summary>TRK-046: identical requests by the same user within this window write nothing.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromSeconds(5);

    /// <summary>FLD-031 accepted device-time window.</summary>
    public static readonly TimeSpan OccurredAtPast = TimeSpan.FromDays(7);
    public static readonly TimeSpan OccurredAtFuture = TimeSpan.FromMinutes(5);

    public static string UnknownMilestoneMessage(string name, ComponentType type) =>
        $"Milestone '{name}' is not part of the {type.Label()} rules of credit";

    public static string DiscreteOnlyMessage(string name) => $"'{name}' can only be 0 or 100";

    /// <summary>TRK-041 steps 3-9, in order; the first failure answers.</summary>
    public static MilestoneUpdateDecision Decide(MilestoneUpdateRequest request)
    {
        // 3. Not retired.
        if (request.IsRetired)
        {
            return Refuse(MilestoneUpdateError.Retired, RetiredMessage);
        }
        // 4. Milestone exists (exact name, TRK-021).
        var row = DefaultTemplates.Find(request.Template, request.Milestone);
        if (row is null)
        {
            return Refuse(MilestoneUpdateError.UnknownMilestone, UnknownMilestoneMessage(request.Milestone, request.Type));
        }
        // 5. In range (whole number 0-100, TRK-020).
        if (!MilestoneValue.TryCreate(request.Value, out var value, out var rangeError))
        {
            return Refuse(MilestoneUpdateError.OutOfRange, rangeError);
        }
        // 6. Discrete gets 0 or 100.
        if (row.IsDiscrete && !(value.IsZero || value.IsComplete))
        {
            return Refuse(MilestoneUpdateError.DiscreteOnly, DiscreteOnlyMessage(row.Name));
        }
        var stored = request.Current ?? MilestoneValue.Zero;
        var lowering = value < stored;
        // 7. TRK-048 requires welder.
        var clearsAssignment = false;
        if (row.RequiresWelder)
        {
            if (value.IsComplete && !request.HasWelder)
            {
                return Refuse(MilestoneUpdateError.WelderRequired, WelderRequiredMessage);
            }
            if (lowering)
            {
                if (request.HasNdeResult)
                {
                    return Refuse(MilestoneUpdateError.ClearNdeFirst, ClearNdeFirstMessage);
                }
                clearsAssignment = true;
            }
        }
        // 8. TRK-042 a decrease needs a reason.
        string? reason = null;
        string? details = null;
        if (lowering)
        {
            var reasonError = RollbackReasons.Validate(request.RollbackReason, request.RollbackDetails);
            if (reasonError is not null)
            {
                return Refuse(
                    reasonError == RollbackReasons.ReasonRequiredMessage ? MilestoneUpdateError.ReasonRequired : MilestoneUpdateError.DetailsRequired,
                    reasonError);
            }
            reason = request.RollbackReason;
            details = string.IsNullOrWhiteSpace(request.RollbackDetails) ? null : request.RollbackDetails.Trim();
        }
        // 9. FLD-030: equal value → successful no-op (TRK-046); else a differing base value → conflict.
        // An absent value counts as 0, so setting 0 on a never-set milestone is a no-op too.
        if (value == stored)
        {
            return new MilestoneUpdateDecision { Outcome = MilestoneUpdateOutcome.NoOp, Row = row, NewValue = stored, Previous = request.Current };
        }
        if (request.BaseValue is { } baseValue && baseValue != stored.Value)
        {
            return new MilestoneUpdateDecision
            {
                Outcome = MilestoneUpdateOutcome.Refused,
                Error = MilestoneUpdateError.Conflict,
                Row = row,
                NewValue = value,
                Previous = request.Current,
            };
        }
        return new MilestoneUpdateDecision
        {
            Outcome = MilestoneUpdateOutcome.Apply,
            Row = row,
            NewValue = value,
            Previous = request.Current,
            Action = ActionFor(request.Current, value),
            DeltaManhours = DeltaManhours(request.BudgetedManhours, row.Weight, request.Current, value),
            RollbackReason = reason,
            RollbackDetails = details,
            ClearsWelderAssignment = clearsAssignment,
        };
    }

    /// <summary>
    /// TRK-043: <c>complete</c> when the milestone was never set before, <c>rollback</c> when the value
    /// goes down, <c>update</c> otherwise.
    /// </summary>
    public static MilestoneEventAction ActionFor(MilestoneValue? previous, MilestoneValue value) =>
        previous is null ? MilestoneEventAction.Complete
        : value < previous.Value ? MilestoneEventAction.Rollback
        : MilestoneEventAction.Update;

    /// <summary>
    /// TRK-044: delta MH = budgeted MH × weight ÷ 100 × (new − previous) ÷ 100 at 4 dp (half away from
    /// zero); a never-set previous value counts as 0, so a rollback gives a negative value.
    /// </summary>
    public static decimal DeltaManhours(decimal budgetedManhours, int weight, MilestoneValue? previous, MilestoneValue value)
    {
        var change = value.Value - (previous?.Value ?? 0);
        return Math.Round(budgetedManhours * weight * change / 10_000m, 4, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// TRK-046: a request identical (component, milestone, value) to one by the same user that produced
    /// an event within the last 5 s writes nothing.
    /// </summary>
    public static bool IsRecentDuplicate(DateTimeOffset previousEventRecordedAt, DateTimeOffset now) =>
        now - previousEventRecordedAt <= DuplicateWindow && now >= previousEventRecordedAt;

    /// <summary>FLD-031: the device time is accepted between server − 7 days and server + 5 minutes; otherwise server time.</summary>
    public static DateTimeOffset OccurredAt(DateTimeOffset? deviceTime, DateTimeOffset serverTime) =>
        deviceTime is { } device && device >= serverTime - OccurredAtPast && device <= serverTime + OccurredAtFuture
            ? device
            : serverTime;

    private static MilestoneUpdateDecision Refuse(MilestoneUpdateError error, string message) =>
        new() { Outcome = MilestoneUpdateOutcome.Refused, Error = error, Message = message };
}
