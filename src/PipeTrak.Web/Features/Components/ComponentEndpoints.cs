using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Api;

namespace PipeTrak.Web.Features.Components;

/// <summary>A component in API lists (no manhour fields: TRK-090). <c>display</c> is the TRK-010 display form; <c>milestones</c> every template milestone in order (absent = 0).</summary>
public sealed record ComponentResponse(
    Guid Id, string Type, string IdentityKey, string Display, Guid? DrawingId, string? DrawingNumber, string? Area, string? System,
    string? Package, bool PackageInherited, decimal Percent, bool Retired, Dictionary<string, int> Milestones)
{
    public static ComponentResponse From(ComponentRow r) => new(
        r.Id, r.Type.Code(), r.IdentityKey, r.Display, r.DrawingId, r.DrawingNumber, r.AreaName, r.SystemName, r.PackageName, r.PackageInherited,
        r.Percent, r.Retired, r.Milestones.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal));
}

public sealed record ComponentListResponse(int Total, int Page, int PageSize, IReadOnlyList<ComponentResponse> Items);

public sealed record MetadataResponse(Guid? OwnId, string? Name, string Badge);

public sealed record ComponentDetailResponse(
    ComponentResponse Component, Guid Version, DateTime CreatedAt, DateTime? RetiredAt, string? RetiredReason,
    MetadataResponse Area, MetadataResponse System, MetadataResponse Package, Dictionary<string, string> Attributes, IReadOnlyList<HistoryItem> History);

/// <summary>One batch item (TRK-040): <c>value</c> 0-100 or true/false; <c>reason</c>/<c>details</c> for a decrease (TRK-042).</summary>
public sealed record BatchMilestoneItem(Guid ComponentId, string? Milestone, JsonElement? Value, string? Reason, string? Details);

/// <summary>Per-item result: <c>status</c> updated | unchanged | failed, with the HTTP status the single call would have answered.</summary>
public sealed record BatchMilestoneResult(int Index, Guid ComponentId, string? Milestone, string Status, int HttpStatus, string? Error, decimal? Percent, MilestoneEventResponse? Event);

public sealed record BatchMilestoneResponse(int Attempted, int Updated, int Unchanged, int Failed, IReadOnlyList<BatchMilestoneResult> Results);

public sealed record BulkReceiveRequest(List<Guid>? ComponentIds);

public sealed record BulkReceiveResponse(int Attempted, int Updated, int Skipped, int Failed, string Summary, IReadOnlyList<BulkReceiveFailure> Failures);

/// <summary>/api/v1 component reads, milestone batch and TRK-080 bulk receive.</summary>
public static class ComponentEndpoints
{
    public const int MaxBatch = 500;
    public static readonly string BatchTooLargeMessage = string.Create(CultureInfo.InvariantCulture, $"Send at most {MaxBatch} items per batch");
    public const string BatchEmptyMessage = "Send at least one item in `items`";

    public static RouteGroupBuilder MapComponentEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}").WithTags("Components").RequireMembership();
        group.MapGet("/components", ListAsync).WithName("ListComponents")
            .WithSummary("List a project's components (filters, search, sort, paging)")
            .WithDescription("Query: `type` (code, e.g. `valve`), `area`, `system`, `package` (effective package, TRK-072), `drawing` (ids), " +
                "`progress` (`not_started` | `in_progress` | `complete`, TRK-050), `q` (identity or drawing number), `sort` (`identity` | `type` | `drawing` | `percent`), " +
                "`dir` (`asc` | `desc`), `retired=true` to include retired components (TRK-060), `page` (1-based), `size` (1-200, default 50).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/components/{componentId:guid}", GetAsync).WithName("GetComponent")
            .WithSummary("Get a component with metadata badges (TRK-076), attributes and history (newest first)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/milestones/batch", BatchAsync).WithName("BatchUpdateMilestones")
            .WithSummary("Set many milestones; each item is its own transaction (TRK-040..047)")
            .WithDescription("Body: `{ \"items\": [ { \"componentId\": \"…\", \"milestone\": \"Receive\", \"value\": 100 }, " +
                "{ \"componentId\": \"…\", \"milestone\": \"Erect\", \"value\": 0, \"reason\": \"qc_rejection\" } ] }` (a bare array is accepted too). " +
                "Each item is applied like the single update, in order; one failure never undoes the others. The answer lists a result per item " +
                "(`updated`, `unchanged` or `failed` with the exact message). Send an `Idempotency-Key` header to make a retry safe. At most 500 items.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/components/bulk-receive", BulkReceiveAsync).WithName("BulkReceiveComponents")
            .WithSummary("Mark components received (TRK-080; owner, admin, project manager, foreman)")
            .WithDescription("Body: `{ \"componentIds\": [\"…\", \"…\"] }` (at most 1,000). Sets Receive = 100 where it is below 100; components already received " +
                "or without Receive are skipped. Answers the summary `Attempted a · Updated u · Skipped s · Failed f` and a reason per failure.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project or component does not exist.");

    private static async Task<Results<Ok<ComponentListResponse>, ProblemHttpResult>> ListAsync(
        Guid projectId, HttpRequest http, ClaimsPrincipal user, ProjectOperations projects, ComponentQueries queries, CancellationToken ct)
    {
        if (await projects.FindAsync(user, projectId, ct) is null)
        {
            return NotFound();
        }
        var page = await queries.ListAsync(projectId, ComponentFilter.From(http.Query), ct);
        return TypedResults.Ok(new ComponentListResponse(page.Total, page.Filter.Page, page.Filter.PageSize, page.Rows.Select(ComponentResponse.From).ToList()));
    }

    private static async Task<Results<Ok<ComponentDetailResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid componentId, ClaimsPrincipal user, ProjectOperations projects, ComponentQueries queries, CancellationToken ct)
    {
        var detail = await projects.FindAsync(user, projectId, ct) is null ? null : await queries.DetailAsync(projectId, componentId, ct);
        if (detail is null)
        {
            return NotFound();
        }
        static MetadataResponse M(MetadataValue v) => new(v.OwnId, v.Name, v.Badge.ToString().ToLowerInvariant());
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in detail.Attributes)
        {
            attributes[kv.Key] = kv.Value;
        }
        return TypedResults.Ok(new ComponentDetailResponse(ComponentResponse.From(detail.Row), detail.Version, detail.CreatedAt, detail.RetiredAt, detail.RetiredReason,
            M(detail.Area), M(detail.System), M(detail.Package), attributes, detail.History));
    }

    private static async Task<Results<Ok<BatchMilestoneResponse>, ProblemHttpResult>> BatchAsync(
        Guid projectId, [FromBody] JsonElement? body, HttpRequest http, ClaimsPrincipal user, ProjectOperations projects, MilestoneCommands commands, CancellationToken ct)
    {
        if (await projects.FindAsync(user, projectId, ct) is null)
        {
            return NotFound();
        }
        var items = ReadItems(body, out var error);
        if (items is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: error);
        }
        var key = http.Headers[IdempotencyMiddleware.HeaderName].ToString();
        var results = new List<BatchMilestoneResult>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var input = new MilestoneUpdateInput(ParseValue(item.Value), RollbackReason: item.Reason, RollbackDetails: item.Details,
                IdempotencyKey: string.IsNullOrEmpty(key) ? null : string.Create(CultureInfo.InvariantCulture, $"{key}:{i}"));
            var result = await commands.UpdateAsync(user, projectId, item.ComponentId, item.Milestone ?? "", input, ct);
            if (result.Status == MilestoneCommandStatus.Forbidden && i == 0)
            {
                // The role is the caller's, not the item's: refuse the whole batch as the single call would.
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Message);
            }
            results.Add(result.Status switch
            {
                MilestoneCommandStatus.Ok => new BatchMilestoneResult(i, item.ComponentId, item.Milestone, result.Event is null ? "unchanged" : "updated", 200, null,
                    result.State!.Percent, result.Event is null ? null : MilestoneEventResponse.From(result.Event)),
                MilestoneCommandStatus.NotFound => new BatchMilestoneResult(i, item.ComponentId, item.Milestone, "failed", 404, "The component does not exist.", null, null),
                MilestoneCommandStatus.Forbidden => new BatchMilestoneResult(i, item.ComponentId, item.Milestone, "failed", 403, result.Message, null, null),
                MilestoneCommandStatus.Archived or MilestoneCommandStatus.Conflict => new BatchMilestoneResult(i, item.ComponentId, item.Milestone, "failed", 409,
                    result.Message ?? "The milestone was changed by someone else. Review the current value and try again.", result.State?.Percent, null),
                _ => new BatchMilestoneResult(i, item.ComponentId, item.Milestone, "failed", 422, result.Message, null, null),
            });
        }
        return TypedResults.Ok(new BatchMilestoneResponse(results.Count, results.Count(r => r.Status == "updated"),
            results.Count(r => r.Status == "unchanged"), results.Count(r => r.Status == "failed"), results));
    }

    private static async Task<Results<Ok<BulkReceiveResponse>, ProblemHttpResult>> BulkReceiveAsync(
        Guid projectId, [FromBody] BulkReceiveRequest? body, HttpRequest http, ClaimsPrincipal user, BulkReceiveCommand command, CancellationToken ct)
    {
        var key = http.Headers[IdempotencyMiddleware.HeaderName].ToString();
        var outcome = await command.RunAsync(user, projectId, body?.ComponentIds ?? [], string.IsNullOrEmpty(key) ? null : key, ct);
        return outcome.Status switch
        {
            BulkReceiveStatus.NotFound => NotFound(),
            BulkReceiveStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: outcome.Message),
            BulkReceiveStatus.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: outcome.Message),
            _ => TypedResults.Ok(new BulkReceiveResponse(outcome.Result!.Attempted, outcome.Result.Updated, outcome.Result.Skipped, outcome.Result.Failed,
                outcome.Result.Summary, outcome.Result.Failures)),
        };
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Items from <c>{ "items": [...] }</c> or a bare array; null with a message when unusable.</summary>
    private static List<BatchMilestoneItem>? ReadItems(JsonElement? body, out string error)
    {
        error = BatchEmptyMessage;
        var array = body switch
        {
            { ValueKind: JsonValueKind.Array } a => a,
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("items", out var i) && i.ValueKind == JsonValueKind.Array => i,
            _ => (JsonElement?)null,
        };
        if (array is null || array.Value.GetArrayLength() == 0)
        {
            return null;
        }
        if (array.Value.GetArrayLength() > MaxBatch)
        {
            error = BatchTooLargeMessage;
            return null;
        }
        try
        {
            var items = array.Value.Deserialize<List<BatchMilestoneItem>>(Json);
            if (items is null || items.Any(i => i is null))
            {
                return null;
            }
            return items;
        }
        catch (JsonException)
        {
            error = "Each item needs `componentId` (a GUID), `milestone` and `value`.";
            return null;
        }
    }

    /// <summary>TRK-040: a number, or true/false as 100/0; anything else is null (refused at TRK-041 step 5).</summary>
    private static decimal? ParseValue(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.Number => value.Value.TryGetDecimal(out var d) ? d : null,
        JsonValueKind.True => MilestoneValue.Complete.Value,
        JsonValueKind.False => MilestoneValue.Zero.Value,
        _ => null,
    };
}
