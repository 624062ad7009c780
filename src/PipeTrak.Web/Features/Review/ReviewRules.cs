using System.Globalization;
using System.Text;
using System.Text.Json;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Web.Features.Review;

/// <summary>WLD-071: how old a pending item looks (under 1 day gray, 1-3 days amber, over 3 days red).</summary>
public enum ReviewAge
{
    Gray,
    Amber,
    Red,
}

/// <summary>WLD-070/071: who sees and resolves which review item, ages, notes and payload summaries (pure).</summary>
public static class ReviewRules
{
    public const string NoteTooLongMessage = "Note must be 500 characters or fewer";
    public const string AlreadyHandledMessage = "This review item was already handled. Reload the list.";
    public const string NotFoundMessage = "The review item does not exist.";
    public const string WeldCompletedForbiddenMessage = "You don't have permission to resolve weld completed items. Only QC inspectors review completed welds.";

    public static readonly IReadOnlyList<string> Types =
    [
        ReviewItemTypes.WeldCompleted, ReviewItemTypes.VerifyWelder, ReviewItemTypes.SimilarDrawing, ReviewItemTypes.CreditAtRisk, ReviewItemTypes.NdePenalty,
    ];

    public static readonly IReadOnlyList<string> Statuses = [ReviewItemTypes.Pending, ReviewItemTypes.Resolved, ReviewItemTypes.Ignored];

    /// <summary>WLD-071: only QC inspectors see <c>weld_completed</c>; other types are visible to every member.</summary>
    public static bool CanSee(OrgRole? role, string type) =>
        role is not null && (type != ReviewItemTypes.WeldCompleted || role == OrgRole.QcInspector);

    /// <summary>WLD-071 / PPL-040 row 5: <c>weld_completed</c> by QC inspectors only; other types by owner/admin/PM/QC.</summary>
    public static bool CanResolve(OrgRole? role, string type) =>
        role is { } r && (type == ReviewItemTypes.WeldCompleted ? r == OrgRole.QcInspector : PermissionMatrix.Allows(r, Permission.QualityControl));

    /// <summary>The types a role sees (for queries).</summary>
    public static IReadOnlyList<string> VisibleTypes(OrgRole? role) => [.. Types.Where(t => CanSee(role, t))];

    /// <summary>WLD-071: under 1 day gray, 1 to 3 days amber, over 3 days red.</summary>
    public static ReviewAge Age(DateTime createdAtUtc, DateTime nowUtc)
    {
        var age = nowUtc - createdAtUtc;
        return age < TimeSpan.FromDays(1) ? ReviewAge.Gray : age <= TimeSpan.FromDays(3) ? ReviewAge.Amber : ReviewAge.Red;
    }

    /// <summary>"3 h", "2 d": the age as shown next to the colour.</summary>
    public static string AgeText(DateTime createdAtUtc, DateTime nowUtc)
    {
        var age = nowUtc - createdAtUtc;
        return age < TimeSpan.FromHours(1) ? $"{Math.Max(0, (int)age.TotalMinutes)} min"
            : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h"
            : $"{(int)age.TotalDays} d";
    }

    /// <summary>WLD-071: the optional note is at most 500 characters (trimmed); blank is no note.</summary>
    public static string? ValidateNote(string? note) => note?.Trim().Length > ReviewItem.NoteMaxLength ? NoteTooLongMessage : null;

    public static string TypeLabel(string type) => type switch
    {
        ReviewItemTypes.WeldCompleted => "Weld completed",
        ReviewItemTypes.VerifyWelder => "Verify welder",
        ReviewItemTypes.SimilarDrawing => "Similar drawing",
        ReviewItemTypes.CreditAtRisk => "Credit at risk",
        ReviewItemTypes.NdePenalty => "NDE penalty",
        _ => type,
    };

    /// <summary>
    /// One line out of the item's payload. <c>weld_completed</c> (WLD-021): "Weld 7-A on ISO-1 by AB-1 – Al Burke,
    /// welded 2026-03-02 (BW, NDE required)"; other types: their payload fields as "key: value" pairs.
    /// </summary>
    public static string Summary(string type, string? payload)
    {
        Dictionary<string, string> fields;
        try
        {
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(payload) ? "{}" : payload);
            fields = json.RootElement.ValueKind == JsonValueKind.Object
                ? json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value), StringComparer.OrdinalIgnoreCase)
                : [];
        }
        catch (JsonException)
        {
            return "";
        }
        if (type == ReviewItemTypes.WeldCompleted)
        {
            var text = new StringBuilder($"Weld {Get(fields, "weldNumber")}");
            if (Get(fields, "drawing") is { Length: > 0 } drawing)
            {
                text.Append(" on ").Append(drawing);
            }
            if (Get(fields, "welderStencil") is { Length: > 0 } stencil)
            {
                text.Append(" by ").Append(WelderRules.Display(stencil, Get(fields, "welderName")));
            }
            if (Get(fields, "dateWelded") is { Length: > 0 } date)
            {
                text.Append(", welded ").Append(date);
            }
            var type2 = Get(fields, "weldType");
            var nde = Get(fields, "ndeRequired") == "true" ? "NDE required" : "no NDE required";
            text.Append(" (").Append(type2.Length > 0 ? type2 + ", " : "").Append(nde).Append(')');
            return text.ToString();
        }
        return string.Join("; ", fields.Where(f => f.Value.Length > 0).Select(f => $"{f.Key}: {f.Value}"));
    }

    private static string Get(Dictionary<string, string> fields, string name) => fields.GetValueOrDefault(name) ?? "";

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>Invariant "yyyy-MM-dd HH:mm" UTC for who/when lines.</summary>
    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
