using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>The three metadata fields a drawing hands down to its components (TRK-073).</summary>
public enum DrawingField
{
    Area = 1,
    System = 2,
    Package = 3,
}

public enum FieldChoiceKind
{
    NoChange = 0,
    None = 1,
    Value = 2,
    /// <summary>TRK-077 "Create new…": a name to create first, then assign.</summary>
    New = 3,
}

/// <summary>TRK-074: per field <b>No change</b>, <b>None</b> or a value (and TRK-077 a new name).</summary>
public readonly record struct FieldChoice(FieldChoiceKind Kind, Guid? Id = null, string? NewName = null)
{
    public const string NoChangeCode = "no_change";
    public const string NoneCode = "none";
    public const string NewCode = "new";

    public static readonly FieldChoice NoChange = new(FieldChoiceKind.NoChange);
    public static readonly FieldChoice None = new(FieldChoiceKind.None);

    public static FieldChoice Of(Guid id) => new(FieldChoiceKind.Value, id);

    /// <summary>
    /// Form/API value: absent or <c>no_change</c> = no change; empty or <c>none</c> = none; <c>new</c> =
    /// create <paramref name="newName"/>; a guid = that value. Anything else is null (invalid).
    /// </summary>
    public static FieldChoice? Parse(string? raw, string? newName = null)
    {
        if (raw is null)
        {
            return NoChange;
        }
        var value = raw.Trim();
        if (value.Length == 0 || string.Equals(value, NoneCode, StringComparison.OrdinalIgnoreCase))
        {
            return None;
        }
        if (string.Equals(value, NoChangeCode, StringComparison.OrdinalIgnoreCase))
        {
            return NoChange;
        }
        if (string.Equals(value, NewCode, StringComparison.OrdinalIgnoreCase))
        {
            return new FieldChoice(FieldChoiceKind.New, NewName: newName);
        }
        return Guid.TryParse(value, out var id) ? Of(id) : null;
    }

    /// <summary>The value to store when this choice applies (<c>null</c> = none).</summary>
    public Guid? Target => Kind == FieldChoiceKind.Value ? Id : null;

    /// <summary>TRK-073: a field changes only when the choice differs from the current value.</summary>
    public bool Changes(Guid? current) => Kind switch
    {
        FieldChoiceKind.None => current is not null,
        FieldChoiceKind.Value => current != Id,
        _ => false,
    };
}

/// <summary>TRK-073/074: what an edit or a bulk assignment changed.</summary>
public sealed record FieldCounts(int Area, int System, int Package)
{
    public static readonly FieldCounts Zero = new(0, 0, 0);

    public int this[DrawingField field] => field switch
    {
        DrawingField.Area => Area,
        DrawingField.System => System,
        _ => Package,
    };

    public FieldCounts With(DrawingField field, int count) => field switch
    {
        DrawingField.Area => this with { Area = count },
        DrawingField.System => this with { System = count },
        _ => this with { Package = count },
    };
}

/// <summary>TRK-073 result of one drawing edit.</summary>
public sealed record PropagationResult(bool DrawingUpdated, FieldCounts ComponentsUpdated);

/// <summary>TRK-074 result: drawings updated, and drawings and components updated per field.</summary>
public sealed record BulkAssignResult(int DrawingsUpdated, FieldCounts DrawingsPerField, FieldCounts ComponentsUpdated)
{
    /// <summary>The summary shown after a bulk assignment.</summary>
    public string Summary =>
        $"{DrawingsUpdated} {(DrawingsUpdated == 1 ? "drawing" : "drawings")} updated; components updated: " +
        $"area {ComponentsUpdated.Area}, system {ComponentsUpdated.System}, package {ComponentsUpdated.Package}";
}

/// <summary>Pure drawing rules and their messages (spec wording verbatim).</summary>
public static class DrawingRules
{
    /// <summary>TRK-074.</summary>
    public const int BulkLimit = 50;
    public const string BulkLimitMessage = "Select at most 50 drawings";
    public const string BulkEmptyMessage = "Select at least one drawing";

    /// <summary>TRK-061.</summary>
    public const int RetireReasonMinLength = 10;
    public const string RetireReasonMessage = "Retire reason must be at least 10 characters";

    /// <summary>TRK-078.</summary>
    public const string ConflictMessage = "This drawing was changed by someone else. Review the current values and try again.";

    /// <summary>TRK-063.</summary>
    public const string RestoreDrawingCollision = "Cannot restore: an active drawing with the same identity exists";
    public const string RestoreComponentCollision = "Cannot restore: an active component with the same identity exists";

    /// <summary>TRK-060: retired drawings are read-only.</summary>
    public const string RetiredReadOnly = "This drawing is retired and read-only. Restore it to make changes.";
    public const string RetiredInSelection = "Retired drawings are read-only: remove them from the selection or restore them first.";

    public const int TitleMaxLength = 300;
    public const int RevisionMaxLength = 32;
    public const string TitleTooLong = "Title must be 300 characters or fewer";
    public const string RevisionTooLong = "Revision must be 32 characters or fewer";
    public const string InvalidChoice = "Choose (None), an existing name or Create new…";

    public static string? ValidateRetireReason(string? reason) =>
        (reason?.Trim().Length ?? 0) < RetireReasonMinLength ? RetireReasonMessage : null;

    /// <summary>TRK-074: null when the selection size is allowed.</summary>
    public static string? ValidateSelection(int count) => count switch
    {
        0 => BulkEmptyMessage,
        > BulkLimit => BulkLimitMessage,
        _ => null,
    };

    /// <summary>Status filter codes used in URLs and the API (TRK-050 thresholds).</summary>
    public static ProgressStatus? ParseStatus(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "not_started" => ProgressStatus.NotStarted,
        "in_progress" => ProgressStatus.InProgress,
        "complete" => ProgressStatus.Complete,
        _ => null,
    };

    public static string Code(this ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => "not_started",
        ProgressStatus.InProgress => "in_progress",
        _ => "complete",
    };

    public static string Label(this DrawingField field) => field switch
    {
        DrawingField.Area => "Area",
        DrawingField.System => "System",
        _ => "Test package",
    };
}
