using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Packages;

public enum PackageFilter
{
    All,
    Ready,
    InProgress,
    Blocked,
}

public enum PackageSort
{
    Name,
    Progress,
    TargetDate,
}

/// <summary>A package card (PKG-034): readiness is computed on read (PKG-033), never cached.</summary>
public sealed record PackageCard(
    Guid Id, string Name, string Description, string TestType, DateOnly? TargetDate, PackageReadiness Readiness,
    string State, string? CurrentStage, int WorkflowPercent, decimal BudgetedManhours, decimal EarnedManhours);

public sealed record StageView(
    Guid Id, int Number, StageKind Kind, StageStatus Status, DateTime? StartedAt, DateTime? CompletedAt, string? CompletedBy,
    string? SkipReason, IReadOnlyDictionary<string, string> Data, IReadOnlyList<SignOffView> SignOffs, Guid Version)
{
    public string Name => Kind.Name();

    public IReadOnlyList<SignOffRole> Required => Workflow.RequiredSignOffs(Kind);
}

public sealed record SignOffView(SignOffRole Role, string Name, DateOnly Date, DateTime RecordedAt);

public sealed record CertificateView(
    Guid Id, string Number, string? Client, string? ClientSpec, string? LineNumber, decimal? TestPressure, PressureUnit PressureUnit,
    string? TestMedia, decimal? Temperature, string TemperatureUnit, CertificateStatus Status, DateTime? SubmittedAt, DateTime UpdatedAt, Guid Version);

public sealed record PackageDetail(TestPackage Package, PackageCard Card, IReadOnlyList<StageView> Stages, CertificateView? Certificate);

/// <summary>A member of a package with its PKG-017 badge.</summary>
public sealed record PackageMember(
    Guid Id, ComponentType Type, string IdentityKey, Guid? DrawingId, string? DrawingNumber, decimal Percent, bool PostHydro, bool Inherited, string Badge);

public sealed record CandidateDrawing(Guid Id, string Number, string Title, int Components);

public sealed record CandidateComponent(Guid Id, ComponentType Type, string IdentityKey, string? DrawingNumber, string? Area, string? System);

/// <summary>PKG-030..034 reads. Tenant query filters apply to every query.</summary>
public static class PackageQueries
{
    /// <summary>PKG-010/030: E = live components whose effective package (own, else drawing's) is the package.</summary>
    public static IQueryable<Component> Members(AppDbContext db, Guid projectId, Guid packageId) =>
        db.Components.Where(c => c.ProjectId == projectId && c.RetiredAt == null
            && (c.PackageId == packageId || (c.PackageId == null && db.Drawings.Any(d => d.Id == c.DrawingId && d.PackageId == packageId))));

    /// <summary>
    /// PKG-030 metrics and manhours (2 dp) of every package of the project, or of <paramref name="packageId"/>
    /// alone, from the project roll-up's aggregate (<see cref="ProjectRollups.PackagesAsync"/>).
    /// </summary>
    public static async Task<Dictionary<Guid, (PackageReadiness Readiness, decimal Budgeted, decimal Earned)>> ReadinessAsync(
        AppDbContext db, Guid projectId, CancellationToken ct, Guid? packageId = null) =>
        (await ProjectRollups.PackagesAsync(db, projectId, packageId, ct)).ToDictionary(
            p => p.Id,
            p => (p.Readiness, Math.Round(p.Manhours.Budgeted, 2, MidpointRounding.AwayFromZero), Math.Round(p.Manhours.Earned, 2, MidpointRounding.AwayFromZero)));

    /// <summary>PKG-031: pending review items of any type on live members, per effective package.</summary>
    public static async Task<Dictionary<Guid, int>> BlockersAsync(AppDbContext db, Guid projectId, CancellationToken ct) =>
        await (
            from r in db.ReviewItems
            where r.ProjectId == projectId && r.Status == ReviewItemTypes.Pending && r.ComponentId != null
            join c in db.Components on r.ComponentId equals c.Id
            where c.RetiredAt == null
            join d in db.Drawings on c.DrawingId equals d.Id into dj
            from d in dj.DefaultIfEmpty()
            select new { Package = c.PackageId ?? d.PackageId })
            .Where(x => x.Package != null)
            .GroupBy(x => x.Package!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    public static async Task<IReadOnlyList<PackageCard>> ListAsync(
        AppDbContext db, Guid projectId, PackageFilter filter, string? search, PackageSort sort, CancellationToken ct)
    {
        var query = db.TestPackages.AsNoTracking().Where(p => p.ProjectId == projectId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(p => p.Name.ToLower().Contains(term));
        }
        var packages = await query.ToListAsync(ct);
        var ids = packages.Select(p => p.Id).ToList();
        var stages = await db.PackageStages.AsNoTracking().Where(s => ids.Contains(s.PackageId))
            .Select(s => new { s.PackageId, s.Number, s.Kind, s.Status }).ToListAsync(ct);
        var stagesByPackage = stages.GroupBy(s => s.PackageId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Number).ToList());
        var readiness = await ReadinessAsync(db, projectId, ct);

        var cards = packages.Select(p =>
        {
            var own = stagesByPackage.TryGetValue(p.Id, out var list) ? list : [];
            var statuses = own.Select(s => s.Status).ToList();
            var current = Workflow.CurrentStage(statuses);
            var r = readiness.TryGetValue(p.Id, out var found) ? found : (PackageReadiness.Empty, 0m, 0m);
            return new PackageCard(
                p.Id, p.Name, p.Description, p.TestTypeLabel, p.TargetDate, r.Item1,
                Workflow.StateLabel(statuses), current is { } i ? own[i].Kind.Name() : null, Workflow.Percent(statuses), r.Item2, r.Item3);
        });
        cards = filter switch
        {
            PackageFilter.Ready => cards.Where(c => c.Readiness.Status == PackageStatus.Ready),
            PackageFilter.InProgress => cards.Where(c => c.Readiness.Status == PackageStatus.InProgress),
            PackageFilter.Blocked => cards.Where(c => c.Readiness.Status == PackageStatus.Blocked),
            _ => cards,
        };
        // PKG-034: name (natural), progress (highest first), target date (undated last).
        return sort switch
        {
            PackageSort.Progress => [.. cards.OrderByDescending(c => c.Readiness.Hundredths * (c.Readiness.Total == 0 ? 0 : 1) / Math.Max(1, c.Readiness.Total)).ThenBy(c => c.Name, NaturalSort.Comparer)],
            PackageSort.TargetDate => [.. cards.OrderBy(c => c.TargetDate is null).ThenBy(c => c.TargetDate).ThenBy(c => c.Name, NaturalSort.Comparer)],
            _ => [.. cards.OrderBy(c => c.Name, NaturalSort.Comparer)],
        };
    }

    public static async Task<PackageDetail?> DetailAsync(AppDbContext db, Guid projectId, Guid packageId, CancellationToken ct)
    {
        var package = await db.TestPackages.AsNoTracking().SingleOrDefaultAsync(p => p.Id == packageId && p.ProjectId == projectId, ct);
        if (package is null)
        {
            return null;
        }
        var stages = await db.PackageStages.AsNoTracking().Include(s => s.SignOffs).Where(s => s.PackageId == packageId).OrderBy(s => s.Number).ToListAsync(ct);
        var userIds = stages.Where(s => s.CompletedByUserId != null).Select(s => s.CompletedByUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var views = stages.Select(s => new StageView(
            s.Id, s.Number, s.Kind, s.Status, s.StartedAt, s.CompletedAt,
            s.CompletedByUserId is { } u && names.TryGetValue(u, out var n) ? n : null, s.SkipReason, StageData.Parse(s.Data),
            [.. s.SignOffs.OrderBy(o => o.Role).Select(o => new SignOffView(o.Role, o.Name, o.Date, o.RecordedAt))], s.Version)).ToList();
        var certificate = await db.PackageCertificates.AsNoTracking().Where(c => c.PackageId == packageId)
            .Select(c => new CertificateView(c.Id, c.Number, c.Client, c.ClientSpec, c.LineNumber, c.TestPressure, c.PressureUnit, c.TestMedia, c.Temperature, c.TemperatureUnit, c.Status, c.SubmittedAt, c.UpdatedAt, c.Version))
            .SingleOrDefaultAsync(ct);
        var readiness = await ReadinessAsync(db, projectId, ct, packageId);
        var r = readiness.TryGetValue(packageId, out var found) ? found : (PackageReadiness.Empty, 0m, 0m);
        var statuses = views.Select(v => v.Status).ToList();
        var current = Workflow.CurrentStage(statuses);
        var card = new PackageCard(package.Id, package.Name, package.Description, package.TestTypeLabel, package.TargetDate, r.Item1,
            Workflow.StateLabel(statuses), current is { } i ? views[i].Name : null, Workflow.Percent(statuses), r.Item2, r.Item3);
        return new PackageDetail(package, card, views, certificate);
    }

    /// <summary>PKG-017: the members with their badges, drawing then identity order.</summary>
    public static async Task<IReadOnlyList<PackageMember>> MembersAsync(AppDbContext db, Guid projectId, Guid packageId, CancellationToken ct)
    {
        var rows = await (
            from c in Members(db, projectId, packageId).AsNoTracking()
            join d in db.Drawings on c.DrawingId equals d.Id into dj
            from d in dj.DefaultIfEmpty()
            select new { c.Id, c.Type, c.IdentityKey, c.DrawingId, Number = d == null ? null : d.Number, DrawingPackage = d == null ? null : d.PackageId, c.PackageId, c.Percent, c.PostHydro })
            .ToListAsync(ct);
        return [.. rows
            .OrderBy(r => r.Number ?? "", NaturalSort.Comparer).ThenBy(r => r.IdentityKey, StringComparer.Ordinal)
            .Select(r => new PackageMember(
                r.Id, r.Type, r.IdentityKey, r.DrawingId, r.Number, r.Percent, r.PostHydro,
                r.PackageId is null || r.PackageId == r.DrawingPackage,
                PackageRules.Badge(r.PackageId, r.DrawingPackage, r.Number)))];
    }

    /// <summary>PKG-003/012: live drawings without a package, with their live component counts.</summary>
    public static async Task<IReadOnlyList<CandidateDrawing>> CandidateDrawingsAsync(AppDbContext db, Guid projectId, CancellationToken ct)
    {
        var rows = await db.Drawings.AsNoTracking()
            .Where(d => d.ProjectId == projectId && d.RetiredAt == null && d.PackageId == null)
            .Select(d => new CandidateDrawing(d.Id, d.Number, d.Title, db.Components.Count(c => c.DrawingId == d.Id && c.RetiredAt == null)))
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Number, NaturalSort.Comparer)];
    }

    /// <summary>PKG-003/011: live components with no effective package, filtered by area, system, type and drawing.</summary>
    public static async Task<IReadOnlyList<CandidateComponent>> CandidateComponentsAsync(
        AppDbContext db, Guid projectId, Guid? areaId, Guid? systemId, ComponentType? type, Guid? drawingId, int limit, CancellationToken ct)
    {
        var query =
            from c in db.Components.AsNoTracking()
            where c.ProjectId == projectId && c.RetiredAt == null && c.PackageId == null
            join d in db.Drawings on c.DrawingId equals d.Id into dj
            from d in dj.DefaultIfEmpty()
            where d == null || d.PackageId == null
            select new { c, Number = d == null ? null : d.Number };
        if (areaId is { } a)
        {
            query = query.Where(x => x.c.AreaId == a);
        }
        if (systemId is { } s)
        {
            query = query.Where(x => x.c.SystemId == s);
        }
        if (type is { } t)
        {
            query = query.Where(x => x.c.Type == t);
        }
        if (drawingId is { } dr)
        {
            query = query.Where(x => x.c.DrawingId == dr);
        }
        return await query
            .OrderBy(x => x.Number).ThenBy(x => x.c.IdentityKey)
            .Take(limit)
            .Select(x => new CandidateComponent(
                x.c.Id, x.c.Type, x.c.IdentityKey, x.Number,
                db.Areas.Where(ar => ar.Id == x.c.AreaId).Select(ar => ar.Name).FirstOrDefault(),
                db.Systems.Where(sy => sy.Id == x.c.SystemId).Select(sy => sy.Name).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>PKG-003 preview text for a choice of drawings (their live components) or components.</summary>
    public static async Task<string> PreviewAsync(AppDbContext db, Guid projectId, IReadOnlyCollection<Guid> drawingIds, IReadOnlyCollection<Guid> componentIds, CancellationToken ct)
    {
        if (drawingIds.Count > 0)
        {
            var ids = drawingIds.ToList();
            var count = await db.Components.CountAsync(c => c.ProjectId == projectId && c.RetiredAt == null && c.DrawingId != null && ids.Contains(c.DrawingId.Value), ct);
            return PackageRules.Preview(count, ids.Count);
        }
        return PackageRules.Preview(componentIds.Count, null);
    }
}
