using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>
/// WLD-001: the weld record of a <c>field_weld</c> component (1:1, created in the same transaction).
/// The component holds the number (identity), drawing, area, system, package, milestones and percent;
/// this record holds what only a weld has. Retirement lives on the component.
/// </summary>
public sealed class Weld : ITenantOwned
{
    public const int NumberMaxLength = 100;
    public const int TextMaxLength = 100;
    public const int NotesMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid ComponentId { get; set; }
    /// <summary>As written; the component's identity key is its normalized form.</summary>
    public string Number { get; set; } = "";
    /// <summary>WLD-083: natural sort key (<see cref="WeldSort.Key"/>) so the log pages in the database.</summary>
    public string SortKey { get; set; } = "";
    public WeldType WeldType { get; set; } = WeldType.BW;
    public string Size { get; set; } = "";
    public string Schedule { get; set; } = "";
    public string Spec { get; set; } = "";
    public string BaseMetal { get; set; } = "";
    public string Notes { get; set; } = "";
    /// <summary>WLD-001: 0-100.</summary>
    public decimal XRayPercent { get; set; } = WeldRules.DefaultXRay;
    public bool NdeRequired { get; set; }
    public Guid? WelderId { get; set; }
    public DateOnly? DateWelded { get; set; }
    public NdeType? NdeType { get; set; }
    public NdeResult? NdeResult { get; set; }
    public DateOnly? NdeDate { get; set; }
    public string? NdeNotes { get; set; }
    public WeldStatus Status { get; set; } = WeldStatus.Active;
    /// <summary>WLD-043: the weld this one repairs (unique: one repair per weld, WLD-040).</summary>
    public Guid? OriginalWeldId { get; set; }
    /// <summary>WLD-041: 0 for an original weld, 1 for its repair, and so on.</summary>
    public int RepairDepth { get; set; }
    public bool IsUnplanned { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Concurrency token renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsRepair => OriginalWeldId is not null;

    public WeldState State(bool isRetired, bool hasRepair) => new(isRetired, WelderId is not null, DateWelded, NdeResult, hasRepair);
}

/// <summary>WLD-010/011: a welder of one project.</summary>
public sealed class Welder : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    /// <summary>WLD-010: trimmed and upper-cased; unique per project.</summary>
    public string Stencil { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsVerified { get; set; }
    public Guid? VerifiedByUserId { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public string StatusCode => IsVerified ? "verified" : "unverified";
}

/// <summary>WLD-059: the weld event actions (stable codes).</summary>
public static class WeldEventActions
{
    public const string Assign = "assign";
    public const string Update = "update";
    public const string Clear = "clear";
    public const string NdeRecord = "nde_record";
    public const string NdeUpdate = "nde_update";
    public const string NdeClear = "nde_clear";
    public const string UpdateSpecs = "update_specs";
    public const string ReassignDrawing = "reassign_drawing";
    public const string Retire = "retire";
    public const string RepairCreated = "repair_created";
}

/// <summary>WLD-059: one weld command's history entry. Append-only.</summary>
public sealed class WeldEvent : ITenantOwned
{
    public const int DetailsMaxLength = 2000;
    public const int SnapshotMaxLength = 10 * 1024;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid WeldId { get; set; }
    public string Action { get; set; } = "";
    public Guid? WelderId { get; set; }
    public Guid? PreviousWelderId { get; set; }
    public DateOnly? DateWelded { get; set; }
    public DateOnly? PreviousDateWelded { get; set; }
    public NdeType? NdeType { get; set; }
    public NdeType? PreviousNdeType { get; set; }
    public NdeResult? NdeResult { get; set; }
    public NdeResult? PreviousNdeResult { get; set; }
    public Guid UserId { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? Reason { get; set; }
    /// <summary>Free text: rollback details, retire reason, before/after of specs (JSON).</summary>
    public string? Details { get; set; }
    /// <summary>JSON snapshot of the weld (retire, repair).</summary>
    public string? Snapshot { get; set; }
}

/// <summary>WLD-070: review item types and statuses (stable codes).</summary>
public static class ReviewItemTypes
{
    public const string WeldCompleted = "weld_completed";
    public const string VerifyWelder = "verify_welder";
    public const string SimilarDrawing = "similar_drawing";
    public const string CreditAtRisk = "credit_at_risk";
    public const string NdePenalty = "nde_penalty";

    public const string Pending = "pending";
    public const string Resolved = "resolved";
    public const string Ignored = "ignored";
}

/// <summary>WLD-070: a QC review item.</summary>
public sealed class ReviewItem : ITenantOwned
{
    public const int NoteMaxLength = 500;
    public const int PayloadMaxLength = 10 * 1024;

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public string Type { get; set; } = "";
    public Guid? ComponentId { get; set; }
    /// <summary>JSON object text.</summary>
    public string Payload { get; set; } = "{}";
    public string Status { get; set; } = ReviewItemTypes.Pending;
    public DateTime CreatedAt { get; set; }
    public Guid? ResolvedByUserId { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? Note { get; set; }
}
