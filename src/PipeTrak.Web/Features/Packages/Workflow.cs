using System.Globalization;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-050 canonical stages.</summary>
public enum StageKind
{
    PreHydro = 1,
    Test,
    DrainFlush,
    PostHydro,
    ProtectiveCoatings,
    Insulation,
    Final,
}

/// <summary>PKG-052 stage status.</summary>
public enum StageStatus
{
    NotStarted = 1,
    InProgress,
    Completed,
    Skipped,
}

/// <summary>PKG-054 representatives.</summary>
public enum SignOffRole
{
    Qc = 1,
    Client,
    Manufacturer,
}

/// <summary>PKG-052 actions.</summary>
public enum StageAction
{
    Start = 1,
    Complete,
    Skip,
    Reopen,
}

/// <summary>PKG-050..059 workflow rules: stage generation, sequence, sign-offs, skip and derived state.</summary>
public static class Workflow
{
    public const string StartOutOfOrderMessage = "Complete previous stages first";
    public const string CompleteOutOfOrderMessage = "Cannot complete stage: previous stage not completed or skipped";
    public const string ReopenMessage = "A stage can be reopened only while all later stages are not started";
    public const string TestTypeLockedMessage = "The workflow has started; the test type can no longer change";
    public const string StageStartedMessage = "That stage has already started";
    public const string SkipReasonMessage = "A reason is required to skip a workflow stage.";
    public const string FinalSkipMessage = "Final Package Acceptance cannot be skipped";
    public const string KeepSignOffsMessage = "A completed stage must keep its required sign-offs";
    public const string ConcurrencyMessage = "This stage was changed by someone else. Reload and try again.";
    public const string InvalidTransitionMessage = "This action is not possible in the stage's current status";
    public const int SkipReasonMax = 500;
    public const int SignOffNameMax = 100;
    public const string SignOffNameMessage = "Representative name is required (100 characters or fewer)";
    public const string SignOffDateMessage = "Sign-off date is required and cannot be in the future";

    public static string Name(this StageKind kind) => kind switch
    {
        StageKind.PreHydro => "Pre-Hydro Acceptance",
        StageKind.Test => "Test Acceptance",
        StageKind.DrainFlush => "Drain/Flush Acceptance",
        StageKind.PostHydro => "Post-Hydro Acceptance",
        StageKind.ProtectiveCoatings => "Protective Coatings Acceptance",
        StageKind.Insulation => "Insulation Acceptance",
        StageKind.Final => "Final Package Acceptance",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(this SignOffRole role) => role switch
    {
        SignOffRole.Qc => "QC Representative",
        SignOffRole.Client => "Client Representative",
        SignOffRole.Manufacturer => "Manufacturer Representative",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>PKG-050: base stages by test type, then Coatings, Insulation (when required), then Final. No test type → none.</summary>
    public static IReadOnlyList<StageKind> Stages(TestType? type, bool coating, bool insulation)
    {
        if (type is null)
        {
            return [];
        }
        List<StageKind> stages = type switch
        {
            TestType.Hydrostatic or TestType.Other => [StageKind.PreHydro, StageKind.Test, StageKind.DrainFlush, StageKind.PostHydro],
            TestType.Pneumatic => [StageKind.PreHydro, StageKind.Test, StageKind.PostHydro],
            TestType.SensitiveLeak or TestType.AlternativeLeak => [StageKind.PreHydro, StageKind.Test],
            _ => [],
        };
        if (coating)
        {
            stages.Add(StageKind.ProtectiveCoatings);
        }
        if (insulation)
        {
            stages.Add(StageKind.Insulation);
        }
        stages.Add(StageKind.Final);
        return stages;
    }

    /// <summary>PKG-051: a new test type regenerates the stages only while none has started.</summary>
    public static string? CanChangeTestType(IEnumerable<StageStatus> current) =>
        current.All(s => s == StageStatus.NotStarted) ? null : TestTypeLockedMessage;

    /// <summary>PKG-051: setting a flag inserts its stage before Final while Final is not started.</summary>
    public static string? CanSetFlag(StageStatus finalStatus) => finalStatus == StageStatus.NotStarted ? null : StageStartedMessage;

    /// <summary>PKG-051: clearing a flag removes its stage while that stage is not started.</summary>
    public static string? CanClearFlag(StageStatus stageStatus) => stageStatus == StageStatus.NotStarted ? null : StageStartedMessage;

    /// <summary>
    /// PKG-052/053: whether <paramref name="action"/> may apply to stage <paramref name="index"/> (0-based)
    /// given every stage's status in order. Sign-offs (PKG-054) and skip reasons (PKG-057) are checked separately.
    /// </summary>
    public static string? CanApply(IReadOnlyList<StageStatus> stages, int index, StageAction action)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, stages.Count);
        var status = stages[index];
        var earlierDone = stages.Take(index).All(s => s is StageStatus.Completed or StageStatus.Skipped);
        return action switch
        {
            StageAction.Start when status != StageStatus.NotStarted => InvalidTransitionMessage,
            StageAction.Start => earlierDone ? null : StartOutOfOrderMessage,
            StageAction.Complete or StageAction.Skip when status is not (StageStatus.NotStarted or StageStatus.InProgress) => InvalidTransitionMessage,
            StageAction.Complete or StageAction.Skip => earlierDone ? null : CompleteOutOfOrderMessage,
            StageAction.Reopen when status != StageStatus.Completed => InvalidTransitionMessage,
            StageAction.Reopen => stages.Skip(index + 1).All(s => s == StageStatus.NotStarted) ? null : ReopenMessage,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    /// <summary>PKG-052: the status an allowed action leads to.</summary>
    public static StageStatus After(StageAction action) => action switch
    {
        StageAction.Start or StageAction.Reopen => StageStatus.InProgress,
        StageAction.Complete => StageStatus.Completed,
        StageAction.Skip => StageStatus.Skipped,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>PKG-054: the sign-offs a stage requires, in display order.</summary>
    public static IReadOnlyList<SignOffRole> RequiredSignOffs(StageKind kind) => kind switch
    {
        StageKind.Test => [SignOffRole.Qc, SignOffRole.Client],
        StageKind.Final => [SignOffRole.Qc, SignOffRole.Client, SignOffRole.Manufacturer],
        _ => [SignOffRole.Qc],
    };

    /// <summary>PKG-054: null when every required sign-off is present, else the message listing only the missing ones.</summary>
    public static string? MissingSignOffs(StageKind kind, IEnumerable<SignOffRole> present)
    {
        var have = present.ToHashSet();
        var missing = RequiredSignOffs(kind).Where(r => !have.Contains(r)).Select(r => r.Label()).ToList();
        return missing.Count switch
        {
            0 => null,
            1 => $"{missing[0]} sign-off is required",
            2 => $"{missing[0]} and {missing[1]} sign-offs are required",
            _ => $"{string.Join(", ", missing.Take(missing.Count - 1))} and {missing[^1]} sign-offs are required",
        };
    }

    /// <summary>PKG-058: an edit of a completed stage may replace a required sign-off, never remove it.</summary>
    public static string? CanEditSignOffs(StageKind kind, StageStatus status, IEnumerable<SignOffRole> after) =>
        status == StageStatus.Completed && MissingSignOffs(kind, after) is not null ? KeepSignOffsMessage : null;

    /// <summary>PKG-055: name required (≤ 100), date required and not in the future.</summary>
    public static string? ValidateSignOff(string? name, DateOnly? date, DateOnly today)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is 0 or > SignOffNameMax ? SignOffNameMessage
            : date is null || date > today ? SignOffDateMessage
            : null;
    }

    /// <summary>PKG-057: a trimmed reason (1-500) is required; Final cannot be skipped.</summary>
    public static string? ValidateSkip(StageKind kind, string? reason)
    {
        if (kind == StageKind.Final)
        {
            return FinalSkipMessage;
        }
        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length is 0 or > SkipReasonMax ? SkipReasonMessage : null;
    }

    /// <summary>PKG-059: round((completed + skipped) ÷ stages × 100); 0 without stages.</summary>
    public static int Percent(IReadOnlyCollection<StageStatus> stages) =>
        stages.Count == 0 ? 0
        : (int)Math.Round(100m * stages.Count(Done) / stages.Count, 0, MidpointRounding.AwayFromZero);

    /// <summary>PKG-059: index of the first stage neither completed nor skipped; null when none.</summary>
    public static int? CurrentStage(IReadOnlyList<StageStatus> stages)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (!Done(stages[i]))
            {
                return i;
            }
        }
        return null;
    }

    /// <summary>PKG-059: FINAL once every stage is completed or skipped (and there is at least one), else DRAFT.</summary>
    public static bool IsFinal(IReadOnlyList<StageStatus> stages) => stages.Count > 0 && CurrentStage(stages) is null;

    public static string StateLabel(IReadOnlyList<StageStatus> stages) => IsFinal(stages) ? "FINAL" : "DRAFT";

    private static bool Done(StageStatus s) => s is StageStatus.Completed or StageStatus.Skipped;
}

/// <summary>PKG-041/042 certificate rules.</summary>
public static class CertificateRules
{
    public const string PressureRequiredMessage = "Test pressure is required";
    public const string MediaRequiredMessage = "Test media is required";
    public const string TemperatureRequiredMessage = "Temperature is required";
    public const string PressurePositiveMessage = "Test pressure must be greater than 0";
    public const string TemperatureMessage = "Temperature must be above −273";
    public const string KelvinMessage = "Temperature must be above 0 K";
    public const string TextTooLongMessage = "{0} must be {1} characters or fewer";

    /// <summary>PKG-041: PKG- + (highest + 1), padded to 3 digits, wider when needed.</summary>
    public static string NextNumber(IEnumerable<string> existing)
    {
        var highest = 0;
        foreach (var number in existing)
        {
            if (number.StartsWith("PKG-", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(number.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                highest = Math.Max(highest, n);
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"PKG-{highest + 1:000}");
    }

    /// <summary>
    /// PKG-040/042: a draft accepts any subset but each given value must be valid; a submit also needs
    /// pressure, media and temperature. Units: temperature F (default), C or K.
    /// </summary>
    public static Dictionary<string, string> Validate(
        decimal? pressure, string? media, decimal? temperature, string? temperatureUnit, bool submit)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pressure is null)
        {
            if (submit)
            {
                errors["TestPressure"] = PressureRequiredMessage;
            }
        }
        else if (pressure <= 0)
        {
            errors["TestPressure"] = PressurePositiveMessage;
        }

        var m = media?.Trim() ?? "";
        if (m.Length == 0)
        {
            if (submit)
            {
                errors["TestMedia"] = MediaRequiredMessage;
            }
        }
        else if (m.Length > 100)
        {
            errors["TestMedia"] = string.Format(CultureInfo.InvariantCulture, TextTooLongMessage, "Test media", 100);
        }

        if (temperature is null)
        {
            if (submit)
            {
                errors["Temperature"] = TemperatureRequiredMessage;
            }
        }
        else if (string.Equals(temperatureUnit?.Trim(), "K", StringComparison.OrdinalIgnoreCase))
        {
            if (temperature <= 0)
            {
                errors["Temperature"] = KelvinMessage;
            }
        }
        else if (temperature <= -273)
        {
            errors["Temperature"] = TemperatureMessage;
        }
        return errors;
    }
}
