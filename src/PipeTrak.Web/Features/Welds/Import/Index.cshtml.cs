using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>IMP-050: upload a field weld log (IMP-001) and see the weld import history (IMP-047); owner, admin and project manager.</summary>
[Authorize(Policy = Policies.Member)]
[RequestSizeLimit(ImportEndpoints.UploadBodyLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportEndpoints.UploadBodyLimitBytes)]
public sealed class IndexModel(WeldImportCommands imports, ProjectOperations projects) : PageModel
{
    public Project Project { get; private set; } = null!;

    public IReadOnlyList<WeldImportView> Runs { get; private set; } = [];

    public string? UploadError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct) => await ShowAsync(projectId, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid projectId, IFormFile? file, CancellationToken ct)
    {
        // The project is checked before the file is looked at: another organization's project is 404.
        if (await imports.CheckAccessAsync(User, projectId, write: true, ct) is { } refusal)
        {
            return Refuse(refusal);
        }
        if (file is null || file.Length == 0)
        {
            return await RedisplayAsync(projectId, "Choose a .csv, .xlsx or .xls file to upload.", ct);
        }
        WeldImportOutcome outcome;
        await using (var stream = file.OpenReadStream())
        {
            outcome = await imports.UploadAsync(User, projectId, stream, file.FileName, ct);
        }
        return outcome.Kind == ImportOutcomeKind.Ok
            ? Redirect($"/projects/{projectId}/welds/import/{outcome.Run!.Id}")
            : outcome.Kind == ImportOutcomeKind.Refused ? await RedisplayAsync(projectId, outcome.Message!, ct) : Refuse(outcome);
    }

    private async Task<IActionResult> RedisplayAsync(Guid projectId, string error, CancellationToken ct)
    {
        UploadError = error;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(projectId, ct) ?? Page();
    }

    private async Task<IActionResult?> ShowAsync(Guid projectId, CancellationToken ct)
    {
        var (refusal, runs) = await imports.HistoryAsync(User, projectId, ct);
        if (refusal is not null)
        {
            return Refuse(refusal);
        }
        Project = (await projects.FindAsync(User, projectId, ct))!;
        Runs = runs;
        return null;
    }

    private IActionResult Refuse(WeldImportOutcome outcome) => outcome.Kind switch
    {
        ImportOutcomeKind.Forbidden => this.Forbidden(outcome.Denied),
        ImportOutcomeKind.Archived => this.ErrorResult(StatusCodes.Status409Conflict, outcome.Message!),
        _ => NotFound(),
    };
}
