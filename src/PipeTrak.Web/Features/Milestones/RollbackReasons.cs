using System.Diagnostics.CodeAnalysis;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>TRK-042: the reasons a milestone may be lowered. Codes are stable API values.</summary>
public static class RollbackReasons
{
    public const string DataEntryError = "data_entry_error";
    public const string QcRejection = "qc_rejection";
    public const string FailedInspection = "failed_inspection";
    public const string MaterialDefect = "material_defect";
    public const string EngineeringChange = "engineering_change";
    public const string CustomerRequest = "customer_request";
    public const string DamageAfterCompletion = "damage_after_completion";
    public const string IncorrectWelder = "incorrect_welder";
    public const string Other = "other";

    public const string ReasonRequiredMessage = "A reason is required to lower a milestone";
    public const string DetailsMessage = "Describe the reason (10-500 characters)";
    public const int MinDetails = 10;
    public const int MaxDetails = 500;

    public static readonly IReadOnlyList<string> All =
    [
        DataEntryError, QcRejection, FailedInspection, MaterialDefect, EngineeringChange,
        CustomerRequest, DamageAfterCompletion, IncorrectWelder, Other,
    ];

    public static bool IsValid([NotNullWhen(true)] string? code) => code is not null && All.Contains(code, StringComparer.Ordinal);

    /// <summary>
    /// TRK-042: validates a rollback's reason and details; returns the message of the first failure or
    /// null. A missing or unknown code needs a reason; <c>other</c> needs 10-500 characters of details
    /// (trimmed). Details given with another reason are optional but also capped at 500 characters.
    /// </summary>
    public static string? Validate(string? reason, string? details)
    {
        if (!IsValid(reason))
        {
            return ReasonRequiredMessage;
        }
        var length = details?.Trim().Length ?? 0;
        if (reason == Other && length < MinDetails)
        {
            return DetailsMessage;
        }
        return length > MaxDetails ? DetailsMessage : null;
    }
}
