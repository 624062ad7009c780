using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>One option of an area, system or package picker.</summary>
public sealed record NameOption(Guid Id, string Name);

/// <summary>The three pickers of a project (TRK-077: alphabetical).</summary>
public sealed record MetadataOptions(IReadOnlyList<NameOption> Areas, IReadOnlyList<NameOption> Systems, IReadOnlyList<NameOption> Packages)
{
    public IReadOnlyList<NameOption> For(DrawingField field) => field switch
    {
        DrawingField.Area => Areas,
        DrawingField.System => Systems,
        _ => Packages,
    };
}

/// <summary>
/// TRK-070/TRK-077: the names pickers list, and "Create new…" inline. A created name is saved on
/// its own, so it is kept even if the edit it was made for is cancelled or refused.
/// </summary>
public sealed class MetadataNames(AppDbContext db, AuditLog audit)
{
    /// <summary>"{Area|System|Test package} '{name}' already exists" (TRK-070).</summary>
    public static string DuplicateMessage(DrawingField field, string name) => Components.MetadataNames.DuplicateMessage(Kind(field), name);

    /// <summary>TRK-070: trimmed, 1-100 characters.</summary>
    public static string? Validate(string? name) => Components.MetadataNames.Validate(name);

    private static MetadataKind Kind(DrawingField field) => field switch
    {
        DrawingField.Area => MetadataKind.Area,
        DrawingField.System => MetadataKind.System,
        _ => MetadataKind.Package,
    };

    public async Task<MetadataOptions> OptionsAsync(Guid projectId, CancellationToken ct) => new(
        await db.Areas.AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Name).Select(a => new NameOption(a.Id, a.Name)).ToListAsync(ct),
        await db.Systems.AsNoTracking().Where(s => s.ProjectId == projectId).OrderBy(s => s.Name).Select(s => new NameOption(s.Id, s.Name)).ToListAsync(ct),
        await db.TestPackages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Name).Select(p => new NameOption(p.Id, p.Name)).ToListAsync(ct));

    /// <summary>TRK-001: a referenced value must belong to the same project (else the request is answered 404).</summary>
    public Task<bool> ExistsAsync(Guid projectId, DrawingField field, Guid id, CancellationToken ct) => field switch
    {
        DrawingField.Area => db.Areas.AnyAsync(a => a.ProjectId == projectId && a.Id == id, ct),
        DrawingField.System => db.Systems.AnyAsync(s => s.ProjectId == projectId && s.Id == id, ct),
        _ => db.TestPackages.AnyAsync(p => p.ProjectId == projectId && p.Id == id, ct),
    };

    /// <summary>TRK-077: creates the name (TRK-070 rules) and saves it at once. The caller has checked the role.</summary>
    public async Task<(NameOption? Created, string? Error)> CreateAsync(Guid organizationId, Guid projectId, DrawingField field, string? name, CancellationToken ct)
    {
        if (Validate(name) is { } error)
        {
            return (null, error);
        }
        var trimmed = name!.Trim();
        var upper = trimmed.ToUpperInvariant();
        var taken = field switch
        {
            DrawingField.Area => await db.Areas.AnyAsync(a => a.ProjectId == projectId && a.Name.ToUpper() == upper, ct),
            DrawingField.System => await db.Systems.AnyAsync(s => s.ProjectId == projectId && s.Name.ToUpper() == upper, ct),
            _ => await db.TestPackages.AnyAsync(p => p.ProjectId == projectId && p.Name.ToUpper() == upper, ct),
        };
        if (taken)
        {
            return (null, DuplicateMessage(field, trimmed));
        }
        var id = Guid.CreateVersion7();
        switch (field)
        {
            case DrawingField.Area:
                db.Areas.Add(new Area { Id = id, OrganizationId = organizationId, ProjectId = projectId, Name = trimmed });
                break;
            case DrawingField.System:
                db.Systems.Add(new PlantSystem { Id = id, OrganizationId = organizationId, ProjectId = projectId, Name = trimmed });
                break;
            default:
                db.TestPackages.Add(new TestPackage { Id = id, OrganizationId = organizationId, ProjectId = projectId, Name = trimmed });
                break;
        }
        audit.Record(organizationId, projectId, $"{field.ToString().ToLowerInvariant()}.created", $"{field.Label()} '{trimmed}' created", new { id, name = trimmed });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone created the same name meanwhile: the unique index decided.
            db.ChangeTracker.Clear();
            return (null, DuplicateMessage(field, trimmed));
        }
        return (new NameOption(id, trimmed), null);
    }
}
