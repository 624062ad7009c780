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

/// <summary>
/// PKG-034 packages page: cards with live readiness (PKG-030..033), filter All/Ready/In progress/Blocked,
/// name search and sort, all in the URL query; htmx swaps only the cards.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(ProjectOperations projects, AppDbContext db) : PageModel
{
    [FromQuery(Name = "filter")]
    public string? FilterText { get; set; }

    [FromQuery(Name = "search")]
    public string? Search { get; set; }

    [FromQuery(Name = "sort")]
    public string? SortText { get; set; }

    public Project Project { get; private set; } = null!;

    public PackageFilter Filter { get; private set; }

    public PackageSort Sort { get; private set; }

    public IReadOnlyList<PackageCard> Cards { get; private set; } = [];

    /// <summary>TRK-090: manhours only for owner/admin/PM.</summary>
    public bool ShowManhours => User.Can(Permission.ManageProjects);

    public bool CanCreate => User.Can(Permission.ManageProjects) && !Project.IsArchived;

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        var project = await projects.FindAsync(User, projectId, ct);
        if (project is null)
        {
            return NotFound();
        }
        Project = project;
        Filter = PackageEndpoints.ParseFilter(FilterText);
        Sort = PackageEndpoints.ParseSort(SortText);
        Cards = await PackageQueries.ListAsync(db, projectId, Filter, Search, Sort, ct);
        Response.Headers.Vary = "HX-Request";
        return Request.IsHtmx() && !Request.Headers.ContainsKey("HX-History-Restore-Request")
            ? Partial("_PackageCards", this)
            : Page();
    }

    public static string StatusClass(PackageStatus status) => status switch
    {
        PackageStatus.Ready => "text-bg-success",
        PackageStatus.Blocked => "text-bg-warning",
        _ => "text-bg-primary",
    };
}
