using Microsoft.AspNetCore.Mvc;
using PipeTrak.Web.Features.Review;
using PipeTrak.Web.Features.Shared.Components.ProjectNav;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Shared.Components.ReviewBell;

/// <summary>
/// WLD-071 header bell: links to the QC review list of the project in view and shows a dot while the
/// user has visible pending items there (the same visibility rule as the list: weld_completed for QC only).
/// </summary>
public sealed class ReviewBellViewComponent(AppDbContext db, ReviewItems items) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var project = await ProjectNavViewComponent.CurrentProjectAsync(db, HttpContext, RouteData);
        if (project is null)
        {
            return Content("");
        }
        var pending = await items.VisiblePendingCountAsync(HttpContext.User, project.Id, HttpContext.RequestAborted);
        return View(new ReviewBellModel($"/projects/{project.Id}/review", pending));
    }
}

public sealed record ReviewBellModel(string Href, int Pending);
