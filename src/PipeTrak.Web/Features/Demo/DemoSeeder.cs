using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Demo;

/// <summary>
/// A demo organization with one verified user per role and a demo project of
/// <see cref="DemoData.DefaultComponents"/> generated components (areas, systems, packages, drawings,
/// progress, events, manhours). Idempotent: does nothing when the demo organization exists. The
/// contents are deterministic (<see cref="DemoData.DefaultSeed"/>); ids are not.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, DemoProjects projects)
{
    public const string OrganizationName = "Demo Piping Contractors";
    public const string ProjectName = "Unit 200 Revamp";
    public const string DemoPassword = "Demo-Field-Work-26";
    public static string OwnerEmail => Users[0].Email;

    public static readonly IReadOnlyList<(string Email, string Name, OrgRole Role)> Users =
    [
        ("owner@demo.pipetrak.test", "Olivia Owner", OrgRole.Owner),
        ("admin@demo.pipetrak.test", "Adam Admin", OrgRole.Admin),
        ("pm@demo.pipetrak.test", "Priya Manager", OrgRole.ProjectManager),
        ("foreman@demo.pipetrak.test", "Frank Foreman", OrgRole.Foreman),
        ("qc@demo.pipetrak.test", "Quinn Inspector", OrgRole.QcInspector),
        ("welder@demo.pipetrak.test", "Wes Welder", OrgRole.Welder),
        ("viewer@demo.pipetrak.test", "Vera Viewer", OrgRole.Viewer),
    ];

    /// <summary>The demo organization's id, or null before it is seeded.</summary>
    public async Task<Guid?> OrganizationIdAsync(CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == OwnerEmail.ToUpperInvariant()).Select(u => u.OrganizationId).SingleOrDefaultAsync(ct);

    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == OwnerEmail.ToUpperInvariant(), ct))
        {
            return false;
        }
        // All or nothing: a failure leaves no half-seeded organization behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var org = new Organization { Id = Guid.CreateVersion7(), Name = OrganizationName, CreatedAt = now };
        db.Organizations.Add(org);
        db.Tenant.Use(org.Id);
        var project = new Project
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = org.Id,
            Description = "Demo: piping revamp of the crude unit, tie-ins during turnaround.",
            TimeZone = "America/Chicago",
            CreatedAt = now,
            Version = Guid.NewGuid(),
        };
        project.Rename(ProjectName);
        db.Projects.Add(project);
        ProjectTemplates.CopyDefaults(db, project);
        await db.SaveChangesAsync(ct);

        foreach (var (email, name, role) in Users)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FullName = name,
                CreatedAt = now,
                TermsVersion = AppUser.CurrentTermsVersion,
                TermsAcceptedAt = now,
            };
            user.JoinOrganization(org.Id, role, now);
            user.SelectedProjectId = project.Id;
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }
        // Issue 3 item 9: the embedded default opens on a project with realistic progress.
        await projects.FillAsync(project, DemoData.DefaultComponents, DemoData.DefaultSeed, ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
