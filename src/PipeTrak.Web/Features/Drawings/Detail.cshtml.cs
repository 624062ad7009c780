using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>One picker of the edit form (TRK-077: alphabetical, "(None)", "Create new…").</summary>
public sealed record MetadataPicker(DrawingField Field, string Selected, IReadOnlyList<NameOption> Options, string CreateUrl, bool CanCreate, bool Disabled)
{
    public string Key => Field.ToString();
    public string Label => Field.Label();
}

/// <summary>
/// Drawing detail (TRK-050, TRK-052): roll-up, category completion and the component rows; edit
/// with propagation (TRK-073, TRK-077, TRK-078), retire (TRK-061) and restore (TRK-063).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(ProjectOperations projects, DrawingQueries queries, DrawingCommands commands, MetadataNames names) : PageModel
{
    public sealed class EditForm
    {
        public string? Title { get; set; }
        public string? Revision { get; set; }
        public string? Area { get; set; }
        public string? System { get; set; }
        public string? Package { get; set; }
        public string? NewArea { get; set; }
        public string? NewSystem { get; set; }
        public string? NewPackage { get; set; }
        public Guid? Version { get; set; }

        public string? Choice(DrawingField field) => field switch
        {
            DrawingField.Area => Area,
            DrawingField.System => System,
            _ => Package,
        };

        public void SetChoice(DrawingField field, string value)
        {
            switch (field)
            {
                case DrawingField.Area:
                    Area = value;
                    break;
                case DrawingField.System:
                    System = value;
                    break;
                default:
                    Package = value;
                    break;
            }
        }

        public string? NewName(DrawingField field) => field switch
        {
            DrawingField.Area => NewArea,
            DrawingField.System => NewSystem,
            _ => NewPackage,
        };
    }

    [BindProperty]
    public EditForm Input { get; set; } = new();

    [BindProperty]
    public string? RetireReason { get; set; }

    public Project Project { get; private set; } = null!;
    public DrawingRow Drawing { get; private set; } = null!;
    public IReadOnlyList<CategoryCompletion> Categories { get; private set; } = [];
    public MetadataOptions Options { get; private set; } = new([], [], []);
    public bool CanEdit { get; private set; }
    public bool CanEditDetails { get; private set; }
    public bool CanRetire { get; private set; }
    public string? FormError { get; private set; }
    public string? RetireError { get; private set; }
    public string? RestoreError { get; private set; }

    public static readonly DrawingField[] Fields = [DrawingField.Area, DrawingField.System, DrawingField.Package];

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid drawingId, CancellationToken ct) =>
        await LoadAsync(projectId, drawingId, fillForm: true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var choices = Fields.Select(f => FieldChoice.Parse(Input.Choice(f) ?? "", Input.NewName(f))).ToArray();
        DrawingOutcome outcome;
        if (choices.Any(c => c is null))
        {
            outcome = DrawingOutcome.Invalid(DrawingRules.InvalidChoice);
        }
        else
        {
            var edit = new DrawingEdit(Input.Title ?? "", Input.Revision ?? "", choices[0]!.Value, choices[1]!.Value, choices[2]!.Value, Input.Version);
            outcome = await commands.EditAsync(User, projectId, drawingId, edit, ct);
        }
        switch (outcome.Kind)
        {
            case DrawingOutcomeKind.Ok:
                var counts = outcome.Propagation!.ComponentsUpdated;
                TempData["Toast"] = outcome.Propagation.DrawingUpdated
                    ? $"Drawing saved. Components updated: area {counts.Area}, system {counts.System}, package {counts.Package}."
                    : "No changes to save.";
                return Redirect($"/projects/{projectId}/drawings/{drawingId}");
            case DrawingOutcomeKind.Invalid:
            case DrawingOutcomeKind.Conflict:
                // TRK-078: on conflict the form shows the current values; otherwise what was typed.
                if (!await LoadAsync(projectId, drawingId, fillForm: outcome.Kind == DrawingOutcomeKind.Conflict, ct))
                {
                    return NotFound();
                }
                FormError = outcome.Message;
                Response.StatusCode = outcome.StatusCode;
                return Page();
            default:
                return Refuse(outcome);
        }
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var outcome = await commands.RetireAsync(User, projectId, drawingId, RetireReason, ct);
        if (outcome.Succeeded)
        {
            TempData["Toast"] = "Drawing retired with its components.";
            return Redirect($"/projects/{projectId}/drawings/{drawingId}");
        }
        if (outcome.Kind != DrawingOutcomeKind.Invalid)
        {
            return Refuse(outcome);
        }
        if (!await LoadAsync(projectId, drawingId, fillForm: true, ct))
        {
            return NotFound();
        }
        RetireError = outcome.Message;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid projectId, Guid drawingId, CancellationToken ct)
    {
        var outcome = await commands.RestoreAsync(User, projectId, drawingId, ct);
        if (outcome.Succeeded)
        {
            TempData["Toast"] = "Drawing restored with the components retired with it.";
            return Redirect($"/projects/{projectId}/drawings/{drawingId}");
        }
        if (outcome.Kind != DrawingOutcomeKind.Conflict || Request.IsHtmx())
        {
            return Refuse(outcome);
        }
        if (!await LoadAsync(projectId, drawingId, fillForm: true, ct))
        {
            return NotFound();
        }
        RestoreError = outcome.Message;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    /// <summary>TRK-077 "Create new…" (htmx): creates the name at once and answers the picker with it selected.</summary>
    public async Task<IActionResult> OnPostCreateNameAsync(Guid projectId, Guid drawingId, DrawingField field, CancellationToken ct)
    {
        var (outcome, created) = await commands.CreateNameAsync(User, projectId, field, Input.NewName(field), ct);
        if (!outcome.Succeeded)
        {
            return outcome.Kind == DrawingOutcomeKind.NotFound ? NotFound() : this.ErrorResult(outcome.StatusCode, outcome.Message ?? "");
        }
        if (!await LoadAsync(projectId, drawingId, fillForm: false, ct))
        {
            return NotFound();
        }
        if (!Request.IsHtmx())
        {
            TempData["Toast"] = $"{field.Label()} '{created!.Name}' created.";
            return Redirect($"/projects/{projectId}/drawings/{drawingId}");
        }
        Input.SetChoice(field, created!.Id.ToString());
        Response.Toast($"{field.Label()} '{created.Name}' created.");
        return Partial("_MetadataPicker", Picker(field));
    }

    public MetadataPicker Picker(DrawingField field) => new(
        field,
        Input.Choice(field) is { Length: > 0 } selected ? selected : FieldChoice.NoneCode,
        Options.For(field),
        $"/projects/{Project.Id}/drawings/{Drawing.Id}?handler=CreateName&field={field}",
        CanEdit,
        !CanEdit || Drawing.IsRetired);

    private IActionResult Refuse(DrawingOutcome outcome) => outcome.Kind switch
    {
        DrawingOutcomeKind.NotFound => NotFound(),
        DrawingOutcomeKind.Forbidden => this.Forbidden(outcome.Denied),
        _ => this.ErrorResult(outcome.StatusCode, outcome.Message ?? ""),
    };

    private async Task<bool> LoadAsync(Guid projectId, Guid drawingId, bool fillForm, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return false;
        }
        var drawing = await queries.FindAsync(projectId, drawingId, ct);
        if (drawing is null)
        {
            return false;
        }
        Project = project;
        Drawing = drawing;
        CanEdit = DrawingCommands.CanEdit(User) && !project.IsArchived;
        CanEditDetails = CanEdit && DrawingCommands.CanEditDetails(User);
        CanRetire = DrawingCommands.CanRetire(User) && !project.IsArchived;
        Options = await names.OptionsAsync(projectId, ct);
        Categories = await queries.CategoriesAsync(projectId, drawingId, ct);
        if (fillForm)
        {
            Input = new EditForm
            {
                Title = drawing.Title,
                Revision = drawing.Revision,
                Area = drawing.AreaId?.ToString() ?? FieldChoice.NoneCode,
                System = drawing.SystemId?.ToString() ?? FieldChoice.NoneCode,
                Package = drawing.PackageId?.ToString() ?? FieldChoice.NoneCode,
                Version = drawing.Version,
            };
        }
        return true;
    }
}
