using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Team;

/// <summary>
/// The team use cases shared by the team page and the API: invite, resend, revoke (PPL-050..056),
/// change role and remove (PPL-042, PPL-043). Every id is looked up inside the caller's
/// organization first (404), then the role is checked (403), then the guards.
/// </summary>
public sealed partial class TeamOperations(
    AppDbContext db,
    EmailOutbox outbox,
    OutboxDispatcher dispatcher,
    AuditLog audit,
    SessionManager sessions,
    TimeProvider clock,
    ILogger<TeamOperations> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(TeamResult Result, InvitationSent? Sent)> InviteAsync(TeamActor actor, string? email, string? roleCode, string? message, CancellationToken ct)
    {
        if (!actor.IsAdministrator)
        {
            return (TeamResult.Refused(RoleGuardRefusal.NotAdministrator), null);
        }
        var normalized = InvitationRules.NormalizeEmail(email);
        if (normalized is null)
        {
            return (TeamResult.Invalid("Email", InvitationRules.InvalidEmailMessage), null);
        }
        if (!OrgRoles.TryParse(roleCode, out var role))
        {
            return (TeamResult.Invalid("Role", InvitationRules.RoleRequiredMessage), null);
        }
        var note = string.IsNullOrWhiteSpace(message) ? null : message.Trim();
        if (note is { Length: > Invitation.MessageMaxLength })
        {
            return (TeamResult.Invalid("Message", InvitationRules.MessageTooLongMessage), null);
        }
        if (RoleGuards.CanInvite(actor.Role, role) is var refusal and not RoleGuardRefusal.None)
        {
            return (TeamResult.Refused(refusal), null);
        }

        // PPL-050: an account that already belongs to an organization (any: the message names none).
        var upper = normalized.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == upper && u.OrganizationId != null, ct))
        {
            return (TeamResult.Conflict(InvitationRules.AlreadyMemberMessage, InvitationRules.AlreadyHasOrganizationCode), null);
        }
        var now = Now;
        // Expired pending invitations are marked expired here and do not block (tenant-filtered: this org only).
        await db.Invitations
            .Where(i => i.Email == normalized && i.Status == InvitationStatus.Pending && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvitationStatus.Expired), ct);
        if (await db.Invitations.AnyAsync(i => i.Email == normalized && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, ct))
        {
            return (TeamResult.Conflict(InvitationRules.AlreadyPendingMessage, InvitationRules.AlreadyPendingCode), null);
        }

        var token = SecureToken.Generate();
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = actor.OrganizationId,
            Email = normalized,
            Role = role,
            Message = note,
            TokenHash = SecureToken.Hash(token),
            Status = InvitationStatus.Pending,
            InvitedByUserId = actor.UserId,
            CreatedAt = now,
            ExpiresAt = InvitationRules.ExpiresAt(now),
        };
        db.Invitations.Add(invitation);
        var link = await QueueEmailAsync(invitation, token, ct);
        audit.Record(actor.OrganizationId, null, "invitation.created", $"Invited {normalized} as {role.Label()}", new { invitation.Id, Role = role.Code() });
        await db.SaveChangesAsync(ct);
        LogInvited(logger, invitation.Id, actor.OrganizationId);
        var sent = await dispatcher.TrySendNowAsync(invitation.LastEmailId!.Value, ct);
        return (TeamResult.Success, new InvitationSent(invitation, sent, sent ? null : link));
    }

    /// <summary>PPL-050 live check (after 500 ms of typing): the same duplicate checks, writing nothing.</summary>
    public async Task<string?> CheckInviteEmailAsync(string? email, CancellationToken ct)
    {
        var normalized = InvitationRules.NormalizeEmail(email);
        if (normalized is null)
        {
            return null;
        }
        var upper = normalized.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == upper && u.OrganizationId != null, ct))
        {
            return InvitationRules.AlreadyMemberMessage;
        }
        var now = Now;
        return await db.Invitations.AnyAsync(i => i.Email == normalized && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, ct)
            ? InvitationRules.AlreadyPendingMessage
            : null;
    }

    /// <summary>PPL-056: a new token (the old link stops working), a new email, the same expiry.</summary>
    public async Task<(TeamResult Result, InvitationSent? Sent)> ResendAsync(TeamActor actor, Guid invitationId, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null)
        {
            return (TeamResult.NotFound, null);
        }
        if (!actor.IsAdministrator)
        {
            return (TeamResult.Refused(RoleGuardRefusal.NotAdministrator), null);
        }
        var now = Now;
        if (invitation.Status == InvitationStatus.Pending && InvitationRules.IsExpired(invitation.ExpiresAt, now))
        {
            invitation.Status = InvitationStatus.Expired;
            await db.SaveChangesAsync(ct);
        }
        if (invitation.Status == InvitationStatus.Expired)
        {
            return (TeamResult.Conflict("An expired invitation cannot be resent. Invite the email again.", InvitationRules.ExpiredCode), null);
        }
        if (invitation.Status != InvitationStatus.Pending)
        {
            return (TeamResult.Conflict("This invitation is no longer pending.", InvitationRules.NotPendingCode), null);
        }
        var token = SecureToken.Generate();
        invitation.TokenHash = SecureToken.Hash(token);
        var link = await QueueEmailAsync(invitation, token, ct);
        audit.Record(actor.OrganizationId, null, "invitation.resent", $"Resent the invitation to {invitation.Email}", new { invitation.Id });
        await db.SaveChangesAsync(ct);
        var sent = await dispatcher.TrySendNowAsync(invitation.LastEmailId!.Value, ct);
        return (TeamResult.Success, new InvitationSent(invitation, sent, sent ? null : link));
    }

    public async Task<(TeamResult Result, Invitation? Invitation)> RevokeAsync(TeamActor actor, Guid invitationId, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null)
        {
            return (TeamResult.NotFound, null);
        }
        if (!actor.IsAdministrator)
        {
            return (TeamResult.Refused(RoleGuardRefusal.NotAdministrator), null);
        }
        if (invitation.Status is not (InvitationStatus.Pending or InvitationStatus.Expired))
        {
            return (TeamResult.Conflict("This invitation is no longer pending.", InvitationRules.NotPendingCode), null);
        }
        invitation.Status = InvitationStatus.Revoked;
        audit.Record(actor.OrganizationId, null, "invitation.revoked", $"Revoked the invitation to {invitation.Email}", new { invitation.Id });
        await db.SaveChangesAsync(ct);
        return (TeamResult.Success, invitation);
    }

    /// <summary>PPL-042: guards checked under the organization lock, so two demotions cannot leave no owner.</summary>
    public async Task<(TeamResult Result, AppUser? Member)> ChangeRoleAsync(TeamActor actor, Guid userId, string? roleCode, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockOrganizationAsync(actor.OrganizationId, ct);
        var target = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.OrganizationId == actor.OrganizationId, ct);
        if (target?.Role is not { } current)
        {
            return (TeamResult.NotFound, null);
        }
        if (!actor.IsAdministrator)
        {
            return (TeamResult.Refused(RoleGuardRefusal.NotAdministrator), null);
        }
        if (!OrgRoles.TryParse(roleCode, out var newRole))
        {
            return (TeamResult.Invalid("Role", InvitationRules.RoleRequiredMessage), null);
        }
        var otherOwners = await OtherOwnersAsync(actor.OrganizationId, target.Id, ct);
        var refusal = RoleGuards.CanChangeRole(actor.UserId, actor.Role, target.Id, current, newRole, otherOwners);
        if (refusal != RoleGuardRefusal.None)
        {
            return (TeamResult.Refused(refusal), null);
        }
        if (current != newRole)
        {
            target.Role = newRole;
            audit.Record(actor.OrganizationId, null, "member.role_changed", $"Changed the role of {target.FullName} from {current.Label()} to {newRole.Label()}",
                new { UserId = target.Id, From = current.Code(), To = newRole.Code() });
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (TeamResult.Success, target);
    }

    /// <summary>PPL-043: organization and role cleared, every session and API token revoked at once.</summary>
    public async Task<(TeamResult Result, AppUser? Member)> RemoveAsync(TeamActor actor, Guid userId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockOrganizationAsync(actor.OrganizationId, ct);
        var target = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.OrganizationId == actor.OrganizationId, ct);
        if (target?.Role is not { } current)
        {
            return (TeamResult.NotFound, null);
        }
        if (!actor.IsAdministrator)
        {
            return (TeamResult.Refused(RoleGuardRefusal.NotAdministrator), null);
        }
        var otherOwners = await OtherOwnersAsync(actor.OrganizationId, target.Id, ct);
        var refusal = RoleGuards.CanRemove(actor.UserId, actor.Role, target.Id, current, otherOwners);
        if (refusal != RoleGuardRefusal.None)
        {
            return (TeamResult.Refused(refusal), null);
        }
        target.LeaveOrganization();
        audit.Record(actor.OrganizationId, null, "member.removed", $"Removed {target.FullName} ({current.Label()})", new { UserId = target.Id, Role = current.Code() });
        await db.SaveChangesAsync(ct);
        await sessions.RevokeAllAsync(target.Id, null, ct);
        var now = Now;
        await db.ApiTokens.Where(t => t.UserId == target.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now), ct);
        await tx.CommitAsync(ct);
        return (TeamResult.Success, target);
    }

    private async Task<string> QueueEmailAsync(Invitation invitation, string token, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(ct);
        var inviter = await db.Users.AsNoTracking().Where(u => u.Id == invitation.InvitedByUserId).Select(u => u.FullName).SingleOrDefaultAsync(ct) ?? "A PipeTrak user";
        var link = outbox.Link($"/accept-invitation?token={Uri.EscapeDataString(token)}");
        var (subject, text, html) = InvitationEmail.Build(inviter, organization, invitation.Role, invitation.Message, link, invitation.ExpiresAt, invitation.Email);
        var message = outbox.Enqueue(invitation.Email, subject, text, html, invitation.OrganizationId);
        invitation.LastEmailId = message.Id;
        return link;
    }

    /// <summary>
    /// Serializes owner changes per organization: PostgreSQL locks the organization row; SQLite's
    /// write transaction (BEGIN IMMEDIATE) already serializes writers.
    /// </summary>
    private async Task LockOrganizationAsync(Guid organizationId, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Organizations.FromSql($"SELECT * FROM organizations WHERE \"Id\" = {organizationId} FOR UPDATE").AsNoTracking().ToListAsync(ct);
        }
    }

    private Task<int> OtherOwnersAsync(Guid organizationId, Guid exceptUserId, CancellationToken ct) =>
        db.Users.CountAsync(u => u.OrganizationId == organizationId && u.Role == OrgRole.Owner && u.Id != exceptUserId, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invitation {InvitationId} created in organization {OrganizationId}")]
    private static partial void LogInvited(ILogger logger, Guid invitationId, Guid organizationId);
}
