using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-001 fields as posted by the package forms (new and edit).</summary>
public sealed class PackageFormInput
{
    [Display(Name = "Package name")]
    public string? Name { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Test type")]
    public string? TestType { get; set; }

    [Display(Name = "Other test type")]
    public string? OtherDescription { get; set; }

    [Display(Name = "Target date")]
    public DateOnly? TargetDate { get; set; }

    [Display(Name = "Requires protective coating")]
    public bool RequiresCoating { get; set; }

    [Display(Name = "Requires insulation")]
    public bool RequiresInsulation { get; set; }

    [Display(Name = "Test pressure")]
    public decimal? TestPressure { get; set; }

    [Display(Name = "Pressure unit")]
    public string? PressureUnit { get; set; } = "PSIG";

    public Guid? Version { get; set; }

    public PackageForm ToForm() => new(Name, Description, TestType, OtherDescription, TargetDate, RequiresCoating, RequiresInsulation, TestPressure, PressureUnit);

    public static PackageFormInput From(TestPackage p) => new()
    {
        Name = p.Name,
        Description = p.Description,
        TestType = p.TestType?.Label(),
        OtherDescription = p.OtherDescription,
        TargetDate = p.TargetDate,
        RequiresCoating = p.RequiresCoating,
        RequiresInsulation = p.RequiresInsulation,
        TestPressure = p.TestPressure,
        PressureUnit = p.PressureUnit.Code(),
        Version = p.Version,
    };

    /// <summary>Field messages of a refused command under "Input.{field}"; the rest go to the summary.</summary>
    public static void AddErrors(ModelStateDictionary state, PackageResult result)
    {
        string[] fields = ["Name", "Description", "TestType", "OtherDescription", "TargetDate", "TestPressure", "PressureUnit", "RequiresCoating", "RequiresInsulation"];
        if (result.Errors is null or { Count: 0 })
        {
            state.AddModelError(string.Empty, result.Message);
            return;
        }
        foreach (var (key, message) in result.Errors)
        {
            state.AddModelError(fields.Contains(key) ? $"Input.{key}" : string.Empty, message);
        }
    }
}

public sealed record PickOption(Guid Id, string Label);

/// <summary>
/// PKG-001..004 new package page: the fields, then content from one tab (Select Drawings or Select
/// Components, PKG-003) with component filters by area, system, type and drawing kept in the URL.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class NewModel(ProjectOperations projects, PackageCommands commands, AppDbContext db) : PageModel
{
    public const int ComponentLimit = 500;

    [BindProperty]
    public PackageFormInput Input { get; set; } = new();

    [BindProperty]
    public List<Guid> DrawingIds { get; set; } = [];

    [BindProperty]
    public List<Guid> ComponentIds { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    /// <summary>The tab a "Select Drawings"/"Select Components" button switches to (PKG-003).</summary>
    [BindProperty]
    public string? SwitchTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? AreaId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? SystemId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? DrawingId { get; set; }

    public Project Project { get; private set; } = null!;

    public bool ComponentsTab => string.Equals(Tab, "components", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<CandidateDrawing> Drawings { get; private set; } = [];

    public IReadOnlyList<CandidateComponent> Components { get; private set; } = [];

    public IReadOnlyList<PickOption> Areas { get; private set; } = [];

    public IReadOnlyList<PickOption> Systems { get; private set; } = [];

    public string Preview { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var refusal = await LoadAsync(projectId, ct);
        return refusal ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid projectId, CancellationToken ct)
    {
        var drawings = ComponentsTab ? [] : DrawingIds;
        var components = ComponentsTab ? ComponentIds : [];
        var result = await commands.CreateAsync(User, projectId, Input.ToForm(), drawings, components, ct);
        switch (result.Outcome)
        {
            case PackageOutcome.Ok:
                TempData["Toast"] = result.Message;
                return Redirect($"/projects/{projectId}/packages/{result.Id}");
            case PackageOutcome.NotFound:
                return NotFound();
            case PackageOutcome.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message);
            default:
                PackageFormInput.AddErrors(ModelState, result);
                var refusal = await LoadAsync(projectId, ct);
                if (refusal is not null)
                {
                    return refusal;
                }
                Response.StatusCode = result.StatusCode;
                return Page();
        }
    }

    /// <summary>Tab switch or component filter change: re-renders the form with what was typed, creates nothing.</summary>
    public async Task<IActionResult> OnPostReloadAsync(Guid projectId, CancellationToken ct)
    {
        ModelState.Clear();
        if (SwitchTo is not null && !string.Equals(SwitchTo, Tab, StringComparison.OrdinalIgnoreCase))
        {
            // PKG-003: one tab per package; switching clears the other tab's choice.
            Tab = SwitchTo;
            DrawingIds = [];
            ComponentIds = [];
        }
        var refusal = await LoadAsync(projectId, ct);
        return refusal ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid projectId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        if (!User.Can(Permission.ManageProjects))
        {
            return this.Forbidden(Permission.ManageProjects);
        }
        if (project.IsArchived)
        {
            return this.ErrorResult(StatusCodes.Status409Conflict, Project.ArchivedMessage);
        }
        Project = project;
        if (ComponentsTab)
        {
            ComponentType? type = ComponentTypes.TryParseCode(Type, out var t) ? t : null;
            Components = await PackageQueries.CandidateComponentsAsync(db, projectId, AreaId, SystemId, type, DrawingId, ComponentLimit, ct);
            Areas = await db.Areas.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Name).Select(a => new PickOption(a.Id, a.Name)).ToListAsync(ct);
            Systems = await db.Systems.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Name).Select(s => new PickOption(s.Id, s.Name)).ToListAsync(ct);
        }
        // The drawing filter of the components tab and the drawings tab both list drawings without a package.
        Drawings = await PackageQueries.CandidateDrawingsAsync(db, projectId, ct);
        Preview = await PackageQueries.PreviewAsync(db, projectId, ComponentsTab ? [] : DrawingIds, ComponentsTab ? ComponentIds : [], ct);
        return null;
    }
}
