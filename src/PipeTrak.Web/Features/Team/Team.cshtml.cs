using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Team;

/// <summary>PPL-060 team page (all members, read-only below admin); PPL-042/043/050/056 actions for owner and admin.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class TeamModel(TeamQueries queries, TeamOperations operations, AppDbContext db) : PageModel
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public TeamFilter Filter { get; private set; } = TeamFilter.None;
    public TeamList List { get; private set; } = new([], [], true);
    public string OrganizationName { get; private set; } = "";
    public Guid CurrentUserId { get; private set; }
    public OrgRole? CurrentRole { get; private set; }
    public bool CanAdminister => CurrentRole is { } r && PermissionMatrix.Allows(r, Permission.AdministerOrganization);
    public IReadOnlyList<OrgRole> GrantableRoles => [.. RoleGuards.Grantable(CurrentRole)];

    public sealed class InviteInput
    {
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Display(Name = "Role")]
        public string? Role { get; set; }

        [Display(Name = "Message (optional)")]
        public string? Message { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Filter = FilterFrom(Request.Query);
        await LoadAsync(ct);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && !Request.Headers.ContainsKey("HX-History-Restore-Request")
            ? Partial("_TeamRows", this)
            : Page();
    }

    /// <summary>PPL-050: live duplicate check for the invite form (a text fragment, empty when fine).</summary>
    public async Task<IActionResult> OnGetCheckEmailAsync([FromQuery(Name = "Input.Email")] string? email, CancellationToken ct)
    {
        if (!User.Can(Permission.AdministerOrganization))
        {
            return this.Forbidden(Permission.AdministerOrganization);
        }
        var message = await operations.CheckInviteEmailAsync(email, ct);
        return Content(message ?? "", "text/plain; charset=utf-8");
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var (result, sent) = await operations.InviteAsync(Actor(), Input.Email, Input.Role, Input.Message, ct);
        if (result.Outcome is TeamOutcome.Forbidden)
        {
            return this.ErrorResult(result.StatusCode, result.Message);
        }
        if (!result.Succeeded || sent is null)
        {
            ModelState.AddModelError(result.Field is { } f ? $"Input.{f}" : "Input.Email", result.Message);
            Filter = TeamFilter.None;
            await LoadAsync(ct);
            Response.StatusCode = result.StatusCode;
            return Page();
        }
        if (Request.IsHtmx())
        {
            Response.Toast(sent.Feedback);
            return await RowsAsync(ct);
        }
        TempData["Toast"] = sent.Feedback;
        if (sent.Link is not null)
        {
            TempData["InviteLink"] = sent.Link;
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(Guid userId, string? role, CancellationToken ct)
    {
        var (result, member) = await operations.ChangeRoleAsync(Actor(), userId, role, ct);
        return await AfterAsync(result, member?.Role is { } r ? $"Role updated to {r.Label()}" : "", ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid userId, CancellationToken ct)
    {
        var (result, member) = await operations.RemoveAsync(Actor(), userId, ct);
        return await AfterAsync(result, member is null ? "" : $"{member.FullName} removed from organization", ct);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid invitationId, CancellationToken ct)
    {
        var (result, sent) = await operations.ResendAsync(Actor(), invitationId, ct);
        if (result.Succeeded && sent?.Link is not null && !Request.IsHtmx())
        {
            TempData["InviteLink"] = sent.Link;
        }
        return await AfterAsync(result, sent?.Feedback ?? "", ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken ct)
    {
        var (result, invitation) = await operations.RevokeAsync(Actor(), invitationId, ct);
        return await AfterAsync(result, invitation is null ? "" : $"Invitation to {invitation.Email} revoked", ct);
    }

    /// <summary>htmx: toast + refreshed rows (refusal: a text toast, the select rolls back); full post: PRG.</summary>
    private async Task<IActionResult> AfterAsync(TeamResult result, string toast, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            return this.ErrorResult(result.StatusCode, result.Message);
        }
        if (Request.IsHtmx())
        {
            Response.Toast(toast);
            return await RowsAsync(ct);
        }
        TempData["Toast"] = toast;
        return RedirectToPage();
    }

    private async Task<IActionResult> RowsAsync(CancellationToken ct)
    {
        // The rows keep the filters the user is looking at (htmx sends the current URL).
        var current = Request.Headers["HX-Current-URL"].ToString();
        Filter = Uri.TryCreate(current, UriKind.Absolute, out var uri)
            ? FilterFrom(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query))
            : TeamFilter.None;
        await LoadAsync(ct);
        return Partial("_TeamRows", this);
    }

    private static TeamFilter FilterFrom(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> query)
    {
        var values = query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return TeamFilter.From(values.GetValueOrDefault("search"), values.GetValueOrDefault("role"), values.GetValueOrDefault("status"), values.GetValueOrDefault("sort"));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = Actor();
        CurrentUserId = actor.UserId;
        CurrentRole = actor.Role;
        OrganizationName = await db.Organizations.AsNoTracking().Where(o => o.Id == actor.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "";
        List = await queries.ListAsync(actor.OrganizationId, Filter, ct);
    }

    private TeamActor Actor() => TeamActor.From(User) ?? throw new InvalidOperationException("The Member policy guarantees an organization.");

    public string RemoveConfirmation(string name) =>
        $"{name} will lose access to {OrganizationName} immediately. Their past work stays in the history.";

    public bool CanActOn(MemberRow member) => RoleGuards.CanActOn(CurrentUserId, CurrentRole, member.Id, member.Role);
}
