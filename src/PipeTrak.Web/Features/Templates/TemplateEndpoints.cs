using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.Web.Features.Templates;

/// <summary>One milestone of a template (TRK-021): kind <c>discrete</c>/<c>partial</c>, category code.</summary>
public sealed record TemplateMilestoneResponse(string Name, int Weight, string Kind, string Category, bool RequiresWelder, int DefaultWeight);

/// <summary>A type's rules of credit. Send <c>version</c> back with PUT (TRK-025).</summary>
public sealed record TemplateResponse(string Type, string Label, Guid Version, IReadOnlyList<TemplateMilestoneResponse> Milestones)
{
    public static TemplateResponse From(TypeTemplateView v) => new(
        v.Type.Code(), v.Type.Label(), v.Version,
        v.Milestones.Select(m => new TemplateMilestoneResponse(
            m.Name, m.Weight, m.Kind == MilestoneKind.Discrete ? "discrete" : "partial", m.Category.Code(), m.RequiresWelder, m.DefaultWeight)).ToList());
}

/// <summary>A milestone name (exact, TRK-021) and its new weight (whole number 0-100, TRK-024).</summary>
public sealed record WeightRequest(string? Name, decimal? Weight);

/// <summary>TRK-024..026: the weights to change, the version read, and whether to recalculate existing components.</summary>
public sealed record UpdateTemplateRequest(Guid? Version, IReadOnlyList<WeightRequest>? Weights, bool ApplyToExisting = false);

/// <summary>The saved template and how many components were recalculated (0 when not applied).</summary>
public sealed record UpdateTemplateResponse(TemplateResponse Template, bool Applied, int Recalculated);

/// <summary>/api/v1 rules of credit (TRK-023..027). Owner, admin and project manager only.</summary>
public static class TemplateEndpoints
{
    public static RouteGroupBuilder MapTemplates(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/templates").WithTags("Rules of credit").RequireMembership();
        group.MapGet("", ListAsync).WithName("ListTemplates")
            .WithSummary("The project's rules of credit for the 12 component types (TRK-021/023)")
            .WithDescription("Milestones in order with weight, kind, category and requires-welder. `version` is the concurrency token to send with PUT.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{type}", UpdateAsync).WithName("UpdateTemplate")
            .WithSummary("Edit the weights of one type's rules of credit (TRK-024..027)")
            .WithDescription("Only weights change: whole numbers 0-100 summing to exactly 100. Example body: " +
                "`{\"version\":\"…\",\"weights\":[{\"name\":\"Receive\",\"weight\":10},{\"name\":\"Erect\",\"weight\":35}],\"applyToExisting\":true}`. " +
                "A failed check answers 422 with the exact message in `detail`; a stale `version` answers 409 with the current template in `current`. " +
                "`applyToExisting` recalculates every non-retired component of the type in the same transaction. Every save is audited.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<List<TemplateResponse>>, ProblemHttpResult>> ListAsync(
        Guid projectId, ClaimsPrincipal user, RulesOfCredit rules, CancellationToken ct)
    {
        var (_, status) = await rules.AuthorizeAsync(user, projectId, write: false, ct);
        if (status != RulesOfCreditStatus.Ok)
        {
            return Refusal(status, null, null);
        }
        var list = await rules.ListAsync(projectId, ct);
        return TypedResults.Ok(list.Select(TemplateResponse.From).ToList());
    }

    private static async Task<Results<Ok<UpdateTemplateResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid projectId, string type, UpdateTemplateRequest? request, ClaimsPrincipal user, RulesOfCredit rules, CancellationToken ct)
    {
        var (_, access) = await rules.AuthorizeAsync(user, projectId, write: true, ct);
        if (access != RulesOfCreditStatus.Ok)
        {
            return Refusal(access, null, null);
        }
        if (!ComponentTypes.TryParseCode(type, out var componentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"Unknown component type '{type}'. Use one of: {string.Join(", ", ComponentTypes.All.Select(t => t.Code()))}.");
        }
        if (request?.Version is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["version"] = ["Send the version you read with GET /templates (TRK-025)."] },
                title: "The template version is missing");
        }
        // A missing weight is not a whole number 0-100: TRK-024 step 2 refuses it (-1 never passes).
        var weights = request.Weights?.Select(w => new SubmittedWeight(w.Name ?? "", w.Weight ?? -1m)).ToList();
        var result = await rules.SaveAsync(user, projectId, componentType, weights, request.Version, request.ApplyToExisting, ct);
        return result.Status == RulesOfCreditStatus.Ok
            ? TypedResults.Ok(new UpdateTemplateResponse(TemplateResponse.From(result.Current!), request.ApplyToExisting, result.Recalculated))
            : Refusal(result.Status, result.Message, result.Current);
    }

    private static ProblemHttpResult Refusal(RulesOfCreditStatus status, string? message, TypeTemplateView? current) => status switch
    {
        RulesOfCreditStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: $"You don't have permission to {Permission.ManageProjects.ActionPhrase()}."),
        RulesOfCreditStatus.Archived => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project archived", detail: Project.ArchivedMessage),
        RulesOfCreditStatus.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Concurrent change", detail: message,
            extensions: new Dictionary<string, object?> { ["current"] = current is null ? null : TemplateResponse.From(current) }),
        RulesOfCreditStatus.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Rules of credit not saved", detail: message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project does not exist."),
    };
}
