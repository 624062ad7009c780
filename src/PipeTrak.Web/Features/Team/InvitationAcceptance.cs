using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Team;

/// <summary>What a valid link shows (PPL-054): only the one invitation matching the hash.</summary>
public sealed record OpenedInvitation(Guid Id, Guid OrganizationId, string OrganizationName, string Email, OrgRole Role, DateTime ExpiresAt);

public sealed record InvitationOpening(InvitationCheck Check, OpenedInvitation? Invitation)
{
    public bool IsValid => Check == InvitationCheck.Valid && Invitation is not null;
}

/// <summary>An acceptance failure: field (for the form) or general message, and the spec code.</summary>
public sealed record AcceptanceError(string Message, string? Code = null, string? Field = null);

/// <summary>PPL-054 and PPL-055: opening and accepting an invitation link.</summary>
public sealed class InvitationAcceptance(AppDbContext db, UserManager<AppUser> users, AuditLog audit, TimeProvider clock)
{
    // PPL-001 messages, shared with registration (one source for each message).
    public const string FullNameRequired = AccountRules.FullNameRequired;
    public const string PasswordsDoNotMatch = AccountRules.PasswordsDoNotMatch;
    public const string TermsRequired = AccountRules.MustAcceptTerms;

    /// <summary>
    /// Runs the PPL-054 checks in order. The lookup ignores the tenant filter (the caller may have
    /// no organization) but reveals only the invitation whose hash matches.
    /// </summary>
    public async Task<InvitationOpening> OpenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return new InvitationOpening(InvitationCheck.NoToken, null);
        }
        var hash = SecureToken.Hash(token.Trim());
        var row = await db.Invitations.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Select(i => new
            {
                i.Id,
                i.OrganizationId,
                OrganizationName = db.Organizations.Where(o => o.Id == i.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                i.Email,
                i.Role,
                i.Status,
                i.ExpiresAt,
            })
            .SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var check = InvitationRules.Check(true, row?.Status, row?.ExpiresAt, now);
        if (row is null)
        {
            return new InvitationOpening(check, null);
        }
        if (check == InvitationCheck.Expired && row.Status == InvitationStatus.Pending)
        {
            // PPL-054: the status becomes expired. Writing a tenant-owned row needs its tenant.
            db.Tenant.Use(row.OrganizationId);
            await db.Invitations.Where(i => i.Id == row.Id && i.Status == InvitationStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, InvitationStatus.Expired), ct);
        }
        return new InvitationOpening(check, new OpenedInvitation(row.Id, row.OrganizationId, row.OrganizationName ?? "", row.Email, row.Role, row.ExpiresAt));
    }

    public Task<bool> AccountExistsAsync(string email, CancellationToken ct)
    {
        var upper = email.ToUpperInvariant();
        return db.Users.AnyAsync(u => u.NormalizedEmail == upper, ct);
    }

    /// <summary>PPL-055 new user: one transaction creates the verified account, the membership and the acceptance.</summary>
    public async Task<(IReadOnlyList<AcceptanceError> Errors, AppUser? User)> AcceptAsNewUserAsync(
        OpenedInvitation invitation, string? fullName, string? password, string? confirmPassword, bool acceptTerms, CancellationToken ct)
    {
        if (await AccountExistsAsync(invitation.Email, ct))
        {
            return ([new AcceptanceError(InvitationRules.ExistingAccountMessage)], null);
        }
        var errors = new List<AcceptanceError>();
        var name = (fullName ?? "").Trim();
        if (name.Length is 0 or > 100)
        {
            errors.Add(new AcceptanceError(FullNameRequired, null, "FullName"));
        }
        if (PasswordRules.Validate(password, invitation.Email) is { } passwordError)
        {
            errors.Add(new AcceptanceError(passwordError, null, "Password"));
        }
        else if (!string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            errors.Add(new AcceptanceError(PasswordsDoNotMatch, null, "ConfirmPassword"));
        }
        if (!acceptTerms)
        {
            errors.Add(new AcceptanceError(TermsRequired, null, "AcceptTerms"));
        }
        if (errors.Count > 0)
        {
            return (errors, null);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true, // the link proves the email
            FullName = name,
            CreatedAt = now,
            TermsVersion = AppUser.CurrentTermsVersion,
            TermsAcceptedAt = now,
        };
        user.JoinOrganization(invitation.OrganizationId, invitation.Role, now);

        db.Tenant.Use(invitation.OrganizationId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(invitation, user.Id, now, ct))
        {
            return ([await RecheckAsync(invitation, ct)], null);
        }
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
        {
            await tx.RollbackAsync(ct);
            return ([.. created.Errors.Select(e => new AcceptanceError(e.Description, null, e.Code == "PPL-002" ? "Password" : null))], null);
        }
        audit.Record(invitation.OrganizationId, null, "invitation.accepted", $"{name} joined as {invitation.Role.Label()}", new { InvitationId = invitation.Id, UserId = user.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ([], user);
    }

    /// <summary>PPL-055 signed in: the email must match and the user must have no organization.</summary>
    public async Task<(AcceptanceError? Error, AppUser? User)> AcceptAsExistingUserAsync(OpenedInvitation invitation, Guid userId, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return (new AcceptanceError(InvitationRules.NotFoundMessage, InvitationRules.NotFoundCode), null);
        }
        if (CheckExisting(invitation, user.Email, user.OrganizationId) is { } error)
        {
            return (error, null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.Tenant.Use(invitation.OrganizationId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await ClaimAsync(invitation, user.Id, now, ct))
        {
            return (await RecheckAsync(invitation, ct), null);
        }
        user.JoinOrganization(invitation.OrganizationId, invitation.Role, now);
        audit.Record(invitation.OrganizationId, null, "invitation.accepted", $"{user.FullName} joined as {invitation.Role.Label()}", new { InvitationId = invitation.Id, UserId = user.Id });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (null, user);
    }

    public static AcceptanceError? CheckExisting(OpenedInvitation invitation, string? userEmail, Guid? organizationId)
    {
        if (!string.Equals(userEmail?.Trim(), invitation.Email, StringComparison.OrdinalIgnoreCase))
        {
            return new AcceptanceError(InvitationRules.EmailMismatchMessage, InvitationRules.EmailMismatchCode);
        }
        return organizationId is not null
            ? new AcceptanceError(InvitationRules.AlreadyInOrganizationMessage, InvitationRules.AlreadyHasOrganizationCode)
            : null;
    }

    /// <summary>Marks the invitation accepted only if it is still pending and unexpired (a race loses cleanly).</summary>
    private async Task<bool> ClaimAsync(OpenedInvitation invitation, Guid userId, DateTime now, CancellationToken ct) =>
        await db.Invitations
            .Where(i => i.Id == invitation.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u
                .SetProperty(i => i.Status, InvitationStatus.Accepted)
                .SetProperty(i => i.AcceptedAt, now)
                .SetProperty(i => i.AcceptedByUserId, userId), ct) == 1;

    private async Task<AcceptanceError> RecheckAsync(OpenedInvitation invitation, CancellationToken ct)
    {
        var row = await db.Invitations.IgnoreQueryFilters().AsNoTracking().Where(i => i.Id == invitation.Id)
            .Select(i => new { i.Status, i.ExpiresAt }).SingleOrDefaultAsync(ct);
        var check = InvitationRules.Check(true, row?.Status, row?.ExpiresAt, clock.GetUtcNow().UtcDateTime);
        var (code, message) = InvitationRules.Describe(check == InvitationCheck.Valid ? InvitationCheck.NotFound : check);
        return new AcceptanceError(message, code);
    }
}
