using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// A component: identity, attributes, milestone controls (TRK-040..048), effective metadata with
/// TRK-076 badges, history (newest first), metadata edit (TRK-077/078), retire/restore (TRK-061/063).
/// The Milestone handler also serves the list and drawing rows (htmx swaps the row and the
/// out-of-band <c>drawing-progress-{drawingId}</c> span).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(ProjectOperations projects, ComponentQueries queries, ComponentOperations operations, MilestoneCommands milestones, AppDbContext db) : PageModel
{
    public const string NewOption = "__new__";

    public Project Project { get; private set; } = null!;
    public ComponentDetail Component { get; private set; } = null!;
    public IReadOnlyList<NamedItem> Areas { get; private set; } = [];
    public IReadOnlyList<NamedItem> Systems { get; private set; } = [];
    public IReadOnlyList<NamedItem> Packages { get; private set; } = [];
    public RowFeedback? Feedback { get; private set; }
    public RollupFigures? DrawingFigures { get; private set; }
    public string? EditError { get; private set; }
    public string? RetireError { get; private set; }
    public string? RetireReason { get; private set; }
    public bool CanAssign => User.Can(Permission.AssignWork) && !Project.IsArchived;
    public bool CanRetire => User.Can(Permission.QualityControl) && !Project.IsArchived;
    public RowOptions Options => new(Project.Id, User.Can(Permission.UpdateMilestones) && !Project.IsArchived, Selectable: false, Detail: true);

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid componentId, CancellationToken ct) =>
        await ShowAsync(projectId, componentId, StatusCodes.Status200OK, ct);

    /// <summary>The row (or detail block) as it is now: the rollback form's Cancel.</summary>
    public async Task<IActionResult> OnGetRowAsync(Guid projectId, Guid componentId, string? view, bool selectable, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        var row = project is null ? null : await queries.RowAsync(projectId, componentId, ct);
        if (project is null || row is null)
        {
            return NotFound();
        }
        var options = new RowOptions(projectId, User.Can(Permission.UpdateMilestones) && !project.IsArchived, selectable, view == "detail");
        return Partial("_ComponentRow", new ComponentRowView(row, options));
    }

    /// <summary>
    /// TRK-040..048 from a milestone control. A discrete checkbox sends Value=100 when ticked and
    /// nothing when cleared (Discrete=true marks it); a decrease without a valid reason answers 422 with
    /// the row holding the TRK-042 rollback form.
    /// </summary>
    public async Task<IActionResult> OnPostMilestoneAsync(Guid projectId, Guid componentId, [FromForm] MilestoneForm form, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        var milestone = form.Milestone ?? "";
        decimal? value = decimal.TryParse(form.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v
            : form.Discrete && string.IsNullOrEmpty(form.Value) ? 0m : null;
        var reason = string.IsNullOrWhiteSpace(form.RollbackReason) ? null : form.RollbackReason.Trim();
        var result = await milestones.UpdateAsync(User, projectId, componentId, milestone,
            new MilestoneUpdateInput(value, RollbackReason: reason, RollbackDetails: form.RollbackDetails), ct);
        switch (result.Status)
        {
            case MilestoneCommandStatus.NotFound:
                return NotFound();
            case MilestoneCommandStatus.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message!);
            case MilestoneCommandStatus.Archived:
                return this.ErrorResult(StatusCodes.Status409Conflict, result.Message!);
        }
        var options = new RowOptions(projectId, User.Can(Permission.UpdateMilestones) && !project.IsArchived, form.Selectable, form.View == "detail");
        var row = await queries.RowAsync(projectId, componentId, ct);
        if (row is null)
        {
            return NotFound();
        }
        RowFeedback? feedback = null;
        if (result.Status != MilestoneCommandStatus.Ok)
        {
            var needsReason = result.Error is MilestoneUpdateError.ReasonRequired or MilestoneUpdateError.DetailsRequired;
            int? pending = value is { } p && p == decimal.Truncate(p) && p is >= 0 and <= 100 ? (int)p : null;
            var message = result.Status == MilestoneCommandStatus.Conflict
                ? "The milestone was changed by someone else. Review the current value and try again."
                : result.Message ?? "The milestone was not updated.";
            feedback = new RowFeedback(milestone, message, pending, needsReason && pending is not null, reason, form.RollbackDetails);
        }
        if (!Request.IsHtmx())
        {
            // Without htmx: back to the component page (messages shown there).
            if (feedback is not null)
            {
                Feedback = feedback;
                return await ShowAsync(projectId, componentId, StatusCodes.Status422UnprocessableEntity, ct);
            }
            return Redirect(options.Url(componentId));
        }
        var drawing = row.DrawingId is { } drawingId
            ? new DrawingProgress(drawingId, row.DrawingNumber ?? "", await DrawingRollups.ForDrawingAsync(db, projectId, drawingId, ct))
            : null;
        var version = options.Detail ? await queries.VersionAsync(projectId, componentId, ct) : null;
        Response.StatusCode = feedback is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
        return Partial("_MilestoneResponse", new MilestoneResponseView(new ComponentRowView(row, options, feedback), drawing, version));
    }

    /// <summary>TRK-072/TRK-078: own area, system and package with the loaded version.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid projectId, Guid componentId, string? area, string? system, string? package, Guid version, CancellationToken ct)
    {
        var choice = new MetadataChoice(ParseChoice(area), ParseChoice(system), ParseChoice(package));
        var outcome = await operations.EditMetadataAsync(User, projectId, componentId, choice, version, ct);
        if (outcome.Kind == ComponentOutcomeKind.Ok)
        {
            TempData["Toast"] = "Component saved.";
            return Redirect($"/projects/{projectId}/components/{componentId}");
        }
        if (outcome.Kind is ComponentOutcomeKind.Conflict or ComponentOutcomeKind.Invalid)
        {
            EditError = outcome.Message;
            return await ShowAsync(projectId, componentId, outcome.StatusCode, ct);
        }
        return Refuse(outcome);
    }

    /// <summary>TRK-077 "Create new…": creates the name and answers the picker with it selected.</summary>
    public async Task<IActionResult> OnPostCreateNameAsync(Guid projectId, Guid componentId, string? kind, CancellationToken ct)
    {
        if (!MetadataNames.TryParse(kind, out var metadataKind))
        {
            // Unknown kinds behave like an unknown route (and never reveal whether the component exists).
            return NotFound();
        }
        // Each picker has its own field (areaName, systemName, packageName): they share one edit form.
        var name = Request.HasFormContentType ? Request.Form[kind!.Trim().ToLowerInvariant() + "Name"].ToString() : null;
        var outcome = await operations.CreateNameAsync(User, projectId, componentId, metadataKind, name, ct);
        if (outcome.Kind is not (ComponentOutcomeKind.Ok or ComponentOutcomeKind.Invalid))
        {
            return Refuse(outcome);
        }
        var (areas, systems, packages) = await queries.PickersAsync(projectId, ct);
        var items = metadataKind switch
        {
            MetadataKind.Area => areas,
            MetadataKind.System => systems,
            _ => packages,
        };
        Response.StatusCode = outcome.StatusCode;
        if (!Request.IsHtmx())
        {
            if (outcome.Kind == ComponentOutcomeKind.Ok)
            {
                return Redirect($"/projects/{projectId}/components/{componentId}");
            }
            EditError = outcome.Message;
            return await ShowAsync(projectId, componentId, outcome.StatusCode, ct);
        }
        return Partial("_MetadataField", new MetadataFieldView(metadataKind, items, outcome.CreatedId, outcome.Kind == ComponentOutcomeKind.Ok ? null : outcome.Message, name));
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid projectId, Guid componentId, string? reason, CancellationToken ct)
    {
        var outcome = await operations.RetireAsync(User, projectId, componentId, reason, ct);
        if (outcome.Kind == ComponentOutcomeKind.Ok)
        {
            TempData["Toast"] = "Component retired.";
            return Redirect($"/projects/{projectId}/components/{componentId}");
        }
        if (outcome.Kind == ComponentOutcomeKind.Invalid)
        {
            RetireError = outcome.Message;
            RetireReason = reason;
            return await ShowAsync(projectId, componentId, outcome.StatusCode, ct);
        }
        return Refuse(outcome);
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid projectId, Guid componentId, CancellationToken ct)
    {
        var outcome = await operations.RestoreAsync(User, projectId, componentId, ct);
        if (outcome.Kind == ComponentOutcomeKind.Ok)
        {
            TempData["Toast"] = "Component restored.";
            return Redirect($"/projects/{projectId}/components/{componentId}");
        }
        if (outcome.Kind == ComponentOutcomeKind.Invalid)
        {
            RetireError = outcome.Message;
            return await ShowAsync(projectId, componentId, outcome.StatusCode, ct);
        }
        return Refuse(outcome);
    }

    public sealed class MilestoneForm
    {
        public string? Milestone { get; set; }
        public string? Value { get; set; }
        public bool Discrete { get; set; }
        public string? RollbackReason { get; set; }
        public string? RollbackDetails { get; set; }
        public string? View { get; set; }
        public bool Selectable { get; set; }
    }

    private static Guid? ParseChoice(string? value) => Guid.TryParse(value, out var id) ? id : null;

    private IActionResult Refuse(ComponentOutcome outcome) => outcome.Kind switch
    {
        ComponentOutcomeKind.NotFound => NotFound(),
        _ => this.ErrorResult(outcome.StatusCode, outcome.Message ?? "The change was refused."),
    };

    private async Task<IActionResult> ShowAsync(Guid projectId, Guid componentId, int status, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        var detail = project is null ? null : await queries.DetailAsync(projectId, componentId, ct);
        if (project is null || detail is null)
        {
            return NotFound();
        }
        Project = project;
        Component = detail;
        DrawingFigures = detail.Row.DrawingId is { } drawingId ? await DrawingRollups.ForDrawingAsync(db, projectId, drawingId, ct) : null;
        (Areas, Systems, Packages) = await queries.PickersAsync(projectId, ct);
        Response.StatusCode = status;
        return Page();
    }
}
