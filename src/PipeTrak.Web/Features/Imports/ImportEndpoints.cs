using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Imports;

/// <summary>IMP-046 plus the run it belongs to.</summary>
public sealed record ConfirmImportResponse(ImportResult Result, ImportRunView Import);

/// <summary>/api/v1 takeoff imports: the same use cases as the import pages (IMP-030..047).</summary>
public static class ImportEndpoints
{
    /// <summary>50 MB file limit (IMP-001) plus the multipart envelope; larger bodies are cut off by the server.</summary>
    public const long UploadBodyLimitBytes = 60L * 1024 * 1024;

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/imports").WithTags("Imports").RequireMembership();

        group.MapGet("", HistoryAsync).WithName("ListImports")
            .WithSummary("List the project's imports, newest first (IMP-047)")
            .WithDescription("Who, when, file name and size, kind, counts, outcome, error and duration. Owner, admin and project manager.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", UploadAsync).WithName("UploadImport")
            .WithSummary("Upload a material takeoff and get its preview (IMP-001, IMP-030)")
            .WithDescription("Send `multipart/form-data` with one field `file` (.csv, .xlsx or .xls, first worksheet, at most 50 MB and 200,000 rows). " +
                "Nothing is written to the project: the answer is the preview (mappings with scores, errors, skipped and valid rows by code, " +
                "counts by type, areas/systems/packages marked existing or will create, new drawings) and the `id` to confirm. " +
                "A file that cannot be imported at all answers 422 with the exact reason in `detail`.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(UploadBodyLimitBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{importId:guid}", GetAsync).WithName("GetImport")
            .WithSummary("Get an import: its preview and, once confirmed, its result")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{importId:guid}/confirm", ConfirmAsync).WithName("ConfirmImport")
            .WithSummary("Confirm an import: all-or-nothing in one transaction (IMP-032, IMP-040..046)")
            .WithDescription("The server re-reads the uploaded file (kept 24 h) and validates it again. If project data changed since the preview " +
                "it answers 409 and the import's preview is updated. Another import of the project running answers 409 after 30 s. " +
                "A failed commit changes nothing and answers 422 with `result.error` and `result.details[{row, line, code, message}]`. " +
                "Re-importing the same file creates nothing and reports the components as skipped (IMP-042).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<List<ImportRunView>>, ProblemHttpResult>> HistoryAsync(
        Guid projectId, ClaimsPrincipal user, ImportCommands imports, CancellationToken ct)
    {
        var (refusal, runs) = await imports.HistoryAsync(user, projectId, ct);
        return refusal is null ? TypedResults.Ok(runs) : Problem(refusal);
    }

    private static async Task<Results<Created<ImportRunView>, ProblemHttpResult>> UploadAsync(
        Guid projectId, HttpRequest request, ClaimsPrincipal user, ImportCommands imports, CancellationToken ct)
    {
        // The project is checked before the body is read: another organization's project is 404 whatever is sent.
        if (await imports.CheckAccessAsync(user, projectId, write: true, ct) is { } refusal)
        {
            return Problem(refusal);
        }
        var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No file",
                detail: "Choose a .csv, .xlsx or .xls file and send it as the multipart form field 'file'.");
        }
        await using var stream = file.OpenReadStream();
        var outcome = await imports.UploadAsync(user, projectId, stream, file.FileName, ct);
        return outcome.Kind == ImportOutcomeKind.Ok
            ? TypedResults.Created($"/api/v1/projects/{projectId}/imports/{outcome.Run!.Id}", outcome.Run)
            : Problem(outcome);
    }

    private static async Task<Results<Ok<ImportRunView>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid importId, ClaimsPrincipal user, ImportCommands imports, CancellationToken ct)
    {
        var outcome = await imports.GetAsync(user, projectId, importId, ct);
        return outcome.Kind == ImportOutcomeKind.Ok ? TypedResults.Ok(outcome.Run!) : Problem(outcome);
    }

    private static async Task<Results<Ok<ConfirmImportResponse>, ProblemHttpResult>> ConfirmAsync(
        Guid projectId, Guid importId, ClaimsPrincipal user, ImportCommands imports, CancellationToken ct)
    {
        var outcome = await imports.ConfirmAsync(user, projectId, importId, ct);
        return outcome.Kind == ImportOutcomeKind.Ok ? TypedResults.Ok(new ConfirmImportResponse(outcome.Result!, outcome.Run!)) : Problem(outcome);
    }

    private static ProblemHttpResult Problem(ImportOutcome outcome)
    {
        var extensions = new Dictionary<string, object?>();
        if (outcome.Result is not null)
        {
            extensions["result"] = outcome.Result;
        }
        if (outcome.Run is not null)
        {
            extensions["import"] = outcome.Run;
        }
        return outcome.Kind switch
        {
            ImportOutcomeKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project or import does not exist."),
            ImportOutcomeKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: outcome.Message),
            ImportOutcomeKind.Archived => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project archived", detail: outcome.Message),
            ImportOutcomeKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Import not run", detail: outcome.Message, extensions: extensions),
            ImportOutcomeKind.Failed => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Import failed", detail: outcome.Message, extensions: extensions),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "File refused", detail: outcome.Message, extensions: extensions),
        };
    }
}
