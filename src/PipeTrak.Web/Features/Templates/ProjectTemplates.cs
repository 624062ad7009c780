using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Templates;

/// <summary>TRK-023: a new project gets a copy of the current default of every type (65 rows).</summary>
public static class ProjectTemplates
{
    /// <summary>
    /// Adds the copy to the unit of work of <paramref name="db"/>: it is saved by the same
    /// <c>SaveChanges</c> (and so the same transaction) that creates the project.
    /// </summary>
    public static void CopyDefaults(AppDbContext db, Project project)
    {
        foreach (var (type, order, row) in DefaultTemplates.AllRows())
        {
            db.ProjectTemplateRows.Add(ProjectTemplateRow.From(project.OrganizationId, project.Id, type, order, row));
        }
    }
}
