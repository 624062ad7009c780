using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-011: the welders page: stencil, name, status, welds welded, reject rate; add, edit, verify and delete (PPL-040 row 4).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class WeldersModel(WeldQueries queries, WelderCommands commands) : PageModel
{
    public Guid ProjectId { get; private set; }

    public IReadOnlyList<WelderRow> Welders { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    [BindProperty]
    public string? Stencil { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public bool CanManage => User.Can(Permission.ManageWelds);

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var welders = await queries.WeldersAsync(User, projectId, ct);
        if (welders is null)
        {
            return NotFound();
        }
        ProjectId = projectId;
        Welders = welders;
        return Page();
    }

    /// <summary>WLD-010/011.</summary>
    public async Task<IActionResult> OnPostAddAsync(Guid projectId, CancellationToken ct) =>
        Done(await commands.AddAsync(User, projectId, Stencil, Name, ct), $"Welder {WelderRules.NormalizeStencil(Stencil)} added");

    /// <summary>WLD-011.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(Guid projectId, Guid welderId, CancellationToken ct) =>
        Done(await commands.VerifyAsync(User, projectId, welderId, ct), "Welder verified");

    /// <summary>WLD-010/011: name and stencil are editable.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid projectId, Guid welderId, CancellationToken ct) =>
        Done(await commands.EditAsync(User, projectId, welderId, Stencil, Name, ct), $"Welder {WelderRules.NormalizeStencil(Stencil)} saved");

    /// <summary>WLD-011: deletable only without welds.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid projectId, Guid welderId, CancellationToken ct) =>
        Done(await commands.DeleteAsync(User, projectId, welderId, ct), "Welder deleted");

    private IActionResult Done(WeldCommandResult result, string success)
    {
        switch (result.Status)
        {
            case WeldCommandStatus.NotFound:
                return NotFound();
            case WeldCommandStatus.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message!);
            case WeldCommandStatus.Ok:
                Message = success;
                break;
            default:
                Error = result.Message;
                break;
        }
        return Redirect(Request.Path);
    }
}
