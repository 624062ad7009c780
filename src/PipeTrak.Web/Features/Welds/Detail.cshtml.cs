using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds;

/// <summary>
/// A weld: its record, milestones and history (WLD-059), with only the actions that apply to its state
/// and the caller's role (WLD-084, PPL-040): Assign Welder when unwelded, Record NDE when welded without
/// a result, Create Repair after a FAIL; then edit/clear assignment, update/clear NDE, specs, reassign
/// drawing, retire and delete. A refusal comes back next to the form it belongs to.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(WeldQueries queries, WeldCommands commands, TimeProvider clock) : PageModel
{
    /// <summary>Form keys: which section a refusal is shown next to.</summary>
    public static class Forms
    {
        public const string Assign = "assign";
        public const string EditAssignment = "edit-assignment";
        public const string ClearAssignment = "clear-assignment";
        public const string RecordNde = "nde";
        public const string UpdateNde = "update-nde";
        public const string ClearNde = "clear-nde";
        public const string Repair = "repair";
        public const string Specs = "specs";
        public const string Reassign = "reassign";
        public const string Retire = "retire";
        public const string Delete = "delete";
    }

    public Guid ProjectId { get; private set; }

    public WeldDetail Weld { get; private set; } = null!;

    public IReadOnlyList<WeldOption> Welders { get; private set; } = [];

    public IReadOnlyList<WeldOption> Drawings { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    /// <summary>The form (see <see cref="Forms"/>) the <see cref="Error"/> belongs to.</summary>
    [TempData]
    public string? ErrorFor { get; set; }

    public bool CanManageWelds => User.Can(Permission.ManageWelds);

    public bool CanRecordNde => User.Can(Permission.QualityControl);

    /// <summary>WLD-058: owner/admin only (PPL-040 row 8).</summary>
    public bool CanDelete => User.Can(Permission.AdministerOrganization);

    private bool Live => !Weld.Weld.IsRetired;

    private bool Welded => Weld.Weld.WelderId is not null;

    private bool HasNde => Weld.Weld.NdeResult is not null;

    private bool HasRepair => Weld.RepairWeldId is not null;

    public bool ShowAssign => CanManageWelds && Live && !Welded;

    public bool ShowRecordNde => CanRecordNde && Live && Welded && !HasNde;

    public bool ShowRepair => CanManageWelds && Live && Weld.Weld.NdeResult == "FAIL" && !HasRepair;

    /// <summary>WLD-022: allowed even with an NDE result.</summary>
    public bool ShowEditAssignment => CanManageWelds && Live && Welded;

    /// <summary>WLD-023: offered when assigned; with an NDE result (or a repair) the form is replaced by the refusal.</summary>
    public bool ShowClearAssignment => CanManageWelds && Live && Welded;

    public string? ClearAssignmentBlocked => HasNde || HasRepair ? WeldRules.ClearNdeFirstMessage : null;

    /// <summary>WLD-032/033: offered with a result; the WLD-034 repair lock replaces the forms by its message.</summary>
    public bool ShowUpdateNde => CanRecordNde && Live && HasNde;

    public string? NdeLocked => HasRepair ? WeldRules.RepairLockMessage : null;

    public bool ShowSpecs => CanManageWelds && Live;

    /// <summary>WLD-056: only an unwelded weld moves.</summary>
    public bool ShowReassign => CanManageWelds && Live && !Welded && Weld.Weld.DateWelded is null;

    public bool ShowRetire => CanManageWelds && Live;

    public string? RetireBlocked => HasRepair ? WeldRules.RetireWithRepairsMessage : null;

    public bool ShowDelete => CanDelete;

    public string? DeleteBlocked => HasRepair ? WeldRules.DeleteWithRepairsMessage : null;

    /// <summary>Any action beyond the primary one (the "More actions" sheet on small screens).</summary>
    public bool HasMoreActions => ShowEditAssignment || ShowUpdateNde || ShowSpecs || ShowReassign || ShowRetire || ShowDelete;

    /// <summary>The error is shown next to this form (else at the top).</summary>
    public bool ErrorHere(string form) => Error is not null && ErrorFor == form;

    /// <summary>True when the error's form is not on the page any more (state changed): show it at the top.</summary>
    public bool ErrorAtTop => Error is not null && !(ErrorFor switch
    {
        Forms.Assign => ShowAssign && Welders.Count > 0,
        Forms.RecordNde => ShowRecordNde,
        Forms.Repair => ShowRepair,
        Forms.EditAssignment => ShowEditAssignment,
        Forms.ClearAssignment => ShowClearAssignment && ClearAssignmentBlocked is null,
        Forms.UpdateNde or Forms.ClearNde => ShowUpdateNde && NdeLocked is null,
        Forms.Specs => ShowSpecs,
        Forms.Reassign => ShowReassign,
        Forms.Retire => ShowRetire && RetireBlocked is null,
        Forms.Delete => ShowDelete && DeleteBlocked is null,
        _ => false,
    });

    /// <summary>The secondary actions start open when one of them has the error (so it is seen on small screens too).</summary>
    public bool MoreActionsOpen => Error is not null && ErrorFor is not (null or Forms.Assign or Forms.RecordNde or Forms.Repair);

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
        if (ShowAssign || ShowEditAssignment || ShowReassign)
        {
            var options = await queries.OptionsAsync(projectId, ct);
            Welders = options.Welders;
            Drawings = options.Drawings;
        }
        return Page();
    }

    /// <summary>WLD-020.</summary>
    public async Task<IActionResult> OnPostAssignAsync(Guid projectId, Guid weldId, Guid? welderId, DateOnly? dateWelded, CancellationToken ct) =>
        Done(await commands.AssignAsync(User, projectId, weldId, new AssignWelderInput(welderId, dateWelded), ct), "Welder assigned", Forms.Assign);

    /// <summary>WLD-022: the reason (e.g. incorrect_welder) is optional.</summary>
    public async Task<IActionResult> OnPostEditAssignmentAsync(
        Guid projectId, Guid weldId, Guid? welderId, DateOnly? dateWelded, string? reason, string? details, CancellationToken ct) =>
        Done(await commands.EditAssignmentAsync(User, projectId, weldId, new AssignWelderInput(welderId, dateWelded, Blank(reason), Blank(details)), ct),
            "Assignment updated", Forms.EditAssignment);

    /// <summary>WLD-023: needs a rollback reason; refused while an NDE result exists.</summary>
    public async Task<IActionResult> OnPostClearAssignmentAsync(Guid projectId, Guid weldId, string? reason, string? details, CancellationToken ct) =>
        Done(await commands.ClearAssignmentAsync(User, projectId, weldId, new RollbackInput(Blank(reason), Blank(details)), ct),
            "Assignment cleared", Forms.ClearAssignment);

    /// <summary>WLD-030.</summary>
    public async Task<IActionResult> OnPostRecordNdeAsync(Guid projectId, Guid weldId, string? ndeType, string? ndeResult, DateOnly? ndeDate, string? ndeNotes, CancellationToken ct) =>
        Done(await commands.RecordNdeAsync(User, projectId, weldId, new NdeInput(ndeType, ndeResult, ndeDate, ndeNotes), ct), "NDE result recorded", Forms.RecordNde);

    /// <summary>WLD-032/034: changing a PASS or FAIL result needs a rollback reason.</summary>
    public async Task<IActionResult> OnPostUpdateNdeAsync(
        Guid projectId, Guid weldId, string? ndeType, string? ndeResult, DateOnly? ndeDate, string? ndeNotes, string? reason, string? details, CancellationToken ct) =>
        Done(await commands.UpdateNdeAsync(User, projectId, weldId, new NdeInput(ndeType, ndeResult, ndeDate, ndeNotes ?? "", Blank(reason), Blank(details)), ct),
            "NDE result updated", Forms.UpdateNde);

    /// <summary>WLD-033/034.</summary>
    public async Task<IActionResult> OnPostClearNdeAsync(Guid projectId, Guid weldId, string? reason, string? details, CancellationToken ct) =>
        Done(await commands.ClearNdeAsync(User, projectId, weldId, new RollbackInput(Blank(reason), Blank(details)), ct), "NDE result cleared", Forms.ClearNde);

    /// <summary>WLD-040.</summary>
    public async Task<IActionResult> OnPostRepairAsync(Guid projectId, Guid weldId, CancellationToken ct)
    {
        var result = await commands.CreateRepairAsync(User, projectId, weldId, ct);
        return result.Succeeded ? Redirect($"/projects/{projectId}/welds/{result.Id}") : Done(result, "", Forms.Repair);
    }

    /// <summary>WLD-055: every field is posted; empty schedule, base metal and notes clear them.</summary>
    public async Task<IActionResult> OnPostUpdateSpecsAsync(
        Guid projectId, Guid weldId, string? weldType, string? size, string? schedule, string? baseMetal, string? spec,
        string? xRayPercent, bool ndeRequired, string? notes, CancellationToken ct)
    {
        // Unreadable x-ray % goes to the command as out of range, so 404/403 still come first (PPL-041).
        var xRay = TryPercent(xRayPercent, out var parsed) ? parsed : -1m;
        var input = new WeldSpecsInput(weldType, size ?? "", schedule ?? "", baseMetal ?? "", spec ?? "", xRay, ndeRequired, notes ?? "");
        return Done(await commands.UpdateSpecsAsync(User, projectId, weldId, input, ct), "Weld specs updated", Forms.Specs);
    }

    /// <summary>WLD-056.</summary>
    public async Task<IActionResult> OnPostReassignAsync(Guid projectId, Guid weldId, Guid? drawingId, CancellationToken ct) =>
        Done(await commands.ReassignDrawingAsync(User, projectId, weldId, drawingId, ct), "Weld moved to another drawing", Forms.Reassign);

    /// <summary>WLD-057: reason of at least 10 characters.</summary>
    public async Task<IActionResult> OnPostRetireAsync(Guid projectId, Guid weldId, string? retireReason, CancellationToken ct) =>
        Done(await commands.RetireAsync(User, projectId, weldId, retireReason, ct), "Weld retired", Forms.Retire);

    /// <summary>WLD-058: owner/admin; back to the weld log with a message.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid projectId, Guid weldId, CancellationToken ct)
    {
        var number = (await queries.DetailAsync(User, projectId, weldId, ct))?.Weld.Number;
        var result = await commands.DeleteAsync(User, projectId, weldId, ct);
        if (!result.Succeeded)
        {
            return Done(result, "", Forms.Delete);
        }
        Message = $"Weld {number} deleted"; // same TempData key as the log's message
        return Redirect($"/projects/{projectId}/welds");
    }

    /// <summary>Success and rule refusals come back to the weld (message or error shown); 404 and 403 answer as such.</summary>
    private IActionResult Done(WeldCommandResult result, string success, string form)
    {
        switch (result.Status)
        {
            case WeldCommandStatus.NotFound:
                // PPL-070.3: an unknown (or another organization's) weld, welder or drawing answers 404.
                return this.ErrorResult(StatusCodes.Status404NotFound, result.Message!);
            case WeldCommandStatus.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message!);
            case WeldCommandStatus.Ok:
                Message = success;
                break;
            default:
                // Rule refusals, archived project, duplicate number, concurrent change.
                Error = result.Message;
                ErrorFor = form;
                break;
        }
        return Redirect(Request.Path);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool TryPercent(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }
}
