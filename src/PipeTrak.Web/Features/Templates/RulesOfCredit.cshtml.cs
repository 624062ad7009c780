using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Templates;

/// <summary>One weight field of the editor: the milestone name and the weight as typed.</summary>
public sealed class WeightField
{
    public string Name { get; set; } = "";
    public string? Weight { get; set; }
}

/// <summary>What one type's card shows: the template, and after a save its message and the values typed.</summary>
public sealed record TemplateCardModel(
    Guid ProjectId, TypeTemplateView Template, bool ReadOnly, string? Error = null, string? Saved = null,
    IReadOnlyDictionary<string, string?>? Typed = null, bool ApplyToExisting = false);

/// <summary>
/// TRK-021..027: the project's rules of credit, one card per type, weights editable by owner, admin
/// and project manager. A card saves through htmx (the card is swapped) or as a plain form post.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class RulesOfCreditModel(RulesOfCredit rules) : PageModel
{
    [BindProperty]
    public string? Type { get; set; }

    [BindProperty]
    public Guid? Version { get; set; }

    [BindProperty]
    public List<WeightField> Weights { get; set; } = [];

    [BindProperty]
    public bool ApplyToExisting { get; set; }

    public Project Project { get; private set; } = null!;

    public IReadOnlyList<TemplateCardModel> Cards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var (project, status) = await rules.AuthorizeAsync(User, projectId, write: false, ct);
        if (status != RulesOfCreditStatus.Ok)
        {
            return Refuse(status);
        }
        await ShowAsync(project!, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid projectId, CancellationToken ct)
    {
        var (project, access) = await rules.AuthorizeAsync(User, projectId, write: true, ct);
        if (access != RulesOfCreditStatus.Ok)
        {
            return Refuse(access);
        }
        if (!ComponentTypes.TryParseCode(Type, out var type))
        {
            return this.ErrorResult(StatusCodes.Status400BadRequest, "Choose one of the 12 component types and try again.");
        }
        var submitted = Weights.Select(w => new SubmittedWeight(w.Name, ParseWeight(w.Weight))).ToList();
        var result = await rules.SaveAsync(User, projectId, type, submitted, Version, ApplyToExisting, ct);
        switch (result.Status)
        {
            case RulesOfCreditStatus.Ok:
                var saved = ApplyToExisting
                    ? string.Create(CultureInfo.InvariantCulture, $"Rules of credit for {type.Label()} saved; {result.Recalculated} components recalculated.")
                    : $"Rules of credit for {type.Label()} saved.";
                if (Request.IsHtmx())
                {
                    Response.Headers.Vary = "HX-Request";
                    return Partial("_TemplateCard", new TemplateCardModel(projectId, result.Current!, false, Saved: saved));
                }
                TempData["Toast"] = saved;
                return Redirect($"/projects/{projectId}/settings/rules-of-credit#credit-{type.Code()}");
            case RulesOfCreditStatus.Invalid:
            case RulesOfCreditStatus.Conflict:
                // Invalid: show what was typed with the message. Conflict: show the current weights (TRK-025).
                var typed = result.Status == RulesOfCreditStatus.Invalid
                    ? Weights.GroupBy(w => w.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Weight, StringComparer.Ordinal)
                    : null;
                var card = new TemplateCardModel(projectId, result.Current!, false, result.Message, Typed: typed, ApplyToExisting: ApplyToExisting);
                if (Request.IsHtmx())
                {
                    Response.Headers.Vary = "HX-Request";
                    return Partial("_TemplateCard", card);
                }
                await ShowAsync(project!, card, ct);
                Response.StatusCode = result.Status == RulesOfCreditStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                return Page();
            default:
                return Refuse(result.Status);
        }
    }

    /// <summary>Anything not a number is refused by TRK-024 step 2 (-1 is never a valid weight).</summary>
    private static decimal ParseWeight(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : -1m;

    private async Task ShowAsync(Project project, TemplateCardModel? replaced, CancellationToken ct)
    {
        Project = project;
        var templates = await rules.ListAsync(project.Id, ct);
        Cards = templates
            .Select(t => replaced is not null && replaced.Template.Type == t.Type ? replaced : new TemplateCardModel(project.Id, t, project.IsArchived))
            .ToList();
    }

    private IActionResult Refuse(RulesOfCreditStatus status) => status switch
    {
        RulesOfCreditStatus.Forbidden => this.Forbidden(Permission.ManageProjects),
        RulesOfCreditStatus.Archived => this.ErrorResult(StatusCodes.Status409Conflict, Project.ArchivedMessage),
        _ => NotFound(),
    };
}
