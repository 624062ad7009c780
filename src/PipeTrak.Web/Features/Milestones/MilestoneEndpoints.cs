using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Api;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>
/// TRK-040: <c>value</c> is a whole number 0-100 (or <c>true</c>/<c>false</c> as 100/0).
/// <c>baseValue</c> (FLD-030) is the value the client saw; <c>occurredAt</c> (FLD-031) the device time.
/// A decrease needs <c>rollbackReason</c> (TRK-042), and <c>rollbackDetails</c> for <c>other</c>.
/// </summary>
public sealed record UpdateMilestoneRequest(JsonElement? Value, int? BaseValue, DateTimeOffset? OccurredAt, string? RollbackReason, string? RollbackDetails);

/// <summary>TRK-043/044: the event an applied change wrote.</summary>
public sealed record MilestoneEventResponse(
    Guid Id, string Milestone, string Action, int Value, int? Previous, int Weight, string Category, decimal DeltaManhours,
    string? RollbackReason, string? RollbackDetails, Guid UserId, DateTime OccurredAt, DateTime RecordedAt)
{
    public static MilestoneEventResponse From(MilestoneEvent e) => new(
        e.Id, e.Milestone, e.Action.Code(), e.Value, e.Previous, e.WeightThen, e.Category.Code(), e.DeltaManhours,
        e.RollbackReason, e.RollbackDetails, e.UserId, e.OccurredAt, e.RecordedAt);
}

/// <summary>The component after the command: stored percent and every milestone of its rules of credit, in order. <c>event</c> is null when nothing changed.</summary>
public sealed record MilestoneUpdateResponse(Guid ComponentId, decimal Percent, Dictionary<string, int> Milestones, MilestoneEventResponse? Event)
{
    public static MilestoneUpdateResponse From(ComponentMilestoneState state, MilestoneEvent? e) =>
        new(state.ComponentId, state.Percent, new Dictionary<string, int>(state.Milestones, StringComparer.Ordinal), e is null ? null : MilestoneEventResponse.From(e));
}

/// <summary>/api/v1 milestone commands (TRK-040..047).</summary>
public static class MilestoneEndpoints
{
    public static RouteGroupBuilder MapMilestones(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/components/{componentId:guid}").WithTags("Milestones").RequireMembership();
        group.MapPost("/milestones/{milestone}", UpdateAsync).WithName("UpdateMilestone")
            .WithSummary("Set one milestone of a component (TRK-040..047)")
            .WithDescription("Writes the value, one event (with delta manhours) and the recomputed percent in one transaction. " +
                "Setting the current value, or repeating your own change within 5 s, writes nothing and returns the current state. " +
                "Rule violations answer 422 with the exact message in `detail`; a stale `baseValue` answers 409 with the current state in `current`.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<MilestoneUpdateResponse>, ProblemHttpResult>> UpdateAsync(
        Guid projectId, Guid componentId, string milestone, [FromBody] UpdateMilestoneRequest? request,
        HttpRequest http, ClaimsPrincipal user, MilestoneCommands commands, CancellationToken ct)
    {
        var input = new MilestoneUpdateInput(
            ParseValue(request?.Value), request?.BaseValue, request?.OccurredAt, request?.RollbackReason, request?.RollbackDetails,
            http.Headers[IdempotencyMiddleware.HeaderName].ToString());
        var result = await commands.UpdateAsync(user, projectId, componentId, milestone, input, ct);
        return result.Status switch
        {
            MilestoneCommandStatus.Ok => TypedResults.Ok(MilestoneUpdateResponse.From(result.State!, result.Event)),
            MilestoneCommandStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The component does not exist."),
            MilestoneCommandStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Message),
            MilestoneCommandStatus.Archived => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project archived", detail: result.Message),
            MilestoneCommandStatus.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Concurrent change",
                detail: "The milestone was changed by someone else. Review the current value and try again.",
                extensions: new Dictionary<string, object?> { ["current"] = MilestoneUpdateResponse.From(result.State!, null) }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Milestone not updated", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["code"] = result.Error?.ToString() }),
        };
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
