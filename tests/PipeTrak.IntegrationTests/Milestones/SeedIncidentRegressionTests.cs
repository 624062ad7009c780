using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.IntegrationTests.Milestones;

/// <summary>
/// The seed incident: the previous generation changed the milestone value scale in one code path
/// during a migration and every project showed 0%. Here a database is migrated only to the FIRST
/// migration, filled with completed discrete milestones, then brought up with ALL migrations (what
/// `migrate` does in production). Afterwards every completed discrete milestone still earns its
/// weight through the one progress function, stored percents equal the recomputation, and no
/// project shows 0%. A future migration that rescales or rewrites values fails this test.
/// </summary>
public abstract class SeedIncidentRegressionTests(TestProvider provider)
{
    private static AppDbContext Context(TestDatabase database, TenantContext tenant)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        if (database.Provider == TestProvider.Sqlite)
        {
            builder.UseSqlite(database.ConnectionString, x => x.MigrationsAssembly(DataSetup.SqliteMigrationsAssembly));
        }
        else
        {
            builder.UseNpgsql(database.ConnectionString, x => x.MigrationsAssembly(DataSetup.PostgresMigrationsAssembly));
        }
        return new AppDbContext(builder.Options) { Tenant = tenant };
    }

    [Fact]
    public async Task Seed_incident_after_all_migrations_completed_discrete_milestones_keep_their_weight_and_no_project_shows_zero()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var tenant = new TenantContext(new HttpContextAccessor());
        var now = new DateTime(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
        var orgId = Guid.CreateVersion7();
        var projectId = Guid.CreateVersion7();
        tenant.Use(orgId);

        await using (var db = Context(database, tenant))
        {
            var first = db.Database.GetMigrations().First();
            await db.GetService<IMigrator>().MigrateAsync(first);

            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = "pm@example.test", NormalizedUserName = "PM@EXAMPLE.TEST", Email = "pm@example.test", NormalizedEmail = "PM@EXAMPLE.TEST", FullName = "PM", SecurityStamp = "s", CreatedAt = now };
            db.Organizations.Add(new Organization { Id = orgId, Name = "Incident Org", CreatedAt = now });
            db.Users.Add(user);
            var project = new Project { Id = projectId, OrganizationId = orgId, CreatedAt = now, TimeZone = "UTC", Version = Guid.NewGuid() };
            project.Rename("Incident project");
            db.Projects.Add(project);
            ProjectTemplates.CopyDefaults(db, project);
            foreach (var type in Enum.GetValues<ComponentType>())
            {
                var component = ComponentSeed.NewComponent(orgId, projectId, type, "INC-" + type, now);
                var template = DefaultTemplates.For(type);
                var values = template.Where(r => r.IsDiscrete).ToDictionary(r => r.Name, _ => MilestoneValue.Complete, StringComparer.Ordinal);
                component.Percent = ProgressRules.PercentComplete(template, values);
                db.Components.Add(component);
                foreach (var (name, value) in values)
                {
                    db.MilestoneValues.Add(new MilestoneValueRow { ComponentId = component.Id, Milestone = name, OrganizationId = orgId, ProjectId = projectId, Value = value, SetByUserId = user.Id, SetAt = now });
                }
            }
            await db.SaveChangesAsync();
        }

        // What `dotnet run -- migrate` does: every pending migration.
        await using (var db = Context(database, tenant))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await using (var db = Context(database, tenant))
        {
            var templates = (await db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync())
                .GroupBy(r => r.ComponentType)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<TemplateRow>)[.. g.OrderBy(r => r.Order).Select(r => r.ToRow())]);
            var components = await db.Components.AsNoTracking().Where(c => c.ProjectId == projectId).ToListAsync();
            var values = (await db.MilestoneValues.AsNoTracking().Where(v => v.ProjectId == projectId).ToListAsync()).ToLookup(v => v.ComponentId);
            Assert.Equal(Enum.GetValues<ComponentType>().Length, components.Count);
            foreach (var component in components)
            {
                var template = templates[component.Type];
                var stored = values[component.Id].ToDictionary(v => v.Milestone, v => v.Value, StringComparer.Ordinal);
                foreach (var row in template.Where(r => r.IsDiscrete))
                {
                    Assert.Equal(row.Weight, ProgressRules.Credit(row, stored[row.Name]));
                }
                var expected = template.Where(r => r.IsDiscrete).Sum(r => r.Weight);
                Assert.Equal(expected, ProgressRules.PercentComplete(template, stored));
                Assert.Equal(expected, component.Percent);
            }
            var rollup = await ProjectRollups.ForProjectAsync(db, projectId, RollupGroupings.All, CancellationToken.None);
            Assert.True(rollup.OverallPercent > 0m, "the project shows 0% after migrating");
            Assert.Equal(Math.Round(components.Average(c => c.Percent), 1, MidpointRounding.AwayFromZero), rollup.OverallPercent);
            // The roll-up cells (migration RollupCells) were filled from the existing components by the migration itself.
            Assert.Empty(await RollupCells.DriftAsync(db, projectId, CancellationToken.None));
        }
    }
}

public sealed class SeedIncidentRegressionTests_Sqlite() : SeedIncidentRegressionTests(TestProvider.Sqlite);

public sealed class SeedIncidentRegressionTests_Postgres() : SeedIncidentRegressionTests(TestProvider.Postgres);
