using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>TRK-096 manhours; present only for owner, admin and project manager (TRK-090).</summary>
public sealed record ManhoursResponse(decimal Budgeted, decimal Earned, decimal Remaining, decimal? EarnedPercent)
{
    public static ManhoursResponse From(ManhourFigures m) => new(m.Budgeted, m.Earned, m.Remaining, m.EarnedPercent);
}

/// <summary>
/// TRK-050/053 figures of a group. <c>average</c> is the mean percent at 2 dp, <c>display</c> the TRK-050
/// text with a whole-number average (TRK-055). <c>id</c> is null for "Not Assigned". Packages add
/// <c>testReadyPercent</c> (null = "-") and <c>readiness</c> (PKG-030/032).
/// </summary>
public sealed record RollupGroupResponse(
    Guid? Id,
    string Name,
    int Total,
    int Completed,
    decimal Average,
    string Display,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ManhoursResponse? Manhours,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? TestReadyPercent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Readiness = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, decimal?>? Categories = null);

/// <summary>TRK-054 project figures; <c>overall.percent</c> is the mean percent at 1 dp.</summary>
public sealed record OverallResponse(int Total, int Completed, decimal Percent, string Display, string Status);

public sealed record RollupsResponse(
    Guid ProjectId,
    int Components,
    int Drawings,
    int Packages,
    int PackagesReady,
    OverallResponse Overall,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ManhoursResponse? Manhours,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RollupGroupResponse>? ByArea,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RollupGroupResponse>? BySystem,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<RollupGroupResponse>? ByPackage)
{
    public static RollupsResponse From(Guid projectId, ProjectRollup r, bool withManhours)
    {
        var readiness = r.PackageReadiness.ToDictionary(p => p.Id);
        RollupGroupResponse Group(RollupGroup g, bool package)
        {
            var ready = package && g.Id is { } id && readiness.TryGetValue(id, out var p) ? p.Readiness : null;
            return new RollupGroupResponse(
                g.Id, g.Name, g.Figures.Total, g.Figures.Completed, ProgressRules.Round2(g.Figures.Average), g.Figures.Display,
                StatusCode(g.Figures.Status), withManhours ? ManhoursResponse.From(g.Manhours) : null,
                ready?.TestReadyPercent, ready?.Status.Label(),
                g.Categories?.ToDictionary(c => c.Key.Code(), c => c.Value is { } v ? ProgressRules.Round2(v) : (decimal?)null));
        }
        return new RollupsResponse(
            projectId, r.Components, r.Drawings, r.Packages, r.PackagesReady,
            new OverallResponse(r.Overall.Total, r.Overall.Completed, r.OverallPercent, r.Overall.Display, StatusCode(r.Overall.Status)),
            withManhours ? ManhoursResponse.From(r.Manhours) : null,
            r.ByArea?.Select(g => Group(g, false)).ToList(),
            r.BySystem?.Select(g => Group(g, false)).ToList(),
            r.ByPackage?.Select(g => Group(g, true)).ToList());
    }

    private static string StatusCode(ProgressStatus status) => status switch
    {
        ProgressStatus.Complete => "complete",
        ProgressStatus.InProgress => "in_progress",
        _ => "not_started",
    };
}

/// <summary>GET /api/v1/projects/{projectId}/rollups (TRK-049..054, TRK-090/096, PKG-030/032).</summary>
public static class RollupEndpoints
{
    public const string InvalidBy = "by must be a comma-separated list of area, system and package (or omitted for all three).";

    public static RouteGroupBuilder MapRollups(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}").WithTags("Roll-ups").RequireMembership();
        group.MapGet("/rollups", GetAsync).WithName("GetProjectRollups")
            .WithSummary("Project progress roll-ups: overall, by area, by system, by effective package")
            .WithDescription("Computed at read time from the roll-up cells that the database keeps in the same transaction as every component change " +
                "(never a cache to refresh); retired components are left out. " +
                "`overall.percent` is the mean percent at 1 dp; group `average` the mean at 2 dp and `display` \"{completed}/{total} • {average}%\". " +
                "Components without an area, system or (own or drawing's) package form a \"Not Assigned\" group with a null `id`. " +
                "`by=area,system,package` limits the groupings (default: all). `manhours` (budgeted, earned, remaining, earnedPercent) " +
                "is present only for owner, admin and project manager. `categories=true` adds each group's TRK-052/053 category completion " +
                "(`receive`, `install`, `punch`, `test`, `restore`: mean over the group's components whose rules of credit weight that category, " +
                "2 dp; null = \"-\"); it reads every milestone value, so ask for it only when needed.\n\nExample: `{\"projectId\":\"…\",\"components\":5,\"drawings\":2,\"packages\":1," +
                "\"packagesReady\":0,\"overall\":{\"total\":5,\"completed\":1,\"percent\":47.4,\"display\":\"1/5 • 47%\",\"status\":\"in_progress\"}," +
                "\"byArea\":[{\"id\":\"…\",\"name\":\"North\",\"total\":3,\"completed\":1,\"average\":60.33,\"display\":\"1/3 • 60%\",\"status\":\"in_progress\"}," +
                "{\"id\":null,\"name\":\"Not Assigned\",\"total\":2,\"completed\":0,\"average\":28,\"display\":\"0/2 • 28%\",\"status\":\"in_progress\"}]}`")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<RollupsResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct, string? by = null, bool categories = false)
    {
        if (!TryParseBy(by, out var groupings))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid grouping", detail: InvalidBy);
        }
        var project = await projects.FindAsync(user, projectId, ct);
        if (project is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The project does not exist.");
        }
        var rollup = await ProjectRollups.ForProjectAsync(db, project.Id, groupings, ct, withCategories: categories);
        // TRK-090: manhour data is absent (not just hidden) for other roles.
        return TypedResults.Ok(RollupsResponse.From(project.Id, rollup, user.Can(Permission.ManageProjects)));
    }

    /// <summary><c>area,system,package</c> in any order and case; blank means all three.</summary>
    public static bool TryParseBy(string? by, out RollupGroupings groupings)
    {
        groupings = RollupGroupings.None;
        if (string.IsNullOrWhiteSpace(by))
        {
            groupings = RollupGroupings.All;
            return true;
        }
        foreach (var part in by.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "area":
                    groupings |= RollupGroupings.Area;
                    break;
                case "system":
                    groupings |= RollupGroupings.System;
                    break;
                case "package":
                    groupings |= RollupGroupings.Package;
                    break;
                default:
                    return false;
            }
        }
        return groupings != RollupGroupings.None;
    }
}
