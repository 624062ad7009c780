using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Team;

/// <summary>PPL-054 open and PPL-055 accept an invitation link (public, rate limited per PPL-012).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.Invitation)]
public sealed class AcceptInvitationModel(InvitationAcceptance acceptance, SessionManager sessions) : PageModel
{
    public enum View
    {
        Error,
        NewUser,
        SignInToAccept,
        AcceptAsSignedIn,
        SignedInRefused,
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public View Mode { get; private set; } = View.Error;
    public OpenedInvitation? Invitation { get; private set; }
    public string? Message { get; private set; }
    public string? Code { get; private set; }
    public string Heading { get; private set; } = "Invitation";

    public sealed class InputModel
    {
        public string? Token { get; set; }

        [Display(Name = "Full Name")]
        public string? FullName { get; set; }

        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }

        [Display(Name = "Confirm Password")]
        [DataType(DataType.Password)]
        public string? ConfirmPassword { get; set; }

        [Display(Name = "I accept the Terms of Service")]
        public bool AcceptTerms { get; set; }
    }

    public string SignInUrl => "/account/sign-in?returnUrl=" + Uri.EscapeDataString("/accept-invitation?token=" + Input.Token);

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        Input.Token = token;
        if (!await OpenAsync(ct))
        {
            return Page();
        }
        await ChooseViewAsync(ct);
        return Page();
    }

    /// <summary>New user: creates the account, membership and acceptance in one transaction, then signs in.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await OpenAsync(ct))
        {
            return Page();
        }
        Mode = View.NewUser;
        Message = InvitationRules.ValidMessage(Invitation!.OrganizationName, Invitation.Role);
        var (errors, user) = await acceptance.AcceptAsNewUserAsync(Invitation!, Input.FullName, Input.Password, Input.ConfirmPassword, Input.AcceptTerms, ct);
        if (user is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Field is { } f ? $"Input.{f}" : string.Empty, error.Message);
            }
            if (errors.Any(e => e.Field is null))
            {
                // The account exists meanwhile, or the invitation stopped being valid.
                var first = errors.First(e => e.Field is null);
                if (first.Message == InvitationRules.ExistingAccountMessage)
                {
                    Mode = View.SignInToAccept;
                    Message = first.Message;
                    Response.StatusCode = StatusCodes.Status409Conflict;
                }
                else
                {
                    Fail(first.Message, first.Code, StatusFor(first.Code));
                }
            }
            Input.Password = null;
            Input.ConfirmPassword = null;
            return Page();
        }
        await sessions.SignInAsync(HttpContext, user, false, ct);
        return LocalRedirect(Landing(user.Role));
    }

    /// <summary>Signed-in user: the email must match and the user must have no organization.</summary>
    public async Task<IActionResult> OnPostAcceptExistingAsync(CancellationToken ct)
    {
        if (User.UserId() is not { } userId)
        {
            return Redirect(SignInUrl);
        }
        if (!await OpenAsync(ct))
        {
            return Page();
        }
        var (error, user) = await acceptance.AcceptAsExistingUserAsync(Invitation!, userId, ct);
        if (error is not null || user is null)
        {
            Mode = View.SignedInRefused;
            Fail(error?.Message ?? InvitationRules.NotFoundMessage, error?.Code, StatusFor(error?.Code));
            return Page();
        }
        // Claims (organization, role) reload on the next request.
        return LocalRedirect(Landing(user.Role));
    }

    private async Task<bool> OpenAsync(CancellationToken ct)
    {
        var opening = await acceptance.OpenAsync(Input.Token, ct);
        Invitation = opening.Invitation;
        if (!opening.IsValid)
        {
            var (code, message) = InvitationRules.Describe(opening.Check);
            Fail(message, code, StatusFor(code));
            return false;
        }
        Heading = "Join " + opening.Invitation!.OrganizationName;
        return true;
    }

    private async Task ChooseViewAsync(CancellationToken ct)
    {
        var invitation = Invitation!;
        Message = InvitationRules.ValidMessage(invitation.OrganizationName, invitation.Role);
        if (User.Identity?.IsAuthenticated == true)
        {
            var refusal = InvitationAcceptance.CheckExisting(invitation, User.FindFirst(PipeTrakClaims.Email)?.Value, User.OrganizationId());
            if (refusal is not null)
            {
                Mode = View.SignedInRefused;
                Message = refusal.Message;
                Code = refusal.Code;
                Response.StatusCode = StatusFor(refusal.Code);
                return;
            }
            Mode = View.AcceptAsSignedIn;
            return;
        }
        if (await acceptance.AccountExistsAsync(invitation.Email, ct))
        {
            Mode = View.SignInToAccept;
            return;
        }
        Mode = View.NewUser;
    }

    private void Fail(string message, string? code, int status)
    {
        if (Mode != View.SignedInRefused)
        {
            Mode = View.Error;
        }
        Message = message;
        Code = code;
        Response.StatusCode = status;
    }

    private static int StatusFor(string? code) => code switch
    {
        null => StatusCodes.Status400BadRequest,
        InvitationRules.NotFoundCode => StatusCodes.Status404NotFound,
        InvitationRules.RevokedCode or InvitationRules.ExpiredCode => StatusCodes.Status410Gone,
        InvitationRules.EmailMismatchCode => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>PPL-055: welders land on the weld log ("/" routes them there), others on the components page.</summary>
    private static string Landing(OrgRole? role) => role == OrgRole.Welder ? "/" : "/projects";
}
