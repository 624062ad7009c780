using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

/// <summary>
/// PPL-031: create a project (owner/admin/PM). It becomes selected; the user lands on its
/// dashboard (the import page that the spec names does not exist yet).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class NewModel(ProjectOperations projects) : PageModel, IProjectFormPage
{
    [BindProperty]
    public ProjectForm Input { get; set; } = new();

    public IReadOnlyList<string> TimeZones => ProjectTimeZones.All;

    public bool ReadOnly => false;

    public bool BrowserTimeZoneDefault => HttpMethods.IsGet(Request.Method);

    public IActionResult OnGet() =>
        User.Can(Permission.ManageProjects) ? Page() : this.Forbidden(Permission.ManageProjects);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await projects.CreateAsync(User, Input.ToInput(), ct);
        switch (outcome.Kind)
        {
            case ProjectOutcomeKind.Ok:
                TempData["Toast"] = $"Project '{outcome.Project!.Name}' created.";
                return Redirect($"/projects/{outcome.Project.Id}/dashboard");
            case ProjectOutcomeKind.Invalid:
                ProjectFormErrors.AddTo(ModelState, outcome.Errors!);
                return Page();
            default:
                return this.Forbidden(outcome.Denied);
        }
    }
}
