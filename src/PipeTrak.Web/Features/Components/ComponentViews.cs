using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// How a component row renders. <see cref="Detail"/>: on the component page (controls only, no table
/// cells); <see cref="Selectable"/>: a selection checkbox for bulk actions (list page only).
/// </summary>
public sealed record RowOptions(Guid ProjectId, bool CanUpdate, bool Selectable, bool Detail = false)
{
    public string Url(Guid componentId) => $"/projects/{ProjectId}/components/{componentId}";

    public string MilestoneUrl(Guid componentId) => Url(componentId) + "?handler=Milestone";

    public string RowUrl(Guid componentId) =>
        $"{Url(componentId)}?handler=Row&view={(Detail ? "detail" : "row")}&selectable={(Selectable ? "true" : "false")}";

    /// <summary>Number of table cells a row has (for colspan).</summary>
    public int Columns => Selectable ? 6 : 5;
}

/// <summary>An in-place message under one milestone; <see cref="NeedsReason"/> opens the TRK-042 rollback form for <see cref="PendingValue"/>.</summary>
public sealed record RowFeedback(string Milestone, string Message, int? PendingValue = null, bool NeedsReason = false, string? Reason = null, string? Details = null);

public sealed record ComponentRowView(ComponentRow Row, RowOptions Options, RowFeedback? Feedback = null);

/// <summary>Rows for a tbody; <see cref="MoreUrl"/> loads the next page into a trailing row.</summary>
public sealed record ComponentRowsView(IReadOnlyList<ComponentRow> Rows, RowOptions Options, string? MoreUrl = null, string? EmptyText = null);

/// <summary>The htmx answer to a milestone change: the row (or detail block) plus out-of-band drawing progress and version.</summary>
public sealed record MilestoneResponseView(ComponentRowView Row, DrawingProgress? Drawing, Guid? Version);

/// <summary>Labels of the TRK-042 rollback reasons for pickers (codes stay the stored values).</summary>
public static class RollbackReasonLabels
{
    public static string Label(string code) => code switch
    {
        RollbackReasons.DataEntryError => "Data entry error",
        RollbackReasons.QcRejection => "QC rejection",
        RollbackReasons.FailedInspection => "Failed inspection",
        RollbackReasons.MaterialDefect => "Material defect",
        RollbackReasons.EngineeringChange => "Engineering change",
        RollbackReasons.CustomerRequest => "Customer request",
        RollbackReasons.DamageAfterCompletion => "Damage after completion",
        RollbackReasons.IncorrectWelder => "Incorrect welder",
        RollbackReasons.Other => "Other",
        _ => code,
    };
}
