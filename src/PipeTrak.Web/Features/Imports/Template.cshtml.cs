using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Imports;

/// <summary>IMP-060: the takeoff template download (?format=xlsx|csv).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class TemplateModel(ImportCommands imports) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid projectId, string? format, CancellationToken ct)
    {
        if (await imports.CheckAccessAsync(User, projectId, write: false, ct) is { } refusal)
        {
            return refusal.Kind == ImportOutcomeKind.Forbidden ? this.Forbidden(refusal.Denied) : NotFound();
        }
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(TakeoffTemplate.Csv(), "text/csv; charset=utf-8", "pipetrak-takeoff-template.csv")
            : File(TakeoffTemplate.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pipetrak-takeoff-template.xlsx");
    }
}
