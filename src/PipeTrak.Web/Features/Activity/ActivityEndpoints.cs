using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Activity;

/// <summary>GET /api/v1/projects/{projectId}/activity (RPT-050/051/053).</summary>
public static class ActivityEndpoints
{
    public static readonly string InvalidLimit = $"limit must be a whole number from 1 to {ActivityFeed.MaxLimit}.";

    public static RouteGroupBuilder MapActivity(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}").WithTags("Activity").RequireMembership();
        group.MapGet("/activity", GetAsync).WithName("GetProjectActivity")
            .WithSummary("The project's most recent milestone events, newest first")
            .WithDescription("`limit` defaults to 10 (at most 100). Each item carries the RPT-051 `sentence`, the actor's `initials` " +
                "(RPT-053) and the event times in UTC.\n\nExample item: `{\"eventId\":\"…\",\"componentId\":\"…\",\"userId\":\"…\"," +
                "\"fullName\":\"Ana Ruiz\",\"initials\":\"AN\",\"sentence\":\"Ana Ruiz updated Pipe CS-PIPE 2\\\" (42.5 LF): Connect 40% on Drawing ISO-7\"," +
                "\"componentType\":\"pipe\",\"identity\":\"CS-PIPE 2\\\" (42.5 LF)\",\"milestone\":\"Connect\",\"value\":40,\"drawingNumber\":\"ISO-7\"," +
                "\"occurredAt\":\"2026-03-02T14:05:00Z\",\"recordedAt\":\"2026-03-02T14:05:00Z\"}`")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ActivityItem>>, ProblemHttpResult>> GetAsync(
        Guid projectId, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct, string? limit = null)
    {
        var take = ActivityFeed.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out take)
            || take < 1 || take > ActivityFeed.MaxLimit))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid limit", detail: InvalidLimit);
        }
        var project = await projects.FindAsync(user, projectId, ct);
        if (project is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project does not exist.");
        }
        return TypedResults.Ok(await ActivityFeed.RecentAsync(db, project.Id, take, ct));
    }
}
