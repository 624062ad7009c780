using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>IMP-030 preview of a weld log → confirm (IMP-032, IMP-053); the result once committed.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(WeldImportCommands imports, ProjectOperations projects) : PageModel
{
    public Project Project { get; private set; } = null!;

    public WeldImportView Run { get; private set; } = null!;

    public string? ConfirmError { get; private set; }

    public WeldImportResult? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid importId, CancellationToken ct) =>
        await LoadAsync(projectId, importId, ct) ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(Guid projectId, Guid importId, CancellationToken ct)
    {
        var outcome = await imports.ConfirmAsync(User, projectId, importId, ct);
        switch (outcome.Kind)
        {
            case ImportOutcomeKind.NotFound:
                return NotFound();
            case ImportOutcomeKind.Forbidden:
                return this.Forbidden(outcome.Denied);
            case ImportOutcomeKind.Archived:
                return this.ErrorResult(StatusCodes.Status409Conflict, outcome.Message!);
            case ImportOutcomeKind.Ok when !Request.IsHtmx():
                TempData["Toast"] = "Weld log imported.";
                return Redirect($"/projects/{projectId}/welds/import/{importId}");
        }
        if (await LoadAsync(projectId, importId, ct) is { } refused)
        {
            return refused;
        }
        ConfirmError = outcome.Kind == ImportOutcomeKind.Ok ? null : outcome.Message;
        Result = outcome.Result ?? Run.Result;
        // htmx swaps the panel only on 2xx: a refusal is content of the panel there, a status for full pages.
        Response.StatusCode = Request.IsHtmx() ? StatusCodes.Status200OK : outcome.Kind switch
        {
            ImportOutcomeKind.Ok => StatusCodes.Status200OK,
            ImportOutcomeKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        if (outcome.Kind == ImportOutcomeKind.Ok)
        {
            Response.Toast("Weld log imported.");
        }
        return this.PageOrPartial("_WeldImportPanel");
    }

    private async Task<IActionResult?> LoadAsync(Guid projectId, Guid importId, CancellationToken ct)
    {
        var outcome = await imports.GetAsync(User, projectId, importId, ct);
        switch (outcome.Kind)
        {
            case ImportOutcomeKind.Ok:
                Project = (await projects.FindAsync(User, projectId, ct))!;
                Run = outcome.Run!;
                Result ??= Run.Result;
                return null;
            case ImportOutcomeKind.Forbidden:
                return this.Forbidden(outcome.Denied);
            default:
                return NotFound();
        }
    }
}
