using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Organizations;

/// <summary>PPL-020: owner and admin edit the organization's name (the logo is not implemented yet).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class SettingsModel(OrganizationOperations organizations) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public DateTime CreatedAt { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Organization name")]
        public string? Name { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!User.Can(Permission.AdministerOrganization))
        {
            return this.ErrorResult(StatusCodes.Status403Forbidden, OrganizationRules.SettingsForbidden);
        }
        var org = await organizations.CurrentAsync(User, ct);
        if (org is null)
        {
            return NotFound();
        }
        Input.Name = org.Name;
        CreatedAt = org.CreatedAt;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (outcome, org, error) = await organizations.RenameAsync(User, Input.Name, ct);
        switch (outcome)
        {
            case OrganizationOutcome.Ok:
                TempData["Toast"] = "Organization settings saved.";
                return Redirect("/organization/settings");
            case OrganizationOutcome.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, error!);
            case OrganizationOutcome.Invalid:
                ModelState.AddModelError("Input.Name", error!);
                CreatedAt = org!.CreatedAt;
                return Page();
            default:
                return NotFound();
        }
    }
}
