using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-010/011: add, edit and verify a project's welders (PPL-040 row 4).</summary>
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
