using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PipeTrak.Web.Features.Projects;

namespace PipeTrak.Web.Features.Organizations;

public sealed record OrganizationResponse(Guid Id, string Name, DateTime CreatedAt)
{
    public static OrganizationResponse From(Organization o) => new(o.Id, o.Name, o.CreatedAt);
}

/// <summary>PPL-020: the new name (required, at most 100 characters, need not be unique).</summary>
public sealed record UpdateOrganizationRequest(string? Name);

/// <summary>/api/v1/organization: the caller's organization (PPL-020).</summary>
public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganization(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organization").WithTags("Organization").RequireMembership();
        group.MapGet("", GetAsync).WithName("GetOrganization")
            .WithSummary("Get the caller's organization");
        group.MapPatch("", UpdateAsync).WithName("UpdateOrganization")
            .WithSummary("Rename the organization (owner, admin)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> GetAsync(
        ClaimsPrincipal user, OrganizationOperations organizations, CancellationToken ct)
    {
        var org = await organizations.CurrentAsync(user, ct);
        return org is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "You are not a member of an organization.")
            : TypedResults.Ok(OrganizationResponse.From(org));
    }

    private static async Task<Results<Ok<OrganizationResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        UpdateOrganizationRequest request, ClaimsPrincipal user, OrganizationOperations organizations, CancellationToken ct)
    {
        var (outcome, org, error) = await organizations.RenameAsync(user, request.Name, ct);
        return outcome switch
        {
            OrganizationOutcome.Ok => TypedResults.Ok(OrganizationResponse.From(org!)),
            OrganizationOutcome.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [error!] }, title: "The organization is not valid"),
            OrganizationOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: error),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "You are not a member of an organization."),
        };
    }
}
