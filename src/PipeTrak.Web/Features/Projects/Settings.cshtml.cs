using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

/// <summary>
/// PPL-035 Project Details: edit (PPL-032, optimistic concurrency), archive/unarchive (PPL-033)
/// and delete (PPL-034, owner/admin). Rules of credit, areas, budgets and periods arrive with
/// their features.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class SettingsModel(ProjectOperations projects) : PageModel, IProjectFormPage
{
    public const string DeleteConfirmation = "Delete this project and all its data? This cannot be undone.";

    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Type the project name to confirm")]
    public string? ConfirmName { get; set; }

    public Project Project { get; private set; } = null!;

    public IReadOnlyList<string> TimeZones => ProjectTimeZones.All;

    public bool ReadOnly => Project.IsArchived;

    public bool BrowserTimeZoneDefault => false;

    public bool CanDelete => User.Can(Permission.AdministerOrganization);

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
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
        Show(project, fillForm: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid projectId, CancellationToken ct)
    {
        var outcome = await projects.UpdateAsync(User, projectId, Input.ToInput(), Input.Version, partial: false, ct);
        switch (outcome.Kind)
        {
            case ProjectOutcomeKind.Ok:
                TempData["Toast"] = "Project settings saved.";
                return Redirect($"/projects/{projectId}/settings");
            case ProjectOutcomeKind.Invalid:
                ProjectFormErrors.AddTo(ModelState, outcome.Errors!);
                return await RedisplayAsync(projectId, StatusCodes.Status200OK, ct);
            case ProjectOutcomeKind.Conflict:
                // Nothing was saved; the person reloads to see the other change.
                ModelState.AddModelError(string.Empty, ProjectRules.ConcurrencyConflict);
                return await RedisplayAsync(projectId, StatusCodes.Status409Conflict, ct);
            default:
                return Refuse(outcome);
        }
    }

    public Task<IActionResult> OnPostArchiveAsync(Guid projectId, CancellationToken ct) => SetArchivedAsync(projectId, true, ct);

    public Task<IActionResult> OnPostUnarchiveAsync(Guid projectId, CancellationToken ct) => SetArchivedAsync(projectId, false, ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid projectId, CancellationToken ct)
    {
        var outcome = await projects.DeleteAsync(User, projectId, ConfirmName, ct);
        switch (outcome.Kind)
        {
            case ProjectOutcomeKind.Ok:
                TempData["Toast"] = $"Project '{outcome.Project!.Name}' deleted.";
                return Redirect("/projects");
            case ProjectOutcomeKind.Invalid:
                ProjectFormErrors.AddTo(ModelState, outcome.Errors!);
                return await RedisplayAsync(projectId, StatusCodes.Status200OK, ct, fillForm: true);
            default:
                return Refuse(outcome);
        }
    }

    private async Task<IActionResult> SetArchivedAsync(Guid projectId, bool archived, CancellationToken ct)
    {
        var outcome = await projects.SetArchivedAsync(User, projectId, archived, ct);
        if (!outcome.Succeeded)
        {
            return Refuse(outcome);
        }
        TempData["Toast"] = archived ? "Project archived." : "Project unarchived.";
        return Redirect($"/projects/{projectId}/settings");
    }

    private async Task<IActionResult> RedisplayAsync(Guid projectId, int status, CancellationToken ct, bool fillForm = false)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        Show(project, fillForm);
        Response.StatusCode = status;
        return Page();
    }

    private void Show(Project project, bool fillForm)
    {
        Project = project;
        if (fillForm)
        {
            Input = new ProjectForm { Name = project.Name, Description = project.Description, TimeZone = project.TimeZone, Version = project.Version };
        }
    }

    private IActionResult Refuse(ProjectOutcome outcome) => outcome.Kind switch
    {
        ProjectOutcomeKind.Forbidden => this.Forbidden(outcome.Denied),
        ProjectOutcomeKind.Archived => this.ErrorResult(StatusCodes.Status409Conflict, Project.ArchivedMessage),
        _ => NotFound(),
    };
}
