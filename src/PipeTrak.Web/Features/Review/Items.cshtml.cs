using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Review;

/// <summary>
/// WLD-070/071: the project's QC review items (pending by default) with their age colour; resolve or
/// ignore with an optional note. htmx swaps the handled item in place; without htmx the page reloads.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ItemsModel(ReviewItems items) : PageModel
{
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "type")] public string? Type { get; set; }

    public Guid ProjectId { get; private set; }

    public ReviewFilter Filter { get; private set; } = new();

    public IReadOnlyList<ReviewItemRow> Items { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        Filter = ReviewFilter.From(Status, Type);
        var rows = await items.ListAsync(User, projectId, Filter, ct);
        if (rows is null)
        {
            return NotFound();
        }
        ProjectId = projectId;
        Items = rows;
        return this.PageOrPartial("_ReviewList");
    }

    public Task<IActionResult> OnPostResolveAsync(Guid projectId, Guid? itemId, string? note, CancellationToken ct) =>
        HandleAsync(projectId, itemId, ignore: false, note, ct);

    public Task<IActionResult> OnPostIgnoreAsync(Guid projectId, Guid? itemId, string? note, CancellationToken ct) =>
        HandleAsync(projectId, itemId, ignore: true, note, ct);

    private async Task<IActionResult> HandleAsync(Guid projectId, Guid? itemId, bool ignore, string? note, CancellationToken ct)
    {
        var result = await items.HandleAsync(User, projectId, itemId ?? Guid.Empty, ignore, note, ct);
        var done = ignore ? "Review item ignored" : "Review item resolved";
        switch (result.Status)
        {
            case WeldCommandStatus.NotFound:
                return this.ErrorResult(StatusCodes.Status404NotFound, result.Message!);
            case WeldCommandStatus.Forbidden:
                return this.ErrorResult(StatusCodes.Status403Forbidden, result.Message!);
            case WeldCommandStatus.Ok when Request.IsHtmx():
                ProjectId = projectId;
                Response.Toast(done);
                return Partial("_ReviewItem", (this, (await items.GetAsync(User, projectId, result.Id!.Value, ct))!));
            case WeldCommandStatus.Ok:
                Message = done;
                break;
            default:
                if (Request.IsHtmx())
                {
                    return this.ErrorResult(StatusCodes.Status422UnprocessableEntity, result.Message!);
                }
                Error = result.Message;
                break;
        }
        return Redirect($"/projects/{projectId}/review");
    }

    public string FilterUrl(string? status, string? type) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/projects/{ProjectId}/review",
            new Dictionary<string, string?> { ["status"] = status, ["type"] = type }.Where(q => !string.IsNullOrEmpty(q.Value)));
}
