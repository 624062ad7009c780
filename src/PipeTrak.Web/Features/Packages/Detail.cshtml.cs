using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-040..043 certificate fields as posted by the certificate form.</summary>
public sealed class CertificateInput
{
    public string? Client { get; set; }
    public string? ClientSpec { get; set; }
    public string? LineNumber { get; set; }
    public decimal? TestPressure { get; set; }
    public string? PressureUnit { get; set; } = "PSIG";
    public string? TestMedia { get; set; }
    public decimal? Temperature { get; set; }
    public string? TemperatureUnit { get; set; } = "F";

    public CertificateForm ToForm() => new(Client, ClientSpec, LineNumber, TestPressure, PressureUnit, TestMedia, Temperature, TemperatureUnit);

    public static CertificateInput From(CertificateView c) => new()
    {
        Client = c.Client,
        ClientSpec = c.ClientSpec,
        LineNumber = c.LineNumber,
        TestPressure = c.TestPressure,
        PressureUnit = c.PressureUnit.Code(),
        TestMedia = c.TestMedia,
        Temperature = c.Temperature,
        TemperatureUnit = c.TemperatureUnit,
    };
}

/// <summary>
/// PKG-034 package detail: Summary (readiness, edit with version), Components (PKG-010..017 add,
/// remove with reason, post-hydro), Certificate (PKG-040..043), Workflow (PKG-050..059) and Delete
/// (PKG-060). Actions a role cannot do are hidden; every handler goes through PackageCommands, which
/// refuses them anyway (PKG-061). Each POST redirects back with the outcome (PRG).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class DetailModel(ProjectOperations projects, PackageCommands commands, AppDbContext db, TimeProvider clock) : PageModel
{
    public const int CandidateLimit = 200;

    public Project Project { get; private set; } = null!;

    public PackageDetail Detail { get; private set; } = null!;

    public IReadOnlyList<PackageMember> Members { get; private set; } = [];

    public IReadOnlyList<CandidateDrawing> CandidateDrawings { get; private set; } = [];

    public IReadOnlyList<CandidateComponent> CandidateComponents { get; private set; } = [];

    /// <summary>Drawings whose components the package holds through the drawing (PKG-014 removal).</summary>
    public IReadOnlyList<(Guid Id, string Number)> PackageDrawings { get; private set; } = [];

    [BindProperty]
    public PackageFormInput Input { get; set; } = new();

    [BindProperty]
    public CertificateInput Certificate { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    [FromQuery(Name = "edit")]
    public string? EditSection { get; set; }

    public string Today { get; private set; } = "";

    public bool CanManage => User.Can(Permission.ManageProjects) && !Project.IsArchived;

    public bool CanAssign => User.Can(Permission.AssignWork) && !Project.IsArchived;

    public bool CanQc => User.Can(Permission.QualityControl) && !Project.IsArchived;

    public bool CanSignOff => User.Can(Permission.RecordSignOffs) && !Project.IsArchived;

    public bool ShowManhours => User.Can(Permission.ManageProjects);

    public bool EditingDetails => CanManage && string.Equals(EditSection, "details", StringComparison.OrdinalIgnoreCase);

    public bool EditingCertificate => CanQc && (Detail.Certificate is null || string.Equals(EditSection, "certificate", StringComparison.OrdinalIgnoreCase));

    public string BaseUrl => $"/projects/{Project.Id}/packages/{Detail.Package.Id}";

    /// <summary>PKG-034 History tab: this package's audit entries, newest first.</summary>
    public IReadOnlyList<PackageHistoryEntry> History { get; private set; } = [];

    /// <summary>The project's activity (the dashboard's recent activity), linked from the History tab.</summary>
    public string ActivityUrl => $"/projects/{Project.Id}/dashboard#dashboard-activity";

    public async Task<IActionResult> OnGetAsync(Guid projectId, Guid packageId, CancellationToken ct)
    {
        if (!await LoadAsync(projectId, packageId, ct))
        {
            return NotFound();
        }
        Input = PackageFormInput.From(Detail.Package);
        return Page();
    }

    /// <summary>The page's data; false when the project or package is not visible (other organization: 404).</summary>
    private async Task<bool> LoadAsync(Guid projectId, Guid packageId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        var detail = project is null ? null : await PackageQueries.DetailAsync(db, projectId, packageId, ct);
        if (project is null || detail is null)
        {
            return false;
        }
        Project = project;
        Detail = detail;
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Members = await PackageQueries.MembersAsync(db, projectId, packageId, ct);
        PackageDrawings = [.. Members.Where(m => m.Inherited && m.DrawingId is not null).Select(m => (m.DrawingId!.Value, m.DrawingNumber ?? "")).Distinct()];
        if (CanAssign)
        {
            CandidateDrawings = await PackageQueries.CandidateDrawingsAsync(db, projectId, ct);
            CandidateComponents = await PackageQueries.CandidateComponentsAsync(db, projectId, null, null, null, null, CandidateLimit, ct);
        }
        Certificate = detail.Certificate is { } c ? CertificateInput.From(c) : new CertificateInput { TestPressure = detail.Package.TestPressure, PressureUnit = detail.Package.PressureUnit.Code() };
        History = await PackageHistory.ForPackageAsync(db, projectId, packageId, PackageHistory.Limit, ct);
        return true;
    }

    /// <summary>
    /// PKG-004/051: edit the fields against the version the editor loaded. A refusal of the fields
    /// (PKG-002) re-renders the edit form with each message next to its field and what was typed kept;
    /// other outcomes redirect back as usual.
    /// </summary>
    public async Task<IActionResult> OnPostEditAsync(Guid projectId, Guid packageId, CancellationToken ct)
    {
        var result = await commands.UpdateAsync(User, projectId, packageId, Input.ToForm(), Input.Version, ct);
        if (result.Outcome != PackageOutcome.Invalid)
        {
            return Done(result, "Package saved", "#summary");
        }
        var typed = Input;
        if (!await LoadAsync(projectId, packageId, ct))
        {
            return NotFound();
        }
        Input = typed;
        EditSection = "details";
        PackageFormInput.AddErrors(ModelState, result);
        Response.StatusCode = result.StatusCode;
        return Page();
    }

    /// <summary>PKG-012.</summary>
    public async Task<IActionResult> OnPostAddDrawingsAsync(Guid projectId, Guid packageId, List<Guid> ids, CancellationToken ct) =>
        Done(await commands.AddDrawingsAsync(User, projectId, packageId, ids, ct), null, "#components");

    /// <summary>PKG-011.</summary>
    public async Task<IActionResult> OnPostAddComponentsAsync(Guid projectId, Guid packageId, List<Guid> ids, CancellationToken ct) =>
        Done(await commands.AddComponentsAsync(User, projectId, packageId, ids, ct), null, "#components");

    /// <summary>PKG-013.</summary>
    public async Task<IActionResult> OnPostRemoveComponentAsync(Guid projectId, Guid packageId, Guid componentId, string? reason, CancellationToken ct) =>
        Done(await commands.RemoveComponentAsync(User, projectId, packageId, componentId, reason, ct), "Component removed from the package", "#components");

    /// <summary>PKG-014.</summary>
    public async Task<IActionResult> OnPostRemoveDrawingAsync(Guid projectId, Guid packageId, Guid drawingId, string? reason, CancellationToken ct) =>
        Done(await commands.RemoveDrawingAsync(User, projectId, packageId, drawingId, reason, ct), "Drawing removed from the package", "#components");

    /// <summary>PKG-015.</summary>
    public async Task<IActionResult> OnPostPostHydroAsync(Guid projectId, Guid packageId, List<Guid> ids, bool postHydro, CancellationToken ct) =>
        Done(await commands.SetPostHydroAsync(User, projectId, packageId, ids, postHydro, ct), postHydro ? "Marked post-hydro" : "Post-hydro cleared", "#components");

    /// <summary>PKG-041..043: save as draft, or submit.</summary>
    public async Task<IActionResult> OnPostCertificateAsync(Guid projectId, Guid packageId, bool submit, CancellationToken ct) =>
        Done(await commands.SaveCertificateAsync(User, projectId, packageId, Certificate.ToForm(), submit, ct), submit ? "Certificate submitted" : "Certificate draft saved", "#certificate");

    /// <summary>PKG-052..057: start, complete, skip (with reason) or reopen a stage.</summary>
    public async Task<IActionResult> OnPostStageAsync(Guid projectId, Guid packageId, Guid stageId, string? stageAction, string? reason, Guid? version, CancellationToken ct)
    {
        if (!Enum.TryParse<StageAction>(stageAction, ignoreCase: true, out var action) || !Enum.IsDefined(action))
        {
            Error = "Choose Start, Complete, Skip or Reopen.";
            return Back(projectId, packageId, "#workflow");
        }
        return Done(await commands.StageActionAsync(User, projectId, packageId, stageId, action, reason, version, ct), null, "#workflow");
    }

    /// <summary>PKG-056: the stage's data fields.</summary>
    public async Task<IActionResult> OnPostStageDataAsync(Guid projectId, Guid packageId, Guid stageId, Dictionary<string, string?>? data, Guid? version, CancellationToken ct) =>
        Done(await commands.EditStageAsync(User, projectId, packageId, stageId, data ?? [], null, version, ct), null, "#workflow");

    /// <summary>PKG-054/055: the stage's sign-offs (a blank row removes that sign-off).</summary>
    public async Task<IActionResult> OnPostSignOffsAsync(Guid projectId, Guid packageId, Guid stageId, List<SignOffInput>? signOffs, Guid? version, CancellationToken ct) =>
        Done(await commands.EditStageAsync(User, projectId, packageId, stageId, null, signOffs ?? [], version, ct), null, "#workflow");

    /// <summary>PKG-060: delete after typing the name.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid projectId, Guid packageId, string? confirmName, CancellationToken ct)
    {
        var result = await commands.DeleteAsync(User, projectId, packageId, confirmName, ct);
        if (result.Succeeded)
        {
            TempData["Toast"] = string.IsNullOrEmpty(result.Message) ? "Test package deleted." : result.Message;
            return Redirect($"/projects/{projectId}/packages");
        }
        return Done(result, null, "#delete");
    }

    /// <summary>Success and rule refusals come back to the package (message or error shown); 404 and 403 answer as such.</summary>
    private IActionResult Done(PackageResult result, string? success, string anchor)
    {
        switch (result.Outcome)
        {
            case PackageOutcome.NotFound:
                return NotFound();
            case PackageOutcome.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message);
            case PackageOutcome.Ok:
                Message = string.IsNullOrEmpty(result.Message) ? success : result.Message;
                break;
            default:
                Error = result.Errors is { Count: > 1 } errors ? string.Join(" ", errors.Values.Distinct()) : result.Message;
                break;
        }
        var (projectId, packageId) = (RouteData.Values["projectId"], RouteData.Values["packageId"]);
        return Redirect($"/projects/{projectId}/packages/{packageId}{anchor}");
    }

    private RedirectResult Back(Guid projectId, Guid packageId, string anchor) => Redirect($"/projects/{projectId}/packages/{packageId}{anchor}");
}
