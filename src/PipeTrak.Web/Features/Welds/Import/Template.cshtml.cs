using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>IMP-061: the weld log template download (?format=xlsx|csv).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class TemplateModel(WeldImportCommands imports) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid projectId, string? format, CancellationToken ct)
    {
        if (await imports.CheckAccessAsync(User, projectId, write: false, ct) is { } refusal)
        {
            return refusal.Kind == ImportOutcomeKind.Forbidden ? this.Forbidden(refusal.Denied) : NotFound();
        }
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? File(WeldImportTemplate.Csv(), "text/csv; charset=utf-8", "pipetrak-weld-log-template.csv")
            : File(WeldImportTemplate.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pipetrak-weld-log-template.xlsx");
    }
}
