using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

/// <summary>A project as the API shows it. <c>version</c> goes back in PATCH for optimistic concurrency.</summary>
public sealed record ProjectResponse(Guid Id, string Name, string Description, string TimeZone, bool IsArchived, DateTime? ArchivedAt, DateTime CreatedAt, Guid Version)
{
    public static ProjectResponse From(Project p) => new(p.Id, p.Name, p.Description, p.TimeZone, p.IsArchived, p.ArchivedAt, p.CreatedAt, p.Version);
}

/// <summary>PPL-031. <c>timeZone</c> is an IANA id; omitted means UTC (TRK-002).</summary>
public sealed record CreateProjectRequest(string? Name, string? Description, string? TimeZone);

/// <summary>PPL-032. Omitted fields keep their value; <c>version</c>, when sent, must be the current one.</summary>
public sealed record UpdateProjectRequest(string? Name, string? Description, string? TimeZone, Guid? Version);

/// <summary>PPL-034: the exact project name, typed to confirm.</summary>
public sealed record DeleteProjectRequest(string? ConfirmName);

/// <summary>/api/v1/projects: the same use cases as the project pages (PPL-030..034).</summary>
public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjects(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Projects").RequireMembership();

        group.MapGet("", ListAsync).WithName("ListProjects")
            .WithSummary("List the organization's projects, newest first")
            .WithDescription("Non-archived projects. `archived=true` lists the archived ones instead (owner, admin, project manager).")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("", CreateAsync).WithName("CreateProject")
            .WithSummary("Create a project (owner, admin, project manager)")
            .WithDescription("The project becomes the caller's selected project.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{projectId:guid}", GetAsync).WithName("GetProject")
            .WithSummary("Get a project")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPatch("/{projectId:guid}", UpdateAsync).WithName("UpdateProject")
            .WithSummary("Edit a project's name, description or time zone")
            .WithDescription("Send the `version` you read to refuse overwriting someone else's change: a stale version answers 409 with the current project in `current`.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{projectId:guid}", DeleteAsync).WithName("DeleteProject")
            .WithSummary("Delete a project and all its data (owner, admin)")
            .WithDescription("The body must repeat the exact project name in `confirmName`. An organization-level audit entry remains.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{projectId:guid}/archive", ArchiveAsync).WithName("ArchiveProject")
            .WithSummary("Archive a project: hidden from lists and read-only")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{projectId:guid}/unarchive", UnarchiveAsync).WithName("UnarchiveProject")
            .WithSummary("Unarchive a project")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<List<ProjectResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct, bool archived = false)
    {
        if (archived && !user.Can(Permission.ManageProjects))
        {
            return Forbidden(Permission.ManageProjects);
        }
        var list = await projects.ListAsync(archived, ct);
        return TypedResults.Ok(list.Select(ProjectResponse.From).ToList());
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest request, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct)
    {
        var input = new ProjectInput(request.Name, request.Description, request.TimeZone ?? ProjectTimeZones.Default);
        var outcome = await projects.CreateAsync(user, input, ct);
        return outcome.Kind switch
        {
            ProjectOutcomeKind.Ok => TypedResults.Created($"/api/v1/projects/{outcome.Project!.Id}", ProjectResponse.From(outcome.Project)),
            ProjectOutcomeKind.Invalid => Validation(outcome),
            _ => Refusal(outcome),
        };
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct)
    {
        var project = await projects.FindAsync(user, projectId, ct);
        return project is null ? NotFound() : TypedResults.Ok(ProjectResponse.From(project));
    }

    private static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid projectId, UpdateProjectRequest request, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct)
    {
        var outcome = await projects.UpdateAsync(user, projectId, new ProjectInput(request.Name, request.Description, request.TimeZone), request.Version, partial: true, ct);
        return outcome.Kind switch
        {
            ProjectOutcomeKind.Ok => TypedResults.Ok(ProjectResponse.From(outcome.Project!)),
            ProjectOutcomeKind.Invalid => Validation(outcome),
            _ => Refusal(outcome),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        Guid projectId, [FromBody] DeleteProjectRequest? request, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct)
    {
        var outcome = await projects.DeleteAsync(user, projectId, request?.ConfirmName, ct);
        return outcome.Kind switch
        {
            ProjectOutcomeKind.Ok => TypedResults.NoContent(),
            ProjectOutcomeKind.Invalid => Validation(outcome),
            _ => Refusal(outcome),
        };
    }

    private static Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> ArchiveAsync(
        Guid projectId, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct) =>
        SetArchivedAsync(projectId, true, user, projects, ct);

    private static Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> UnarchiveAsync(
        Guid projectId, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct) =>
        SetArchivedAsync(projectId, false, user, projects, ct);

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> SetArchivedAsync(
        Guid projectId, bool archived, ClaimsPrincipal user, ProjectOperations projects, CancellationToken ct)
    {
        var outcome = await projects.SetArchivedAsync(user, projectId, archived, ct);
        return outcome.Succeeded ? TypedResults.Ok(ProjectResponse.From(outcome.Project!)) : Refusal(outcome);
    }

    private static ValidationProblem Validation(ProjectOutcome outcome) =>
        TypedResults.ValidationProblem(
            outcome.Errors!.ToDictionary(e => JsonName(e.Key), e => e.Value),
            title: "The project is not valid");

    private static ProblemHttpResult Refusal(ProjectOutcome outcome) => outcome.Kind switch
    {
        ProjectOutcomeKind.NotFound => NotFound(),
        ProjectOutcomeKind.Forbidden => Forbidden(outcome.Denied),
        ProjectOutcomeKind.Archived => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Project archived", detail: Project.ArchivedMessage),
        ProjectOutcomeKind.Conflict => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Concurrent change",
            detail: ProjectRules.ConcurrencyConflict,
            extensions: new Dictionary<string, object?> { ["current"] = ProjectResponse.From(outcome.Project!) }),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError),
    };

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project does not exist.");

    private static ProblemHttpResult Forbidden(Permission permission) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"You don't have permission to {permission.ActionPhrase()}.");

    private static string JsonName(string field) => string.IsNullOrEmpty(field) ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
