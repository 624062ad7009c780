using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Web.Features.Review;

/// <summary>WLD-071: an optional note of at most 500 characters.</summary>
public sealed record ReviewDecisionRequest(string? Note);

/// <summary>/api/v1 QC review items (WLD-070/071): list, read, resolve, ignore.</summary>
public static class ReviewEndpoints
{
    public static RouteGroupBuilder MapReviewItems(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/review-items").WithTags("Review").RequireMembership();
        group.MapGet("/", ListAsync).WithName("ListReviewItems")
            .WithSummary("QC review items the caller may see (WLD-070/071), newest first")
            .WithDescription("`status`: pending (default), resolved, ignored or all; `type`: weld_completed, verify_welder, similar_drawing, " +
                "credit_at_risk or nde_penalty. `weld_completed` items are visible to QC inspectors only. `age` is gray (under 1 day), " +
                "amber (1-3 days) or red (over 3 days); `canResolve` tells whether the caller may resolve the item. At most 500 items.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{itemId:guid}", GetAsync).WithName("GetReviewItem")
            .WithSummary("One QC review item")
            .ProducesProblem(StatusCodes.Status404NotFound);
        Decision(group.MapPost("/{itemId:guid}/resolve", ResolveAsync), "ResolveReviewItem", "Resolve a pending review item (WLD-071)");
        Decision(group.MapPost("/{itemId:guid}/ignore", IgnoreAsync), "IgnoreReviewItem", "Ignore a pending review item (WLD-071)");
        return api;
    }

    private static void Decision(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithSummary(summary)
            .WithDescription("Body `{ \"note\": \"Checked on site\" }` (optional, at most 500 characters). Records who and when. " +
                "`weld_completed` items: QC inspectors only; other types: owner, admin, project manager or QC inspector. " +
                "A resolved item no longer blocks its package (PKG-031). An item already handled answers 422. Accepts an Idempotency-Key header.")
            .Produces<ReviewItemRow>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Results<Ok<IReadOnlyList<ReviewItemRow>>, ProblemHttpResult>> ListAsync(
        Guid projectId, ClaimsPrincipal user, ReviewItems items, CancellationToken ct, string? status = null, string? type = null) =>
        await items.ListAsync(user, projectId, ReviewFilter.From(status, type), ct) is { } rows
            ? TypedResults.Ok(rows)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: WeldProject.NotFoundMessage);

    private static async Task<Results<Ok<ReviewItemRow>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid itemId, ClaimsPrincipal user, ReviewItems items, CancellationToken ct) =>
        await items.GetAsync(user, projectId, itemId, ct) is { } row
            ? TypedResults.Ok(row)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ReviewRules.NotFoundMessage);

    private static Task<Results<Ok<ReviewItemRow>, ProblemHttpResult>> ResolveAsync(
        Guid projectId, Guid itemId, [FromBody] ReviewDecisionRequest? request, ClaimsPrincipal user, ReviewItems items, CancellationToken ct) =>
        DecideAsync(projectId, itemId, ignore: false, request?.Note, user, items, ct);

    private static Task<Results<Ok<ReviewItemRow>, ProblemHttpResult>> IgnoreAsync(
        Guid projectId, Guid itemId, [FromBody] ReviewDecisionRequest? request, ClaimsPrincipal user, ReviewItems items, CancellationToken ct) =>
        DecideAsync(projectId, itemId, ignore: true, request?.Note, user, items, ct);

    private static async Task<Results<Ok<ReviewItemRow>, ProblemHttpResult>> DecideAsync(
        Guid projectId, Guid itemId, bool ignore, string? note, ClaimsPrincipal user, ReviewItems items, CancellationToken ct)
    {
        var result = await items.HandleAsync(user, projectId, itemId, ignore, note, ct);
        return result.Succeeded ? TypedResults.Ok((await items.GetAsync(user, projectId, itemId, ct))!) : WeldEndpoints.Problem(result);
    }
}
