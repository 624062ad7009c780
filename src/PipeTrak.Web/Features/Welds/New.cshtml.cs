using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>
/// WLD-050/051: add an unplanned weld. First the drawing is chosen (from the weld log, or pre-chosen from
/// a drawing's page), then the form shows the proposed number read-only with type, size, spec, optional
/// schedule, base metal and notes, and x-ray % defaulting to 5.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class NewModel(WeldQueries queries, WeldCommands commands) : PageModel
{
    public sealed class UnplannedForm
    {
        public string? Number { get; set; }
        public string? WeldType { get; set; } = "BW";
        public string? Size { get; set; }
        public string? Spec { get; set; }
        public string? Schedule { get; set; }
        public string? BaseMetal { get; set; }
        public string? Notes { get; set; }
        public string? XRayPercent { get; set; } = "5";
    }

    [FromQuery(Name = "drawing")]
    public Guid? DrawingId { get; set; }

    [BindProperty]
    public UnplannedForm Input { get; set; } = new();

    public Guid ProjectId { get; private set; }

    public IReadOnlyList<WeldOption> Drawings { get; private set; } = [];

    /// <summary>The chosen drawing (a non-retired drawing of the project), else null: the drawing step shows.</summary>
    public WeldOption? Drawing { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        if (!await LoadAsync(projectId, ct))
        {
            return NotFound();
        }
        if (!User.Can(Permission.ManageWelds))
        {
            return this.Forbidden(Permission.ManageWelds);
        }
        if (Drawing is not null)
        {
            Input.Number = await commands.NextNumberAsync(projectId, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid projectId, [FromForm(Name = "drawingId")] Guid? drawingId, CancellationToken ct)
    {
        DrawingId = drawingId;
        // Unreadable x-ray % goes to the command as out of range, so 404/403 still come first (PPL-041).
        var xRay = TryPercent(Input.XRayPercent, out var parsed) ? parsed : -1m;
        var input = new UnplannedWeldInput(drawingId, Input.Number, Input.WeldType, Input.Size, Input.Spec, Input.Schedule, Input.BaseMetal, Input.Notes, xRay);
        var result = await commands.CreateUnplannedAsync(User, projectId, input, ct);
        switch (result.Status)
        {
            case WeldCommandStatus.Ok:
                TempData["Message"] = $"Unplanned weld {Input.Number?.Trim()} added";
                return Redirect($"/projects/{projectId}/welds/{result.Id}");
            case WeldCommandStatus.NotFound when result.Message == WeldProject.NotFoundMessage:
                return NotFound();
            case WeldCommandStatus.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message!);
            default:
                // WLD-050: "Drawing not found", "Duplicate weld number: ...", field rules.
                return await ShowAsync(projectId, result.Message, ct);
        }
    }

    private async Task<IActionResult> ShowAsync(Guid projectId, string? error, CancellationToken ct)
    {
        if (!await LoadAsync(projectId, ct))
        {
            return NotFound();
        }
        Error = error;
        if (Drawing is not null && string.IsNullOrWhiteSpace(Input.Number))
        {
            Input.Number = await commands.NextNumberAsync(projectId, ct);
        }
        return Page();
    }

    private async Task<bool> LoadAsync(Guid projectId, CancellationToken ct)
    {
        if (!await queries.ProjectVisibleAsync(User, projectId, ct))
        {
            return false;
        }
        ProjectId = projectId;
        Drawings = (await queries.OptionsAsync(projectId, ct)).Drawings;
        Drawing = DrawingId is { } id ? Drawings.FirstOrDefault(d => d.Id == id) : null;
        return true;
    }

    private static bool TryPercent(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true; // WLD-050: defaults to 5.0
        }
        if (decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }
}
