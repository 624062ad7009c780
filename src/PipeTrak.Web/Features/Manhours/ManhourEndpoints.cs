using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.Web.Features.Manhours;

/// <summary>TRK-091: a new budget version. <c>effectiveDate</c> (YYYY-MM-DD) defaults to today in the project's time zone.</summary>
public sealed record CreateBudgetRequest(decimal? TotalManhours, string? Reason, DateOnly? EffectiveDate);

/// <summary>A budget version; <c>warnings</c> are the distribution's (at most 500 kept, <c>warningCount</c> in all).</summary>
public sealed record BudgetResponse(
    Guid Id, int Version, decimal TotalManhours, string Reason, DateOnly EffectiveDate, bool IsActive, Guid? CreatedBy, string? CreatedByName,
    DateTime CreatedAt, DateTime DistributedAt, int ComponentCount, decimal DistributedManhours, int WarningCount, IReadOnlyList<string> Warnings)
{
    public static BudgetResponse From(BudgetView b) => new(
        b.Id, b.Number, b.TotalManhours, b.Reason, b.EffectiveDate, b.IsActive, b.CreatedByUserId, b.CreatedByName,
        b.CreatedAt, b.DistributedAt, b.ComponentCount, b.DistributedManhours, b.WarningCount, b.Warnings);
}

/// <summary>TRK-096 per drawing; <c>drawingId</c> null groups the components without a drawing.</summary>
public sealed record DrawingManhoursResponse(Guid? DrawingId, string? DrawingNumber, int Components, decimal Budgeted, decimal Earned, decimal Remaining, decimal? EarnedPercent);

/// <summary>TRK-096: project totals (earned % only with an active budget) and the per-drawing rows.</summary>
public sealed record ProjectManhoursResponse(
    BudgetResponse? ActiveBudget, decimal Budgeted, decimal Earned, decimal Remaining, decimal? EarnedPercent, int AdditionsSinceActive,
    IReadOnlyList<DrawingManhoursResponse> Drawings);

/// <summary>/api/v1 manhour budgets and earned value (TRK-090..096). Owner, admin and project manager only.</summary>
public static class ManhourEndpoints
{
    public static RouteGroupBuilder MapManhours(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/manhours").WithTags("Manhours").RequireMembership();
        group.MapGet("/budgets", ListAsync).WithName("ListManhourBudgets")
            .WithSummary("Budget versions, newest first (TRK-091/098)")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/budgets", CreateAsync).WithName("CreateManhourBudget")
            .WithSummary("Create a budget version: activates it and distributes the total (TRK-091..094)")
            .WithDescription("Example body: `{\"totalManhours\":500,\"reason\":\"Initial estimate\",\"effectiveDate\":\"2026-12-04\"}`. " +
                "Refusals answer 422 with the exact message in `detail` and `code` INVALID_BUDGET, NO_COMPONENTS or ZERO_WEIGHT where the spec names one. " +
                "Send an `Idempotency-Key` to make a retry safe.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/budgets/{budgetId:guid}/activate", ActivateAsync).WithName("ActivateManhourBudget")
            .WithSummary("Make a version the active one and distribute its total over today's components")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/drawings", DrawingsAsync).WithName("ManhoursByDrawing")
            .WithSummary("Budgeted, earned and remaining manhours per drawing (TRK-096)")
            .WithDescription("Earned = Σ budgeted × percent ÷ 100 (derived, never stored). `earnedPercent` of the project is null without an active budget.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<List<BudgetResponse>>, ProblemHttpResult>> ListAsync(
        Guid projectId, ClaimsPrincipal user, ManhourBudgets budgets, CancellationToken ct)
    {
        var (_, status) = await budgets.AuthorizeAsync(user, projectId, write: false, ct);
        if (status != BudgetStatus.Ok)
        {
            return Refusal(new BudgetResult(status));
        }
        return TypedResults.Ok((await budgets.ListAsync(projectId, ct)).Select(BudgetResponse.From).ToList());
    }

    private static async Task<Results<Created<BudgetResponse>, ProblemHttpResult>> CreateAsync(
        Guid projectId, CreateBudgetRequest? request, ClaimsPrincipal user, ManhourBudgets budgets, CancellationToken ct)
    {
        var result = await budgets.CreateAsync(user, projectId, new BudgetInput(request?.TotalManhours ?? 0m, request?.Reason, request?.EffectiveDate), ct);
        return result.Status == BudgetStatus.Ok
            ? TypedResults.Created($"/api/v1/projects/{projectId}/manhours/budgets/{result.Budget!.Id}", BudgetResponse.From(result.Budget))
            : Refusal(result);
    }

    private static async Task<Results<Ok<BudgetResponse>, ProblemHttpResult>> ActivateAsync(
        Guid projectId, Guid budgetId, ClaimsPrincipal user, ManhourBudgets budgets, CancellationToken ct)
    {
        var result = await budgets.ActivateAsync(user, projectId, budgetId, ct);
        return result.Status == BudgetStatus.Ok ? TypedResults.Ok(BudgetResponse.From(result.Budget!)) : Refusal(result);
    }

    private static async Task<Results<Ok<ProjectManhoursResponse>, ProblemHttpResult>> DrawingsAsync(
        Guid projectId, ClaimsPrincipal user, ManhourBudgets budgets, CancellationToken ct)
    {
        var (_, status) = await budgets.AuthorizeAsync(user, projectId, write: false, ct);
        if (status != BudgetStatus.Ok)
        {
            return Refusal(new BudgetResult(status));
        }
        var f = await budgets.FiguresAsync(projectId, ct);
        return TypedResults.Ok(new ProjectManhoursResponse(
            f.Active is null ? null : BudgetResponse.From(f.Active), f.Budgeted, f.Earned, f.Remaining, f.EarnedPercent, f.AdditionsSinceActive,
            f.Drawings.Select(d => new DrawingManhoursResponse(d.DrawingId, d.Number, d.Components, d.Budgeted, d.Earned, d.Remaining, d.EarnedPercent)).ToList()));
    }

    private static ProblemHttpResult Refusal(BudgetResult result) => result.Status switch
    {
        BudgetStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"You don't have permission to {Permission.ManageProjects.ActionPhrase()}."),
        BudgetStatus.Archived => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project archived", detail: Project.ArchivedMessage),
        BudgetStatus.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Budget not saved", detail: result.Message,
            extensions: new Dictionary<string, object?> { ["code"] = result.Code, ["field"] = result.Field }),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project or budget does not exist."),
    };
}
