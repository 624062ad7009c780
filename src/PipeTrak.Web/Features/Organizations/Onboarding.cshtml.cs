using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Organizations;

/// <summary>
/// PPL-004: a verified user without an organization creates one and, optionally, a first project
/// (PPL-031). One transaction: organization, owner membership, project and its selection, or nothing.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class OnboardingModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<string> TimeZones => ProjectTimeZones.All;

    public sealed class InputModel
    {
        [Display(Name = "Organization name")]
        public string? OrganizationName { get; set; }

        [Display(Name = "Project name")]
        public string? ProjectName { get; set; }

        [Display(Name = "Project description")]
        public string? ProjectDescription { get; set; }

        [Display(Name = "Project time zone")]
        public string? TimeZone { get; set; } = ProjectTimeZones.Default;
    }

    public IActionResult OnGet() => User.OrganizationId() is null ? Page() : Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.OrganizationId() is not null)
        {
            return Redirect("/");
        }
        var project = string.IsNullOrWhiteSpace(Input.ProjectName)
            ? null
            : new ProjectInput(Input.ProjectName, Input.ProjectDescription, Input.TimeZone);
        if (!Validate(project))
        {
            return Page();
        }

        var userId = User.RequiredUserId();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (user.OrganizationId is not null)
        {
            // Joined an organization meanwhile (another tab, an invitation): nothing to create.
            return Redirect("/");
        }
        var org = new Organization { Id = Guid.CreateVersion7(), Name = Input.OrganizationName!.Trim(), CreatedAt = now };
        db.Organizations.Add(org);
        db.Tenant.Use(org.Id);
        user.JoinOrganization(org.Id, OrgRole.Owner, now);
        audit.Record(org.Id, null, "organization.created", $"Created the organization '{org.Name}'");
        Project? created = null;
        if (project is not null)
        {
            created = ProjectOperations.Build(org.Id, project, userId, now);
            db.Projects.Add(created);
            ProjectTemplates.CopyDefaults(db, created);
            user.SelectedProjectId = created.Id;
            audit.Record(org.Id, created.Id, "project.created", $"Created project '{created.Name}'");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Redirect(created is null ? "/dashboard" : $"/projects/{created.Id}/dashboard");
    }

    private bool Validate(ProjectInput? project)
    {
        if (OrganizationRules.ValidateName(Input.OrganizationName) is { } orgError)
        {
            ModelState.AddModelError("Input.OrganizationName", orgError);
        }
        if (project is not null)
        {
            // A new organization has no projects yet, so the name cannot be taken.
            foreach (var (field, messages) in ProjectRules.Validate(project))
            {
                var key = field switch
                {
                    nameof(ProjectInput.Name) => "Input.ProjectName",
                    nameof(ProjectInput.Description) => "Input.ProjectDescription",
                    _ => "Input.TimeZone",
                };
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key, message);
                }
            }
        }
        return ModelState.IsValid;
    }
}
