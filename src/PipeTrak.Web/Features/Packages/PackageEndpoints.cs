using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

public sealed record PackageRequest(
    string? Name, string? Description, string? TestType, string? OtherDescription, DateOnly? TargetDate,
    bool RequiresCoating, bool RequiresInsulation, decimal? TestPressure, string? PressureUnit,
    Guid[]? DrawingIds, Guid[]? ComponentIds, Guid? Version)
{
    public PackageForm Form => new(Name, Description, TestType, OtherDescription, TargetDate, RequiresCoating, RequiresInsulation, TestPressure, PressureUnit);
}

public sealed record IdsRequest(Guid[]? Ids);

public sealed record ReasonRequest(string? Reason);

public sealed record PostHydroRequest(Guid[]? ComponentIds, bool PostHydro);

public sealed record CertificateRequest(
    string? Client, string? ClientSpec, string? LineNumber, decimal? TestPressure, string? PressureUnit,
    string? TestMedia, decimal? Temperature, string? TemperatureUnit, bool Submit)
{
    public CertificateForm Form => new(Client, ClientSpec, LineNumber, TestPressure, PressureUnit, TestMedia, Temperature, TemperatureUnit);
}

public sealed record StageActionRequest(string? Reason, Guid? Version);

public sealed record StageEditRequest(Dictionary<string, string?>? Data, SignOffInput[]? SignOffs, Guid? Version);

public sealed record PreviewRequest(Guid[]? DrawingIds, Guid[]? ComponentIds);

public sealed record ReadinessResponse(int Total, int Completed, decimal Average, int AverageDisplay, int Blockers, int Testable, decimal? TestReadyPercent, string Status)
{
    public static ReadinessResponse From(PackageReadiness r) =>
        new(r.Total, r.Completed, Math.Round(r.Average, 2), r.AverageDisplay, r.Blockers, r.Testable, r.TestReadyPercent, r.Status.Label());
}

/// <summary>Manhours are present only for owner/admin/PM (TRK-090); null for everyone else.</summary>
public sealed record PackageResponse(
    Guid Id, string Name, string Description, string TestType, DateOnly? TargetDate, ReadinessResponse Readiness,
    string State, string? CurrentStage, int WorkflowPercent, decimal? BudgetedManhours, decimal? EarnedManhours)
{
    public static PackageResponse From(PackageCard c, bool manhours) => new(
        c.Id, c.Name, c.Description, c.TestType, c.TargetDate, ReadinessResponse.From(c.Readiness), c.State, c.CurrentStage, c.WorkflowPercent,
        manhours ? c.BudgetedManhours : null, manhours ? c.EarnedManhours : null);
}

public sealed record StageResponse(
    Guid Id, int Number, string Name, StageStatus Status, DateTime? StartedAt, DateTime? CompletedAt, string? CompletedBy, string? SkipReason,
    IReadOnlyDictionary<string, string> Data, SignOffRole[] RequiredSignOffs, SignOffView[] SignOffs, Guid Version)
{
    public static StageResponse From(StageView s) => new(
        s.Id, s.Number, s.Name, s.Status, s.StartedAt, s.CompletedAt, s.CompletedBy, s.SkipReason, s.Data,
        [.. s.Required], [.. s.SignOffs], s.Version);
}

public sealed record PackageDetailResponse(
    PackageResponse Package, string? OtherDescription, bool RequiresCoating, bool RequiresInsulation, decimal? TestPressure, string PressureUnit,
    Guid Version, StageResponse[] Stages, CertificateView? Certificate);

/// <summary>/api/v1 test package routes (PKG-001..061), the same operations as the packages pages.</summary>
public static class PackageEndpoints
{
    public static RouteGroupBuilder MapPackages(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects/{projectId:guid}/packages").WithTags("Test packages").RequireMembership();
        group.MapGet("/", ListAsync).WithName("ListPackages")
            .WithSummary("Test packages with live readiness (PKG-030..034)")
            .WithDescription("`filter` = all | ready | inprogress | blocked; `search` matches the name (any case); `sort` = name (natural) | progress | targetdate (undated last).");
        group.MapPost("/", CreateAsync).WithName("CreatePackage")
            .WithSummary("Create a package with its stages and content (PKG-001..004)")
            .WithDescription("Give `drawingIds` or `componentIds`, not both. Example: `{\"name\":\"HT-101\",\"testType\":\"Hydrostatic Test\",\"testPressure\":150,\"pressureUnit\":\"PSIG\",\"drawingIds\":[\"...\"]}`. 422 carries the field messages in `errors`.");
        group.MapPost("/preview", PreviewAsync).WithName("PreviewPackageContent").WithSummary("\"{n} components from {m} drawings\" for a choice (PKG-003)");
        group.MapGet("/candidates/drawings", CandidateDrawingsAsync).WithName("PackageCandidateDrawings").WithSummary("Live drawings without a package (PKG-012)");
        group.MapGet("/candidates/components", CandidateComponentsAsync).WithName("PackageCandidateComponents").WithSummary("Live components without an effective package, by area, system, type, drawing (PKG-011)");
        group.MapGet("/{packageId:guid}", DetailAsync).WithName("GetPackage").WithSummary("A package with readiness, stages and certificate");
        group.MapPut("/{packageId:guid}", UpdateAsync).WithName("UpdatePackage").WithSummary("Edit a package (PKG-004, PKG-051 stage changes); send the `version` you loaded");
        group.MapDelete("/{packageId:guid}", DeleteAsync).WithName("DeletePackage").WithSummary("Delete a package: `confirmName` must be its name (PKG-060)");
        group.MapGet("/{packageId:guid}/components", MembersAsync).WithName("PackageMembers").WithSummary("Members with badges (PKG-010, PKG-017)");
        group.MapPost("/{packageId:guid}/drawings", AddDrawingsAsync).WithName("AddPackageDrawings").WithSummary("Add drawings without a package (PKG-012)");
        group.MapPost("/{packageId:guid}/drawings/{drawingId:guid}/remove", RemoveDrawingAsync).WithName("RemovePackageDrawing").WithSummary("Remove a drawing with a reason (PKG-014)");
        group.MapPost("/{packageId:guid}/components", AddComponentsAsync).WithName("AddPackageComponents").WithSummary("Add components without an effective package (PKG-011)");
        group.MapPost("/{packageId:guid}/components/{componentId:guid}/remove", RemoveComponentAsync).WithName("RemovePackageComponent").WithSummary("Remove a component with a reason (PKG-013)");
        group.MapPost("/{packageId:guid}/post-hydro", PostHydroAsync).WithName("SetPostHydro").WithSummary("Mark or clear post-hydro on members (PKG-015)");
        group.MapPut("/{packageId:guid}/certificate", CertificateAsync).WithName("SaveCertificate")
            .WithSummary("Save the certificate as draft, or submit it (PKG-040..043)")
            .WithDescription("`submit: true` needs pressure, media and temperature and starts the first stage. The number PKG-NNN is assigned at first save.");
        group.MapPost("/{packageId:guid}/stages/{stageId:guid}/{action:regex(^(start|complete|skip|reopen)$)}", StageActionAsync).WithName("StageAction")
            .WithSummary("Start, complete, skip or reopen a stage, in sequence (PKG-052..057)")
            .WithDescription("Out-of-order actions answer 409 with the spec's message; a stale `version` answers 409 \"This stage was changed by someone else. Reload and try again.\"");
        group.MapPut("/{packageId:guid}/stages/{stageId:guid}", EditStageAsync).WithName("EditStage").WithSummary("Stage data and sign-offs (PKG-055, PKG-056, PKG-058)");
        return api;
    }

    private static IResult Problem(PackageResult result) => TypedResults.Problem(
        statusCode: result.StatusCode,
        title: result.Outcome switch
        {
            PackageOutcome.NotFound => "Not found",
            PackageOutcome.Forbidden => "Forbidden",
            PackageOutcome.Invalid => "Invalid package data",
            _ => "Conflict",
        },
        detail: result.Message,
        extensions: result.Errors is null ? null : new Dictionary<string, object?> { ["errors"] = result.Errors });

    private static IResult Done(PackageResult result) =>
        result.Succeeded ? TypedResults.Ok(new { id = result.Id, message = result.Message }) : Problem(result);

    private static async Task<Project?> VisibleAsync(ClaimsPrincipal user, Guid projectId, ProjectOperations projects, CancellationToken ct) =>
        await projects.FindAsync(user, projectId, ct);

    private static async Task<IResult> ListAsync(
        Guid projectId, string? filter, string? search, string? sort, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct)
    {
        if (await VisibleAsync(user, projectId, projects, ct) is null)
        {
            return Problem(PackageResult.NotFound);
        }
        var cards = await PackageQueries.ListAsync(db, projectId, ParseFilter(filter), search, ParseSort(sort), ct);
        var manhours = user.Can(Permission.ManageProjects);
        return TypedResults.Ok(cards.Select(c => PackageResponse.From(c, manhours)).ToArray());
    }

    public static PackageFilter ParseFilter(string? text) => Enum.TryParse<PackageFilter>(text, ignoreCase: true, out var f) ? f : PackageFilter.All;

    public static PackageSort ParseSort(string? text) => Enum.TryParse<PackageSort>(text, ignoreCase: true, out var s) ? s : PackageSort.Name;

    private static async Task<IResult> CreateAsync(Guid projectId, [FromBody] PackageRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct)
    {
        var r = request ?? new PackageRequest(null, null, null, null, null, false, false, null, null, null, null, null);
        var result = await commands.CreateAsync(user, projectId, r.Form, r.DrawingIds, r.ComponentIds, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/projects/{projectId}/packages/{result.Id}", new { id = result.Id, message = result.Message })
            : Problem(result);
    }

    private static async Task<IResult> PreviewAsync(Guid projectId, [FromBody] PreviewRequest? request, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct)
    {
        if (await VisibleAsync(user, projectId, projects, ct) is null)
        {
            return Problem(PackageResult.NotFound);
        }
        var text = await PackageQueries.PreviewAsync(db, projectId, request?.DrawingIds ?? [], request?.ComponentIds ?? [], ct);
        return TypedResults.Ok(new { preview = text });
    }

    private static async Task<IResult> CandidateDrawingsAsync(Guid projectId, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct) =>
        await VisibleAsync(user, projectId, projects, ct) is null
            ? Problem(PackageResult.NotFound)
            : TypedResults.Ok(await PackageQueries.CandidateDrawingsAsync(db, projectId, ct));

    private static async Task<IResult> CandidateComponentsAsync(
        Guid projectId, Guid? areaId, Guid? systemId, string? type, Guid? drawingId, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct)
    {
        if (await VisibleAsync(user, projectId, projects, ct) is null)
        {
            return Problem(PackageResult.NotFound);
        }
        ComponentType? parsed = ComponentTypes.TryParseCode(type, out var t) ? t : null;
        return TypedResults.Ok(await PackageQueries.CandidateComponentsAsync(db, projectId, areaId, systemId, parsed, drawingId, 1000, ct));
    }

    private static async Task<IResult> DetailAsync(Guid projectId, Guid packageId, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct)
    {
        var detail = await VisibleAsync(user, projectId, projects, ct) is null ? null : await PackageQueries.DetailAsync(db, projectId, packageId, ct);
        if (detail is null)
        {
            return Problem(PackageResult.NotFound);
        }
        var p = detail.Package;
        return TypedResults.Ok(new PackageDetailResponse(
            PackageResponse.From(detail.Card, user.Can(Permission.ManageProjects)), p.OtherDescription, p.RequiresCoating, p.RequiresInsulation,
            p.TestPressure, p.PressureUnit.Code(), p.Version, [.. detail.Stages.Select(StageResponse.From)], detail.Certificate));
    }

    private static async Task<IResult> UpdateAsync(Guid projectId, Guid packageId, [FromBody] PackageRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct)
    {
        var r = request ?? new PackageRequest(null, null, null, null, null, false, false, null, null, null, null, null);
        return Done(await commands.UpdateAsync(user, projectId, packageId, r.Form, r.Version, ct));
    }

    private static async Task<IResult> DeleteAsync(Guid projectId, Guid packageId, string? confirmName, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.DeleteAsync(user, projectId, packageId, confirmName, ct));

    private static async Task<IResult> MembersAsync(Guid projectId, Guid packageId, ClaimsPrincipal user, ProjectOperations projects, AppDbContext db, CancellationToken ct)
    {
        if (await VisibleAsync(user, projectId, projects, ct) is null || !await db.TestPackages.AnyAsync(p => p.Id == packageId && p.ProjectId == projectId, ct))
        {
            return Problem(PackageResult.NotFound);
        }
        return TypedResults.Ok(await PackageQueries.MembersAsync(db, projectId, packageId, ct));
    }

    private static async Task<IResult> AddDrawingsAsync(Guid projectId, Guid packageId, [FromBody] IdsRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.AddDrawingsAsync(user, projectId, packageId, request?.Ids ?? [], ct));

    private static async Task<IResult> AddComponentsAsync(Guid projectId, Guid packageId, [FromBody] IdsRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.AddComponentsAsync(user, projectId, packageId, request?.Ids ?? [], ct));

    private static async Task<IResult> RemoveDrawingAsync(Guid projectId, Guid packageId, Guid drawingId, [FromBody] ReasonRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.RemoveDrawingAsync(user, projectId, packageId, drawingId, request?.Reason, ct));

    private static async Task<IResult> RemoveComponentAsync(Guid projectId, Guid packageId, Guid componentId, [FromBody] ReasonRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.RemoveComponentAsync(user, projectId, packageId, componentId, request?.Reason, ct));

    private static async Task<IResult> PostHydroAsync(Guid projectId, Guid packageId, [FromBody] PostHydroRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.SetPostHydroAsync(user, projectId, packageId, request?.ComponentIds ?? [], request?.PostHydro ?? false, ct));

    private static async Task<IResult> CertificateAsync(Guid projectId, Guid packageId, [FromBody] CertificateRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct)
    {
        var r = request ?? new CertificateRequest(null, null, null, null, null, null, null, null, false);
        return Done(await commands.SaveCertificateAsync(user, projectId, packageId, r.Form, r.Submit, ct));
    }

    private static async Task<IResult> StageActionAsync(
        Guid projectId, Guid packageId, Guid stageId, string action, [FromBody] StageActionRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct)
    {
        var parsed = Enum.Parse<StageAction>(action, ignoreCase: true);
        return Done(await commands.StageActionAsync(user, projectId, packageId, stageId, parsed, request?.Reason, request?.Version, ct));
    }

    private static async Task<IResult> EditStageAsync(
        Guid projectId, Guid packageId, Guid stageId, [FromBody] StageEditRequest? request, ClaimsPrincipal user, PackageCommands commands, CancellationToken ct) =>
        Done(await commands.EditStageAsync(user, projectId, packageId, stageId, request?.Data, request?.SignOffs, request?.Version, ct));
}
