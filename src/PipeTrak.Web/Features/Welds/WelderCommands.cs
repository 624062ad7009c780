using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-010/011: add, edit, verify and delete a project's welders (PPL-040 row 4).</summary>
public sealed class WelderCommands(AppDbContext db, TimeProvider clock)
{
    public const string NotFoundMessage = "Welder not found";

    /// <summary>WLD-010/011: a new unverified welder with a unique stencil.</summary>
    public async Task<WeldCommandResult> AddAsync(ClaimsPrincipal user, Guid projectId, string? stencil, string? name, CancellationToken ct)
    {
        var project = await WeldProject.FindAsync(db, user, projectId, ct);
        var refusal = Guard(user, project);
        if (refusal is not null)
        {
            return refusal;
        }
        var invalid = WelderRules.ValidateStencil(stencil) ?? WelderRules.ValidateName(name);
        if (invalid is not null)
        {
            return WeldCommandResult.Refused(invalid);
        }
        var normalized = WelderRules.NormalizeStencil(stencil)!;
        if (await TakenByAsync(projectId, normalized, null, ct) is { } usedBy)
        {
            return WeldCommandResult.Conflict(WelderRules.StencilTaken(normalized, usedBy));
        }
        var welder = new Welder
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project!.OrganizationId,
            ProjectId = projectId,
            Stencil = normalized,
            Name = name!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Welders.Add(welder);
        return await SaveAsync(welder, normalized, ct);
    }

    /// <summary>WLD-011: name and stencil are editable (omitted fields keep their value).</summary>
    public async Task<WeldCommandResult> EditAsync(ClaimsPrincipal user, Guid projectId, Guid welderId, string? stencil, string? name, CancellationToken ct)
    {
        var (welder, refusal) = await LoadAsync(user, projectId, welderId, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var invalid = (stencil is null ? null : WelderRules.ValidateStencil(stencil)) ?? (name is null ? null : WelderRules.ValidateName(name));
        if (invalid is not null)
        {
            return WeldCommandResult.Refused(invalid);
        }
        var normalized = WelderRules.NormalizeStencil(stencil) ?? welder!.Stencil;
        if (await TakenByAsync(projectId, normalized, welderId, ct) is { } usedBy)
        {
            return WeldCommandResult.Conflict(WelderRules.StencilTaken(normalized, usedBy));
        }
        welder!.Stencil = normalized;
        welder.Name = name?.Trim() ?? welder.Name;
        welder.Version = Guid.NewGuid();
        return await SaveAsync(welder, normalized, ct);
    }

    /// <summary>WLD-011: verified, recording who and when (verifying again changes nothing).</summary>
    public async Task<WeldCommandResult> VerifyAsync(ClaimsPrincipal user, Guid projectId, Guid welderId, CancellationToken ct)
    {
        var (welder, refusal) = await LoadAsync(user, projectId, welderId, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!welder!.IsVerified)
        {
            welder.IsVerified = true;
            welder.VerifiedByUserId = user.RequiredUserId();
            welder.VerifiedAt = clock.GetUtcNow().UtcDateTime;
            welder.Version = Guid.NewGuid();
        }
        return await SaveAsync(welder, welder.Stencil, ct);
    }

    /// <summary>
    /// WLD-011: a welder is deletable only without welds. A welder named by any weld (retired ones too) or
    /// by any weld event (an assignment since cleared, a previous welder) is kept, so the record of who
    /// welded which joint never loses its name.
    /// </summary>
    public async Task<WeldCommandResult> DeleteAsync(ClaimsPrincipal user, Guid projectId, Guid welderId, CancellationToken ct)
    {
        var (welder, refusal) = await LoadAsync(user, projectId, welderId, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (await WeldedBy(db, projectId).ContainsAsync(welderId, ct))
        {
            return WeldCommandResult.Refused(WelderRules.HasWeldsMessage);
        }
        db.Welders.Remove(welder!);
        try
        {
            await db.SaveChangesAsync(ct);
            return WeldCommandResult.Ok(welderId);
        }
        catch (DbUpdateException)
        {
            // A weld was assigned to this welder meanwhile (the foreign key refused the delete).
            db.ChangeTracker.Clear();
            return WeldCommandResult.Refused(WelderRules.HasWeldsMessage);
        }
    }

    /// <summary>WLD-011 "has welds": the welders named by any weld of the project (retired too) or by any weld event.</summary>
    public static IQueryable<Guid> WeldedBy(AppDbContext db, Guid projectId) =>
        db.Welds.Where(w => w.ProjectId == projectId && w.WelderId != null).Select(w => w.WelderId!.Value)
            .Union(db.WeldEvents.Where(e => e.ProjectId == projectId && e.WelderId != null).Select(e => e.WelderId!.Value))
            .Union(db.WeldEvents.Where(e => e.ProjectId == projectId && e.PreviousWelderId != null).Select(e => e.PreviousWelderId!.Value));

    private async Task<(Welder? Welder, WeldCommandResult? Refusal)> LoadAsync(ClaimsPrincipal user, Guid projectId, Guid welderId, CancellationToken ct)
    {
        var project = await WeldProject.FindAsync(db, user, projectId, ct);
        var welder = project is null ? null : await db.Welders.SingleOrDefaultAsync(w => w.Id == welderId && w.ProjectId == projectId, ct);
        if (welder is null)
        {
            return (null, WeldCommandResult.NotFound(project is null ? WeldProject.NotFoundMessage : NotFoundMessage));
        }
        return (welder, Guard(user, project));
    }

    /// <summary>PPL-041: 404 (project), 403 (role), archived.</summary>
    private static WeldCommandResult? Guard(ClaimsPrincipal user, WeldProject? project) =>
        project is null ? WeldCommandResult.NotFound(WeldProject.NotFoundMessage)
        : !user.Can(Permission.ManageWelds) ? WeldCommandResult.Forbidden(Permission.ManageWelds)
        : project.IsArchived ? WeldCommandResult.Archived
        : null;

    private Task<string?> TakenByAsync(Guid projectId, string stencil, Guid? except, CancellationToken ct) =>
        db.Welders.AsNoTracking()
            .Where(w => w.ProjectId == projectId && w.Stencil == stencil && w.Id != except)
            .Select(w => w.Name)
            .FirstOrDefaultAsync(ct);

    private async Task<WeldCommandResult> SaveAsync(Welder welder, string stencil, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return WeldCommandResult.Ok(welder.Id);
        }
        catch (DbUpdateException)
        {
            // A concurrent add or edit took the stencil (unique index), or changed this welder.
            db.ChangeTracker.Clear();
            var usedBy = await TakenByAsync(welder.ProjectId, stencil, welder.Id, ct);
            return WeldCommandResult.Conflict(usedBy is null ? WeldCommandResult.ConcurrentChangeMessage : WelderRules.StencilTaken(stencil, usedBy));
        }
    }
}
