using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>A confirmed weld import: its result plus the run it belongs to.</summary>
public sealed record ConfirmWeldImportResponse(WeldImportResult Result, WeldImportView Import);

/// <summary>/api/v1 field weld log imports (IMP-050..054): the same shape as the takeoff import API.</summary>
public static class WeldImportEndpoints
{
    public static RouteGroupBuilder MapWeldImports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/welds/imports").WithTags("Weld imports").RequireMembership();

        group.MapGet("", HistoryAsync).WithName("ListWeldImports")
            .WithSummary("List the project's weld log imports, newest first (IMP-047)")
            .WithDescription("Who, when, file name and size, counts (welds created, updated, skipped), outcome, error and duration. Owner, admin and project manager.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", UploadAsync).WithName("UploadWeldImport")
            .WithSummary("Upload a field weld log and get its preview (IMP-001, IMP-050..054)")
            .WithDescription("Send `multipart/form-data` with one field `file` (.csv, .xlsx or .xls, first worksheet, at most 50 MB and 200,000 rows). " +
                "Nothing is written to the project: the answer is the preview (column mappings with scores, row errors with their `Row n (line m):` " +
                "prefix, counts of new, updated and skipped welds, rows that differ from current data, new welder stencils) and the `id` to confirm. " +
                "A file that cannot be read answers 422 with the exact reason in `detail`.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportEndpoints.UploadBodyLimitBytes))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{importId:guid}", GetAsync).WithName("GetWeldImport")
            .WithSummary("Get a weld import: its preview and, once confirmed, its result")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{importId:guid}/confirm", ConfirmAsync).WithName("ConfirmWeldImport")
            .WithSummary("Confirm a weld import: all-or-nothing in one transaction (IMP-053, IMP-054)")
            .WithDescription("The server re-reads the uploaded file (kept 24 h) and validates it again; if project data changed since the preview it " +
                "answers 409 with the updated preview. Unknown stencils create unverified welders (each with a verify_welder review item); new weld " +
                "numbers create welds on their drawing; welder + date and NDE results go through the weld command rules (assign: Fit-up and Weld " +
                "Complete 100; PASS accepted, FAIL rejected, both 100%; PENDING stored). Existing welds get only the data they lack; re-importing the " +
                "same file changes nothing and reports the welds as skipped. A failed commit changes nothing and answers 422 with `result.error`.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<List<WeldImportView>>, ProblemHttpResult>> HistoryAsync(
        Guid projectId, ClaimsPrincipal user, WeldImportCommands imports, CancellationToken ct)
    {
        var (refusal, runs) = await imports.HistoryAsync(user, projectId, ct);
        return refusal is null ? TypedResults.Ok(runs) : Problem(refusal);
    }

    private static async Task<Results<Created<WeldImportView>, ProblemHttpResult>> UploadAsync(
        Guid projectId, HttpRequest request, ClaimsPrincipal user, WeldImportCommands imports, CancellationToken ct)
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
            ? TypedResults.Created($"/api/v1/projects/{projectId}/welds/imports/{outcome.Run!.Id}", outcome.Run)
            : Problem(outcome);
    }

    private static async Task<Results<Ok<WeldImportView>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid importId, ClaimsPrincipal user, WeldImportCommands imports, CancellationToken ct)
    {
        var outcome = await imports.GetAsync(user, projectId, importId, ct);
        return outcome.Kind == ImportOutcomeKind.Ok ? TypedResults.Ok(outcome.Run!) : Problem(outcome);
    }

    private static async Task<Results<Ok<ConfirmWeldImportResponse>, ProblemHttpResult>> ConfirmAsync(
        Guid projectId, Guid importId, ClaimsPrincipal user, WeldImportCommands imports, CancellationToken ct)
    {
        var outcome = await imports.ConfirmAsync(user, projectId, importId, ct);
        return outcome.Kind == ImportOutcomeKind.Ok ? TypedResults.Ok(new ConfirmWeldImportResponse(outcome.Result!, outcome.Run!)) : Problem(outcome);
    }

    private static ProblemHttpResult Problem(WeldImportOutcome outcome)
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
