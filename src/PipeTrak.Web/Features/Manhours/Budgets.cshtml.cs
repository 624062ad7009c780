using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Manhours;

/// <summary>The create-version form (TRK-091); the total is typed text so any entry gets the spec message.</summary>
public sealed class BudgetForm
{
    [Display(Name = "Total budgeted manhours")]
    public string? TotalManhours { get; set; }

    [Display(Name = "Revision reason")]
    public string? Reason { get; set; }

    [Display(Name = "Effective date")]
    public DateOnly? EffectiveDate { get; set; }
}

/// <summary>
/// TRK-090..098 budget page: versions, create (activates and distributes), activate an earlier one,
/// the active version's warnings, additions since it, and budgeted/earned/remaining per drawing.
/// Owner, admin and project manager only (TRK-090).
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class BudgetsModel(ManhourBudgets budgets) : PageModel
{
    [BindProperty]
    public BudgetForm Input { get; set; } = new();

    [BindProperty]
    public Guid? BudgetId { get; set; }

    public Project Project { get; private set; } = null!;

    public IReadOnlyList<BudgetView> Versions { get; private set; } = [];

    public ProjectManhours Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var (project, status) = await budgets.AuthorizeAsync(User, projectId, write: false, ct);
        if (status != BudgetStatus.Ok)
        {
            return Refuse(status);
        }
        await ShowAsync(project!, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid projectId, CancellationToken ct)
    {
        var (project, access) = await budgets.AuthorizeAsync(User, projectId, write: true, ct);
        if (access != BudgetStatus.Ok)
        {
            return Refuse(access);
        }
        // An empty or non-numeric total is not above 0: TRK-091's first message.
        var total = decimal.TryParse(Input.TotalManhours?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var t) ? t : 0m;
        var result = await budgets.CreateAsync(User, projectId, new BudgetInput(total, Input.Reason, Input.EffectiveDate), ct);
        if (result.Status == BudgetStatus.Invalid)
        {
            ModelState.AddModelError(result.Field == "reason" ? "Input.Reason" : "Input.TotalManhours", result.Message!);
            await ShowAsync(project!, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (result.Status != BudgetStatus.Ok)
        {
            return Refuse(result.Status);
        }
        TempData["Toast"] = string.Create(CultureInfo.InvariantCulture,
            $"Budget v{result.Budget!.Number} is active: {result.Budget.TotalManhours:0.####} MH distributed over {result.Budget.ComponentCount} components.");
        return Redirect($"/projects/{projectId}/manhours");
    }

    public async Task<IActionResult> OnPostActivateAsync(Guid projectId, CancellationToken ct)
    {
        var (project, access) = await budgets.AuthorizeAsync(User, projectId, write: true, ct);
        if (access != BudgetStatus.Ok)
        {
            return Refuse(access);
        }
        if (BudgetId is not { } budgetId)
        {
            return NotFound();
        }
        var result = await budgets.ActivateAsync(User, projectId, budgetId, ct);
        if (result.Status == BudgetStatus.Invalid)
        {
            ModelState.AddModelError(string.Empty, result.Message!);
            await ShowAsync(project!, ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (result.Status != BudgetStatus.Ok)
        {
            return Refuse(result.Status);
        }
        TempData["Toast"] = string.Create(CultureInfo.InvariantCulture, $"Budget v{result.Budget!.Number} is active again.");
        return Redirect($"/projects/{projectId}/manhours");
    }

    public static string Mh(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    private async Task ShowAsync(Project project, CancellationToken ct)
    {
        Project = project;
        Versions = await budgets.ListAsync(project.Id, ct);
        Figures = await budgets.FiguresAsync(project.Id, ct);
    }

    private IActionResult Refuse(BudgetStatus status) => status switch
    {
        BudgetStatus.Forbidden => this.Forbidden(Permission.ManageProjects),
        BudgetStatus.Archived => this.ErrorResult(StatusCodes.Status409Conflict, Project.ArchivedMessage),
        _ => NotFound(),
    };
}
