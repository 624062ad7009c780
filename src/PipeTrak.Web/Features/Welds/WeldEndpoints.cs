using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-010/011. Omitted fields keep their value on PUT.</summary>
public sealed record WelderRequest(string? Stencil, string? Name);

/// <summary>WLD-020/022: <c>dateWelded</c> is a project-local date (yyyy-MM-dd). <c>reason</c> (e.g. <c>incorrect_welder</c>) is optional on edit.</summary>
public sealed record AssignmentRequest(Guid? WelderId, DateOnly? DateWelded, string? Reason, string? Details);

/// <summary>TRK-042 rollback reason and details (details required for <c>other</c>).</summary>
public sealed record RollbackRequest(string? Reason, string? Details);

/// <summary>WLD-030/032: type RT/UT/PT/MT/VT, result PASS/FAIL/PENDING (any case); date defaults to the project's today.</summary>
public sealed record NdeRequest(string? Type, string? Result, DateOnly? Date, string? Notes, string? Reason, string? Details);

/// <summary>WLD-050: <c>number</c> is optional (WLD-051 proposes it); <c>xRayPercent</c> defaults to 5.</summary>
public sealed record UnplannedWeldRequest(
    Guid? DrawingId, string? Number, string? WeldType, string? Size, string? Spec, string? Schedule, string? BaseMetal, string? Notes, decimal? XRayPercent);

/// <summary>WLD-055: omitted fields keep their value.</summary>
public sealed record WeldSpecsRequest(
    string? WeldType, string? Size, string? Schedule, string? BaseMetal, string? Spec, decimal? XRayPercent, bool? NdeRequired, string? Notes);

public sealed record ReassignRequest(Guid? DrawingId);

/// <summary>WLD-057: at least 10 characters.</summary>
public sealed record RetireRequest(string? Reason);

public sealed record NextNumberResponse(string Number);

/// <summary>/api/v1 weld and welder use cases (WLD-010..083). Roles per PPL-040 rows 4 (welds) and 5 (NDE).</summary>
public static class WeldEndpoints
{
    public static RouteGroupBuilder MapWelds(this RouteGroupBuilder api)
    {
        var project = api.MapGroup("/projects/{projectId:guid}").WithTags("Welds").RequireMembership();

        project.MapGet("/welders", ListWeldersAsync).WithName("ListWelders")
            .WithSummary("Welders of a project (WLD-011)")
            .WithDescription("Stencil, name, status, welds welded and reject rate (FAIL ÷ (PASS + FAIL) × 100, 1 dp; null without NDE).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        project.MapPost("/welders", AddWelderAsync).WithName("AddWelder")
            .WithSummary("Add a welder (WLD-010/011)")
            .WithDescription("The stencil is trimmed and upper-cased, 2-12 letters, digits or hyphens, unique per project (409 when taken). The welder starts unverified.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        project.MapPut("/welders/{welderId:guid}", EditWelderAsync).WithName("EditWelder")
            .WithSummary("Edit a welder's name or stencil (WLD-011)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        project.MapDelete("/welders/{welderId:guid}", DeleteWelderAsync).WithName("DeleteWelder")
            .WithSummary("Delete a welder who has no welds (WLD-011)")
            .WithDescription("Refused with 422 \"This welder has welds and cannot be deleted\" while any weld or weld event names the welder.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        project.MapPost("/welders/{welderId:guid}/verify", VerifyWelderAsync).WithName("VerifyWelder")
            .WithSummary("Mark a welder verified, recording who and when (WLD-011)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        project.MapGet("/welds", LogAsync).WithName("WeldLog")
            .WithSummary("The weld log: filter, search and page (WLD-080..083)")
            .WithDescription("Filters combine with AND: drawingId, welderId (or `unassigned`), packageId (effective package), systemId, areaId, " +
                "status (active/accepted/rejected), ndeResult (PASS/FAIL/PENDING). `search` matches weld number, drawing, stencil and welder name " +
                "(any case). Retired welds only with showRetired=true. `sort` (number, drawing, welder, date, type, size, schedule, nde, status, xray, area, " +
                "system, package, progress) and `dir` (asc/desc); default natural weld-number order (W-2 before W-10); undated welds sort last both ways.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        project.MapGet("/welds/next-number", NextNumberAsync).WithName("NextWeldNumber")
            .WithSummary("The number WLD-051 proposes for a new unplanned weld")
            .WithDescription("`drawingId` (optional) must be a non-retired drawing of the project. Example answer: `{ \"number\": \"A-0009\" }`.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        project.MapPost("/welds", CreateUnplannedAsync).WithName("CreateUnplannedWeld")
            .WithSummary("Create an unplanned weld on a drawing (WLD-050/051)")
            .WithDescription("Required: drawingId, weldType, size, spec. Without `number` the WLD-051 proposal is used. The weld starts at 0%, " +
                "unplanned, NDE not required, budgeted MH 0, with the drawing's area, system and package. A number held by a non-retired weld answers 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        project.MapGet("/welds/{weldId:guid}", DetailAsync).WithName("GetWeld")
            .WithSummary("A weld with its milestones and history (weld and milestone events, newest first; WLD-059)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        project.MapDelete("/welds/{weldId:guid}", DeleteAsync).WithName("DeleteWeld")
            .WithSummary("Delete a weld permanently (WLD-058, owner/admin)")
            .WithDescription("Removes the weld, its component and all their events in one transaction (audited). Refused with 422 " +
                "\"Cannot delete a weld that has repair welds\" while a repair exists; deleting a repair lifts its parent's NDE lock (WLD-034). " +
                "Accepts an Idempotency-Key header.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        project.MapGet("/welds/export", ExportAsync).WithName("ExportWeldLog")
            .WithSummary("Export the weld log as CSV or Excel (RPT-032)")
            .WithDescription("`format` is `csv` (default) or `xlsx`. Takes the weld log's filters, `search`, `sort` (number, drawing, welder, date, type, " +
                "size, schedule, nde, status, xray, area, system, package, progress) and `dir` (asc/desc). Columns: Weld ID, Drawing, Welder, " +
                "Date Welded, Type, Size, Schedule, NDE Type, NDE Result, NDE Date, X-ray %, Area, System, Test Package, Status, Progress %. " +
                "Text cells starting with = + - @, a tab or a carriage return are prefixed with a single quote (formula injection).")
            .Produces(StatusCodes.Status200OK, contentType: WeldLogExport.CsvContentType)
            .Produces(StatusCodes.Status200OK, contentType: WeldLogExport.XlsxContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var weld = project.MapGroup("/welds/{weldId:guid}");
        Command(weld.MapPost("/assignment", AssignAsync), "AssignWelder", "Assign the welder and date welded (WLD-020/021)",
            "Sets Fit-up and Weld Complete to 100 (70% by default) and creates the weld_completed QC item. Refused when a welder is already assigned.");
        Command(weld.MapPut("/assignment", EditAssignmentAsync), "EditWeldAssignment", "Change the welder or date welded (WLD-022)",
            "Allowed with an NDE result (reason `incorrect_welder`); the event keeps the previous values.");
        Command(weld.MapPost("/assignment/clear", ClearAssignmentAsync), "ClearWeldAssignment", "Clear the welder and date (WLD-023)",
            "Needs a rollback reason; refused while an NDE result exists. Weld Complete goes to 0, Fit-up stays.");
        Command(weld.MapPost("/nde", RecordNdeAsync), "RecordNde", "Record the NDE result (WLD-030/031)",
            "PASS accepts and FAIL rejects the weld (every milestone 100); PENDING changes nothing. Needs an assigned welder.");
        Command(weld.MapPut("/nde", UpdateNdeAsync), "UpdateNde", "Change the NDE type, result, date or notes (WLD-032/034)",
            "Changing a PASS or FAIL result needs a rollback reason; going back to PENDING reverts the weld to 70%.");
        Command(weld.MapPost("/nde/clear", ClearNdeAsync), "ClearNde", "Clear the NDE result (WLD-033/034)",
            "Needs a rollback reason; reverts the weld (Fit-up and Weld Complete at 100, the rest 0). Locked once a repair exists.");
        Command(weld.MapPost("/repair", CreateRepairAsync), "CreateRepairWeld", "Create the repair of a FAIL weld (WLD-040..043)",
            "Number `{parent}.{depth}`, linked to the parent, Fit-up at 100 (10% by default), no welder, no NDE, budgeted MH 0. At most 10 repairs in a chain.", created: true);
        Command(weld.MapPost("/specs", UpdateSpecsAsync), "UpdateWeldSpecs", "Update weld type, size, schedule, base metal, spec, x-ray %, NDE required, notes (WLD-055)",
            "Omitted fields keep their value; the event keeps before and after.");
        Command(weld.MapPost("/reassign", ReassignAsync), "ReassignWeldDrawing", "Move an unwelded weld to another drawing (WLD-056)",
            "The weld takes the target drawing's area, system and package.");
        Command(weld.MapPost("/retire", RetireAsync), "RetireWeld", "Retire a weld and its component (WLD-057)",
            "The reason must be at least 10 characters; refused when repairs exist.");
        return api;
    }

    private static void Command(RouteHandlerBuilder route, string name, string summary, string description, bool created = false)
    {
        route.WithName(name).WithSummary(summary).WithDescription(description + " Accepts an Idempotency-Key header.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        if (created)
        {
            route.Produces<WeldDetail>(StatusCodes.Status201Created);
        }
        else
        {
            route.Produces<WeldDetail>();
        }
    }

    // ---- welders ----

    private static async Task<Results<Ok<IReadOnlyList<WelderRow>>, ProblemHttpResult>> ListWeldersAsync(
        Guid projectId, ClaimsPrincipal user, WeldQueries queries, CancellationToken ct) =>
        await queries.WeldersAsync(user, projectId, ct) is { } rows ? TypedResults.Ok(rows) : ProjectNotFound();

    private static async Task<Results<Created<WelderRow>, ProblemHttpResult>> AddWelderAsync(
        Guid projectId, [FromBody] WelderRequest? request, ClaimsPrincipal user, WelderCommands commands, WeldQueries queries, CancellationToken ct)
    {
        var result = await commands.AddAsync(user, projectId, request?.Stencil, request?.Name, ct);
        if (!result.Succeeded)
        {
            return Problem(result);
        }
        var row = await queries.WelderAsync(user, projectId, result.Id!.Value, ct);
        return TypedResults.Created($"/api/v1/projects/{projectId}/welders/{row!.Id}", row);
    }

    private static async Task<Results<Ok<WelderRow>, ProblemHttpResult>> EditWelderAsync(
        Guid projectId, Guid welderId, [FromBody] WelderRequest? request, ClaimsPrincipal user, WelderCommands commands, WeldQueries queries, CancellationToken ct) =>
        await WelderResultAsync(await commands.EditAsync(user, projectId, welderId, request?.Stencil, request?.Name, ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WelderRow>, ProblemHttpResult>> VerifyWelderAsync(
        Guid projectId, Guid welderId, ClaimsPrincipal user, WelderCommands commands, WeldQueries queries, CancellationToken ct) =>
        await WelderResultAsync(await commands.VerifyAsync(user, projectId, welderId, ct), user, projectId, queries, ct);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteWelderAsync(
        Guid projectId, Guid welderId, ClaimsPrincipal user, WelderCommands commands, CancellationToken ct)
    {
        var result = await commands.DeleteAsync(user, projectId, welderId, ct);
        return result.Succeeded ? TypedResults.NoContent() : Problem(result);
    }

    private static async Task<Results<Ok<WelderRow>, ProblemHttpResult>> WelderResultAsync(
        WeldCommandResult result, ClaimsPrincipal user, Guid projectId, WeldQueries queries, CancellationToken ct) =>
        result.Succeeded ? TypedResults.Ok((await queries.WelderAsync(user, projectId, result.Id!.Value, ct))!) : Problem(result);

    // ---- weld log and detail ----

    private static async Task<Results<Ok<WeldLogPage>, ValidationProblem, ProblemHttpResult>> LogAsync(
        Guid projectId, ClaimsPrincipal user, WeldQueries queries, CancellationToken ct,
        Guid? drawingId = null, string? welderId = null, Guid? packageId = null, Guid? systemId = null, Guid? areaId = null,
        string? status = null, string? ndeResult = null, string? search = null, bool showRetired = false, int page = 1, int pageSize = 50,
        string? sort = null, string? dir = null)
    {
        var (filter, errors) = ParseFilter(drawingId, welderId, packageId, systemId, areaId, status, ndeResult, search, showRetired, page, pageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The weld log filter is not valid");
        }
        return await queries.LogAsync(user, projectId, filter, WeldLogSort.Parse(sort, dir), ct) is { } log ? TypedResults.Ok(log) : ProjectNotFound();
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        Guid projectId, ClaimsPrincipal user, WeldQueries queries, TimeProvider clock, CancellationToken ct,
        Guid? drawingId = null, string? welderId = null, Guid? packageId = null, Guid? systemId = null, Guid? areaId = null,
        string? status = null, string? ndeResult = null, string? search = null, bool showRetired = false,
        string? sort = null, string? dir = null, string? format = null)
    {
        var (filter, errors) = ParseFilter(drawingId, welderId, packageId, systemId, areaId, status, ndeResult, search, showRetired, 1, WeldLogFilter.MaxPageSize);
        var kind = WeldLogExport.ParseFormat(format);
        if (kind is null)
        {
            errors["format"] = [WeldLogExport.FormatMessage];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The weld log export is not valid");
        }
        var rows = await queries.ExportRowsAsync(user, projectId, filter, WeldLogSort.Parse(sort, dir), ct);
        if (rows is null)
        {
            return ProjectNotFound();
        }
        var file = WeldLogExport.Build(rows, kind!.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid projectId, Guid weldId, ClaimsPrincipal user, WeldCommands commands, CancellationToken ct)
    {
        var result = await commands.DeleteAsync(user, projectId, weldId, ct);
        return result.Succeeded ? TypedResults.NoContent() : Problem(result);
    }

    /// <summary>WLD-081 query parameters into a filter, with a message per invalid parameter.</summary>
    private static (WeldLogFilter Filter, Dictionary<string, string[]> Errors) ParseFilter(
        Guid? drawingId, string? welderId, Guid? packageId, Guid? systemId, Guid? areaId,
        string? status, string? ndeResult, string? search, bool showRetired, int page, int pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? welder = null;
        var unassigned = string.Equals(welderId?.Trim(), "unassigned", StringComparison.OrdinalIgnoreCase);
        if (!unassigned && !string.IsNullOrWhiteSpace(welderId))
        {
            if (Guid.TryParse(welderId, out var id))
            {
                welder = id;
            }
            else
            {
                errors["welderId"] = ["welderId must be a welder id or 'unassigned'"];
            }
        }
        WeldStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (WeldCodes.TryParseStatus(status, out var s))
            {
                statusFilter = s;
            }
            else
            {
                errors["status"] = ["status must be active, accepted or rejected"];
            }
        }
        NdeResult? resultFilter = null;
        if (!string.IsNullOrWhiteSpace(ndeResult))
        {
            if (WeldCodes.TryParseNdeResult(ndeResult, out var r))
            {
                resultFilter = r;
            }
            else
            {
                errors["ndeResult"] = [WeldCommands.NdeResultMessage];
            }
        }
        return (new WeldLogFilter(drawingId, welder, unassigned, packageId, systemId, areaId, statusFilter, resultFilter, search, showRetired, page, pageSize), errors);
    }

    private static async Task<Results<Ok<NextNumberResponse>, ProblemHttpResult>> NextNumberAsync(
        Guid projectId, ClaimsPrincipal user, WeldQueries queries, WeldCommands commands, CancellationToken ct, Guid? drawingId = null)
    {
        if (!await queries.ProjectVisibleAsync(user, projectId, ct))
        {
            return ProjectNotFound();
        }
        if (drawingId is { } id && !await queries.DrawingExistsAsync(projectId, id, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: WeldCommands.DrawingNotFoundMessage);
        }
        return TypedResults.Ok(new NextNumberResponse(await commands.NextNumberAsync(projectId, ct)));
    }

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> DetailAsync(
        Guid projectId, Guid weldId, ClaimsPrincipal user, WeldQueries queries, CancellationToken ct) =>
        await queries.DetailAsync(user, projectId, weldId, ct) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: WeldCommands.WeldNotFoundMessage);

    // ---- weld commands ----

    private static async Task<Results<Created<WeldDetail>, ProblemHttpResult>> CreateUnplannedAsync(
        Guid projectId, [FromBody] UnplannedWeldRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct)
    {
        var input = new UnplannedWeldInput(
            request?.DrawingId, request?.Number, request?.WeldType, request?.Size, request?.Spec, request?.Schedule, request?.BaseMetal, request?.Notes, request?.XRayPercent);
        var result = await commands.CreateUnplannedAsync(user, projectId, input, ct);
        if (!result.Succeeded)
        {
            return Problem(result);
        }
        var detail = (await queries.DetailAsync(user, projectId, result.Id!.Value, ct))!;
        return TypedResults.Created($"/api/v1/projects/{projectId}/welds/{detail.Weld.Id}", detail);
    }

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> AssignAsync(
        Guid projectId, Guid weldId, [FromBody] AssignmentRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.AssignAsync(user, projectId, weldId, Assignment(request), ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> EditAssignmentAsync(
        Guid projectId, Guid weldId, [FromBody] AssignmentRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.EditAssignmentAsync(user, projectId, weldId, Assignment(request), ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> ClearAssignmentAsync(
        Guid projectId, Guid weldId, [FromBody] RollbackRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.ClearAssignmentAsync(user, projectId, weldId, new RollbackInput(request?.Reason, request?.Details), ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> RecordNdeAsync(
        Guid projectId, Guid weldId, [FromBody] NdeRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.RecordNdeAsync(user, projectId, weldId, Nde(request), ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> UpdateNdeAsync(
        Guid projectId, Guid weldId, [FromBody] NdeRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.UpdateNdeAsync(user, projectId, weldId, Nde(request), ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> ClearNdeAsync(
        Guid projectId, Guid weldId, [FromBody] RollbackRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.ClearNdeAsync(user, projectId, weldId, new RollbackInput(request?.Reason, request?.Details), ct), user, projectId, queries, ct);

    private static async Task<Results<Created<WeldDetail>, ProblemHttpResult>> CreateRepairAsync(
        Guid projectId, Guid weldId, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct)
    {
        var result = await commands.CreateRepairAsync(user, projectId, weldId, ct);
        if (!result.Succeeded)
        {
            return Problem(result);
        }
        var detail = (await queries.DetailAsync(user, projectId, result.Id!.Value, ct))!;
        return TypedResults.Created($"/api/v1/projects/{projectId}/welds/{detail.Weld.Id}", detail);
    }

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> UpdateSpecsAsync(
        Guid projectId, Guid weldId, [FromBody] WeldSpecsRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct)
    {
        var input = new WeldSpecsInput(
            request?.WeldType, request?.Size, request?.Schedule, request?.BaseMetal, request?.Spec, request?.XRayPercent, request?.NdeRequired, request?.Notes);
        return await DetailResultAsync(await commands.UpdateSpecsAsync(user, projectId, weldId, input, ct), user, projectId, queries, ct);
    }

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> ReassignAsync(
        Guid projectId, Guid weldId, [FromBody] ReassignRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.ReassignDrawingAsync(user, projectId, weldId, request?.DrawingId, ct), user, projectId, queries, ct);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> RetireAsync(
        Guid projectId, Guid weldId, [FromBody] RetireRequest? request, ClaimsPrincipal user, WeldCommands commands, WeldQueries queries, CancellationToken ct) =>
        await DetailResultAsync(await commands.RetireAsync(user, projectId, weldId, request?.Reason, ct), user, projectId, queries, ct);

    private static AssignWelderInput Assignment(AssignmentRequest? r) => new(r?.WelderId, r?.DateWelded, r?.Reason, r?.Details);

    private static NdeInput Nde(NdeRequest? r) => new(r?.Type, r?.Result, r?.Date, r?.Notes, r?.Reason, r?.Details);

    private static async Task<Results<Ok<WeldDetail>, ProblemHttpResult>> DetailResultAsync(
        WeldCommandResult result, ClaimsPrincipal user, Guid projectId, WeldQueries queries, CancellationToken ct) =>
        result.Succeeded ? TypedResults.Ok((await queries.DetailAsync(user, projectId, result.Id!.Value, ct))!) : Problem(result);

    private static ProblemHttpResult ProjectNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: WeldProject.NotFoundMessage);

    /// <summary>ProblemDetails with the spec message in <c>detail</c>.</summary>
    public static ProblemHttpResult Problem(WeldCommandResult result) => result.Status switch
    {
        WeldCommandStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Message),
        WeldCommandStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Message),
        WeldCommandStatus.Archived => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project archived", detail: result.Message),
        WeldCommandStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not allowed", detail: result.Message),
    };
}
