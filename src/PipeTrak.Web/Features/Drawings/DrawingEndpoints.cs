using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Rollups;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>TRK-050 roll-up: <c>display</c> is <c>{completed}/{total} • {average}%</c>; <c>average</c> is unrounded.</summary>
public sealed record RollupResponse(int Total, int Completed, decimal Average, string Status, string Display)
{
    public static RollupResponse From(RollupFigures f) => new(f.Total, f.Completed, f.Average, f.Status.Code(), f.Display);
}

public sealed record NamedRef(Guid Id, string Name);

/// <summary>A drawing as the API shows it. <c>version</c> goes back in PATCH (TRK-078).</summary>
public sealed record DrawingResponse(
    Guid Id, string Number, string NormalizedNumber, string Title, string Revision, string Sheet,
    NamedRef? Area, NamedRef? System, NamedRef? Package, bool Retired, DateTime? RetiredAt, string? RetiredReason, Guid Version, RollupResponse Rollup)
{
    public static DrawingResponse From(DrawingRow d) => new(
        d.Id, d.Number, d.NormalizedNumber, d.Title, d.Revision, d.Sheet,
        Ref(d.AreaId, d.AreaName), Ref(d.SystemId, d.SystemName), Ref(d.PackageId, d.PackageName),
        d.IsRetired, d.RetiredAt, d.RetiredReason, d.Version, RollupResponse.From(d.Rollup));

    private static NamedRef? Ref(Guid? id, string? name) => id is { } v ? new NamedRef(v, name ?? "") : null;
}

public sealed record DrawingListResponse(IReadOnlyList<DrawingResponse> Items, int Total, int Page, int PageSize, int PageCount);

public sealed record FieldCountsResponse(int Area, int System, int Package)
{
    public static FieldCountsResponse From(FieldCounts c) => new(c.Area, c.System, c.Package);
}

/// <summary>TRK-073: <c>drawingUpdated</c> and the components updated per field.</summary>
public sealed record DrawingEditResponse(DrawingResponse Drawing, bool DrawingUpdated, FieldCountsResponse ComponentsUpdated);

/// <summary>TRK-074 result.</summary>
public sealed record BulkAssignResponse(int DrawingsUpdated, FieldCountsResponse DrawingsPerField, FieldCountsResponse ComponentsUpdated, string Summary);

/// <summary>
/// PATCH body. <c>title</c>/<c>revision</c>: omitted or null keeps the value. <c>area</c>, <c>system</c>,
/// <c>package</c>: omitted, null or <c>no_change</c> keeps it; <c>none</c> clears it; an id sets it.
/// <c>version</c> is the one you read (TRK-078).
/// </summary>
public sealed record EditDrawingRequest(string? Title, string? Revision, string? Area, string? System, string? Package, Guid? Version);

/// <summary>TRK-074: up to 50 ids; per field <c>no_change</c> (or omitted), <c>none</c> or an id.</summary>
public sealed record BulkAssignRequest(List<Guid>? DrawingIds, string? Area, string? System, string? Package);

/// <summary>TRK-061: reason of at least 10 characters.</summary>
public sealed record RetireDrawingRequest(string? Reason);

/// <summary>/api/v1 drawing routes: the same use cases as the drawing pages.</summary>
public static class DrawingEndpoints
{
    public static RouteGroupBuilder MapDrawings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/drawings").WithTags("Drawings").RequireMembership();
        group.MapGet("", ListAsync).WithName("ListDrawings")
            .WithSummary("List drawings with search, filters, natural sort and paging")
            .WithDescription("`search` matches the normalized number (TRK-014) or the title. `area`, `system`, `package`: an id or `none` (not assigned). " +
                "`status`: `not_started`, `in_progress` or `complete` (TRK-050 thresholds). `retired=true` includes retired drawings (TRK-060). " +
                "`sort`: `number` (natural order, default), `-number`, `title`, `-title`. `page` from 1, `pageSize` up to 200 (default 50).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{drawingId:guid}", GetAsync).WithName("GetDrawing")
            .WithSummary("Get a drawing with its roll-up (TRK-050)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{drawingId:guid}", EditAsync).WithName("EditDrawing")
            .WithSummary("Edit a drawing's title, revision, area, system or package (TRK-073, TRK-078)")
            .WithDescription("A changed area, system or package (none included) is written to every non-retired component on the drawing in the same transaction; " +
                "the response counts the components updated per field. Title and revision need owner, admin or project manager; metadata also foreman. " +
                "A stale `version` answers 409 with the current drawing in `current`. Example body: `{\"area\":\"none\",\"package\":\"0193…\",\"version\":\"…\"}`.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/bulk-assign", BulkAssignAsync).WithName("BulkAssignDrawings")
            .WithSummary("Assign area, system and package to up to 50 drawings (TRK-074)")
            .WithDescription("Per field `no_change`, `none` or an id; one transaction applying TRK-073 per drawing. More than 50 ids answers 422 \"Select at most 50 drawings\". " +
                "Example body: `{\"drawingIds\":[\"…\"],\"area\":\"…\",\"system\":\"none\",\"package\":\"no_change\"}`.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{drawingId:guid}/retire", RetireAsync).WithName("RetireDrawing")
            .WithSummary("Retire a drawing and its components (TRK-061; owner, admin, project manager)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{drawingId:guid}/restore", RestoreAsync).WithName("RestoreDrawing")
            .WithSummary("Restore a retired drawing and the components retired with it (TRK-063)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<DrawingListResponse>, ProblemHttpResult>> ListAsync(
        Guid projectId, ClaimsPrincipal user, ProjectOperations projects, DrawingQueries queries, CancellationToken ct,
        string? search = null, string? area = null, string? system = null, string? package = null, string? status = null,
        bool retired = false, string? sort = null, int page = 1, int pageSize = DrawingListQuery.DefaultPageSize)
    {
        if (await projects.FindAsync(user, projectId, ct) is null)
        {
            return ProjectNotFound();
        }
        var query = new DrawingListQuery(search, RefFilter.Parse(area), RefFilter.Parse(system), RefFilter.Parse(package),
            DrawingRules.ParseStatus(status), retired, DrawingListQuery.ParseSort(sort), page, pageSize);
        var result = await queries.ListAsync(projectId, query, ct);
        return TypedResults.Ok(new DrawingListResponse([.. result.Rows.Select(DrawingResponse.From)], result.Total, result.Page, result.PageSize, result.PageCount));
    }

    private static async Task<Results<Ok<DrawingResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid drawingId, ClaimsPrincipal user, ProjectOperations projects, DrawingQueries queries, CancellationToken ct)
    {
        if (await projects.FindAsync(user, projectId, ct) is null)
        {
            return ProjectNotFound();
        }
        var drawing = await queries.FindAsync(projectId, drawingId, ct);
        return drawing is null ? Problem(DrawingOutcome.NotFound) : TypedResults.Ok(DrawingResponse.From(drawing));
    }

    private static async Task<Results<Ok<DrawingEditResponse>, ProblemHttpResult>> EditAsync(
        Guid projectId, Guid drawingId, [FromBody] EditDrawingRequest? request, ClaimsPrincipal user,
        DrawingCommands commands, DrawingQueries queries, CancellationToken ct)
    {
        var choices = new[] { request?.Area, request?.System, request?.Package }.Select(v => FieldChoice.Parse(v)).ToArray();
        if (choices.Any(c => c is null || c.Value.Kind == FieldChoiceKind.New))
        {
            return Problem(DrawingOutcome.Invalid(DrawingRules.InvalidChoice));
        }
        var outcome = await commands.EditAsync(user, projectId, drawingId,
            new DrawingEdit(request?.Title, request?.Revision, choices[0]!.Value, choices[1]!.Value, choices[2]!.Value, request?.Version), ct);
        var current = outcome.Kind is DrawingOutcomeKind.Ok or DrawingOutcomeKind.Conflict ? await queries.FindAsync(projectId, drawingId, ct) : null;
        if (outcome.Succeeded && current is not null)
        {
            var p = outcome.Propagation!;
            return TypedResults.Ok(new DrawingEditResponse(DrawingResponse.From(current), p.DrawingUpdated, FieldCountsResponse.From(p.ComponentsUpdated)));
        }
        return Problem(outcome, current);
    }

    private static async Task<Results<Ok<BulkAssignResponse>, ProblemHttpResult>> BulkAssignAsync(
        Guid projectId, [FromBody] BulkAssignRequest? request, ClaimsPrincipal user, DrawingCommands commands, CancellationToken ct)
    {
        var choices = new[] { request?.Area, request?.System, request?.Package }.Select(v => FieldChoice.Parse(v)).ToArray();
        if (choices.Any(c => c is null || c.Value.Kind == FieldChoiceKind.New))
        {
            // Still 404 first for a project the caller cannot see.
            var probe = await commands.BulkAssignAsync(user, projectId, [], FieldChoice.NoChange, FieldChoice.NoChange, FieldChoice.NoChange, ct);
            return Problem(probe.Kind is DrawingOutcomeKind.NotFound or DrawingOutcomeKind.Forbidden or DrawingOutcomeKind.Archived ? probe : DrawingOutcome.Invalid(DrawingRules.InvalidChoice));
        }
        var outcome = await commands.BulkAssignAsync(user, projectId, request?.DrawingIds, choices[0]!.Value, choices[1]!.Value, choices[2]!.Value, ct);
        if (!outcome.Succeeded)
        {
            return Problem(outcome);
        }
        var b = outcome.Bulk!;
        return TypedResults.Ok(new BulkAssignResponse(b.DrawingsUpdated, FieldCountsResponse.From(b.DrawingsPerField), FieldCountsResponse.From(b.ComponentsUpdated), b.Summary));
    }

    private static async Task<Results<Ok<DrawingResponse>, ProblemHttpResult>> RetireAsync(
        Guid projectId, Guid drawingId, [FromBody] RetireDrawingRequest? request, ClaimsPrincipal user,
        DrawingCommands commands, DrawingQueries queries, CancellationToken ct)
    {
        var outcome = await commands.RetireAsync(user, projectId, drawingId, request?.Reason, ct);
        return await AfterAsync(outcome, projectId, drawingId, queries, ct);
    }

    private static async Task<Results<Ok<DrawingResponse>, ProblemHttpResult>> RestoreAsync(
        Guid projectId, Guid drawingId, ClaimsPrincipal user, DrawingCommands commands, DrawingQueries queries, CancellationToken ct)
    {
        var outcome = await commands.RestoreAsync(user, projectId, drawingId, ct);
        return await AfterAsync(outcome, projectId, drawingId, queries, ct);
    }

    private static async Task<Results<Ok<DrawingResponse>, ProblemHttpResult>> AfterAsync(
        DrawingOutcome outcome, Guid projectId, Guid drawingId, DrawingQueries queries, CancellationToken ct)
    {
        if (!outcome.Succeeded)
        {
            return Problem(outcome);
        }
        var drawing = await queries.FindAsync(projectId, drawingId, ct);
        return drawing is null ? Problem(DrawingOutcome.NotFound) : TypedResults.Ok(DrawingResponse.From(drawing));
    }

    private static ProblemHttpResult Problem(DrawingOutcome outcome, DrawingRow? current = null)
    {
        var title = outcome.Kind switch
        {
            DrawingOutcomeKind.NotFound => "Not found",
            DrawingOutcomeKind.Forbidden => "Forbidden",
            DrawingOutcomeKind.Archived => "Project archived",
            DrawingOutcomeKind.Conflict => "Conflict",
            _ => "Drawing not changed",
        };
        var extensions = new Dictionary<string, object?>();
        if (outcome.Field is { } field)
        {
            extensions["field"] = char.ToLowerInvariant(field[0]) + field[1..];
        }
        if (current is not null)
        {
            extensions["current"] = DrawingResponse.From(current);
        }
        return TypedResults.Problem(statusCode: outcome.StatusCode, title: title, detail: outcome.Message, extensions: extensions);
    }

    private static ProblemHttpResult ProjectNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project does not exist.");
}
