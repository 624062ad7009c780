using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>
/// A weld: its record, milestones and history (WLD-059), with only the applicable action (WLD-084):
/// Assign Welder when unwelded, Record NDE when welded without a result, Create Repair after a FAIL.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(WeldQueries queries, WeldCommands commands, TimeProvider clock) : PageModel
{
    public Guid ProjectId { get; private set; }

    public WeldDetail Weld { get; private set; } = null!;

    public IReadOnlyList<WeldOption> Welders { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public bool CanManageWelds => User.Can(Permission.ManageWelds);

    public bool CanRecordNde => User.Can(Permission.QualityControl);

    public bool ShowAssign => CanManageWelds && !Weld.Weld.IsRetired && Weld.Weld.WelderId is null;

    public bool ShowRecordNde => CanRecordNde && !Weld.Weld.IsRetired && Weld.Weld.WelderId is not null && Weld.Weld.NdeResult is null;

    public bool ShowRepair => CanManageWelds && !Weld.Weld.IsRetired && Weld.Weld.NdeResult == "FAIL" && Weld.RepairWeldId is null;

    public string Today { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid weldId, CancellationToken ct)
    {
        var detail = await queries.DetailAsync(User, projectId, weldId, ct);
        if (detail is null)
        {
            return NotFound();
        }
        ProjectId = projectId;
        Weld = detail;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (ShowAssign)
        {
            Welders = (await queries.OptionsAsync(projectId, ct)).Welders;
        }
        return Page();
    }

    /// <summary>WLD-020.</summary>
    public async Task<IActionResult> OnPostAssignAsync(Guid projectId, Guid weldId, Guid? welderId, DateOnly? dateWelded, CancellationToken ct) =>
        Done(await commands.AssignAsync(User, projectId, weldId, new AssignWelderInput(welderId, dateWelded), ct), "Welder assigned");

    /// <summary>WLD-030.</summary>
    public async Task<IActionResult> OnPostRecordNdeAsync(Guid projectId, Guid weldId, string? ndeType, string? ndeResult, DateOnly? ndeDate, string? ndeNotes, CancellationToken ct) =>
        Done(await commands.RecordNdeAsync(User, projectId, weldId, new NdeInput(ndeType, ndeResult, ndeDate, ndeNotes), ct), "NDE result recorded");

    /// <summary>WLD-040.</summary>
    public async Task<IActionResult> OnPostRepairAsync(Guid projectId, Guid weldId, CancellationToken ct)
    {
        var result = await commands.CreateRepairAsync(User, projectId, weldId, ct);
        return result.Succeeded ? Redirect($"/projects/{projectId}/welds/{result.Id}") : Done(result, "");
    }

    /// <summary>Success and rule refusals come back to the weld (message or error shown); 404 and 403 answer as such.</summary>
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
