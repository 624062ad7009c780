using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Manhours;

public enum BudgetStatus
{
    Ok = 1,
    NotFound,
    Forbidden,
    Archived,

    /// <summary>TRK-091/094 refused the budget: <see cref="BudgetResult.Message"/> (and <see cref="BudgetResult.Code"/> where the spec gives one).</summary>
    Invalid,
}

/// <summary>A budget version as pages and the API show it.</summary>
public sealed record BudgetView(
    Guid Id, int Number, decimal TotalManhours, string Reason, DateOnly EffectiveDate, bool IsActive,
    Guid? CreatedByUserId, string? CreatedByName, DateTime CreatedAt, DateTime DistributedAt,
    int ComponentCount, decimal DistributedManhours, int WarningCount, IReadOnlyList<string> Warnings);

public sealed record BudgetResult(BudgetStatus Status, BudgetView? Budget = null, string? Code = null, string? Message = null, string? Field = null)
{
    public static readonly BudgetResult NotFound = new(BudgetStatus.NotFound);
}

/// <summary>What a new version needs (TRK-091). A null effective date means today in the project's time zone.</summary>
public sealed record BudgetInput(decimal TotalManhours, string? Reason, DateOnly? EffectiveDate = null);

/// <summary>TRK-096 per drawing (components without a drawing form one row with a null id).</summary>
public sealed record DrawingManhours(Guid? DrawingId, string? Number, int Components, decimal Budgeted, decimal Earned)
{
    public decimal Remaining => Budgeted - Earned;

    /// <summary>TRK-097 group % = Σ earned ÷ Σ budgeted × 100 (null, shown "-", when nothing is budgeted).</summary>
    public decimal? EarnedPercent => EarnedValue.GroupPercent(Earned, Budgeted) is { } p ? Math.Round(p, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>TRK-096 project figures with the per-drawing rows.</summary>
public sealed record ProjectManhours(BudgetView? Active, decimal Budgeted, decimal Earned, decimal? EarnedPercent, int AdditionsSinceActive, IReadOnlyList<DrawingManhours> Drawings)
{
    public decimal Remaining => Budgeted - Earned;
}

/// <summary>
/// TRK-090..096: manhour budget versions and their distribution. Creating a version validates it
/// (TRK-091), then in ONE transaction, serialized per project, deactivates the active version,
/// inserts the new one as active and writes every non-retired component's manhour weight (TRK-093)
/// and budgeted MH (TRK-094). Activating an older version distributes its total again over today's
/// components. Only owner, admin and project manager see or change any of it (TRK-090).
/// </summary>
public sealed class ManhourBudgets(AppDbContext db, AuditLog audit, TimeProvider clock, ILogger<ManhourBudgets> logger)
{
    private const int WriteBatch = 500;
    private const int MaxAttempts = 5;

    /// <summary>The project (visible to the caller) and the refusal, if any (PPL-041 order: not found, role, archived).</summary>
    public async Task<(Project? Project, BudgetStatus Status)> AuthorizeAsync(ClaimsPrincipal user, Guid projectId, bool write, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !ProjectOperations.CanSee(user, project))
        {
            return (null, BudgetStatus.NotFound);
        }
        if (!user.Can(Permission.ManageProjects))
        {
            return (project, BudgetStatus.Forbidden);
        }
        return write && project.IsArchived ? (project, BudgetStatus.Archived) : (project, BudgetStatus.Ok);
    }

    /// <summary>TRK-091 for a signed-in user: authorization, then <see cref="CreateAsync(Guid, decimal, string, Guid?, CancellationToken)"/>'s rules.</summary>
    public async Task<BudgetResult> CreateAsync(ClaimsPrincipal user, Guid projectId, BudgetInput input, CancellationToken ct)
    {
        var (project, status) = await AuthorizeAsync(user, projectId, write: true, ct);
        return status != BudgetStatus.Ok ? new BudgetResult(status) : await CreateCoreAsync(project!, input, user.UserId(), ct);
    }

    /// <summary>
    /// TRK-091 without a user request (the demo seeder): creates version highest + 1 effective today,
    /// activates it and distributes <paramref name="totalManhours"/>. The caller's tenant must be set.
    /// </summary>
    public async Task<BudgetResult> CreateAsync(Guid projectId, decimal totalManhours, string reason, Guid? userId, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        return project is null ? BudgetResult.NotFound : await CreateCoreAsync(project, new BudgetInput(totalManhours, reason), userId, ct);
    }

    /// <summary>Makes an earlier version the active one and distributes its total over the current components.</summary>
    public async Task<BudgetResult> ActivateAsync(ClaimsPrincipal user, Guid projectId, Guid budgetId, CancellationToken ct)
    {
        var (project, status) = await AuthorizeAsync(user, projectId, write: true, ct);
        if (status != BudgetStatus.Ok)
        {
            return new BudgetResult(status);
        }
        return await WithRetryAsync(project!.Id, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockProjectAsync(project.Id, ct);
            var total = await db.ManhourBudgets.Where(b => b.Id == budgetId && b.ProjectId == project.Id).Select(b => (decimal?)b.TotalManhours).SingleOrDefaultAsync(ct);
            if (total is null)
            {
                return BudgetResult.NotFound;
            }
            // The distribution writes in batches and clears the change tracker: load the budget after it.
            var distribution = await DistributeAsync(project.Id, total.Value, ct);
            if (distribution.Error is { } error)
            {
                return new BudgetResult(BudgetStatus.Invalid, Code: error.Code, Message: error.Message);
            }
            var budget = await db.ManhourBudgets.SingleAsync(b => b.Id == budgetId, ct);
            await db.ManhourBudgets.Where(b => b.ProjectId == project.Id && b.IsActive && b.Id != budget.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.IsActive, false), ct);
            budget.IsActive = true;
            Stamp(budget, distribution);
            audit.Record(project.OrganizationId, project.Id, "manhour_budget.activated",
                string.Create(CultureInfo.InvariantCulture, $"Activated manhour budget v{budget.Number} ({budget.TotalManhours:0.####} MH)"),
                new { budgetId = budget.Id, number = budget.Number, total = budget.TotalManhours, components = distribution.Count });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            ManhourLog.Distributed(logger, project.Id, budget.Number, distribution.Count, distribution.WarningCount);
            return new BudgetResult(BudgetStatus.Ok, await FindAsync(project.Id, budget.Id, ct));
        }, ct);
    }

    /// <summary>TRK-098: every version, newest first.</summary>
    public async Task<IReadOnlyList<BudgetView>> ListAsync(Guid projectId, CancellationToken ct)
    {
        var rows = await db.ManhourBudgets.AsNoTracking()
            .Where(b => b.ProjectId == projectId)
            .OrderByDescending(b => b.Number)
            .ToListAsync(ct);
        var userIds = rows.Where(r => r.CreatedByUserId != null).Select(r => r.CreatedByUserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return rows.ConvertAll(r => View(r, r.CreatedByUserId is { } id && names.TryGetValue(id, out var n) ? n : null));
    }

    /// <summary>TRK-096/097 figures of the project and of each drawing; earned = Σ budgeted × percent ÷ 100 (never stored).</summary>
    public async Task<ProjectManhours> FiguresAsync(Guid projectId, CancellationToken ct)
    {
        var active = (await ListAsync(projectId, ct)).FirstOrDefault(b => b.IsActive);
        // Exact decimals (budgeted 4 dp × percent 2 dp), streamed: memory grows with drawings, not components (TRK-003).
        var groups = new Dictionary<Guid, (int Count, decimal Budgeted, decimal Earned)>();
        (int Count, decimal Budgeted, decimal Earned) loose = default;
        var rows = db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.RetiredAt == null)
            .Select(c => new { c.DrawingId, c.BudgetedManhours, c.Percent });
        await foreach (var c in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var earnedOne = EarnedValue.Earned(c.BudgetedManhours, c.Percent);
            if (c.DrawingId is { } id)
            {
                var g = groups.GetValueOrDefault(id);
                groups[id] = (g.Count + 1, g.Budgeted + c.BudgetedManhours, g.Earned + earnedOne);
            }
            else
            {
                loose = (loose.Count + 1, loose.Budgeted + c.BudgetedManhours, loose.Earned + earnedOne);
            }
        }
        var drawingIds = groups.Keys.ToList();
        var numbers = await db.Drawings.AsNoTracking().Where(d => drawingIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Number, ct);
        var drawings = groups
            .Select(g => new DrawingManhours(g.Key, numbers.TryGetValue(g.Key, out var n) ? n : null, g.Value.Count, g.Value.Budgeted, g.Value.Earned))
            .OrderBy(d => d.Number, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (loose.Count > 0)
        {
            drawings.Add(new DrawingManhours(null, null, loose.Count, loose.Budgeted, loose.Earned));
        }
        var budgeted = drawings.Sum(d => d.Budgeted);
        var earned = drawings.Sum(d => d.Earned);
        var additions = active is null ? 0 : await db.Components.AsNoTracking()
            .CountAsync(c => c.ProjectId == projectId && c.RetiredAt == null && c.CreatedAt > active.DistributedAt, ct);
        return new ProjectManhours(active, budgeted, earned, EarnedValue.ProjectEarnedPercent(earned, active?.TotalManhours), additions, drawings);
    }

    public async Task<BudgetView?> FindAsync(Guid projectId, Guid budgetId, CancellationToken ct) =>
        (await ListAsync(projectId, ct)).FirstOrDefault(b => b.Id == budgetId);

    private async Task<BudgetResult> CreateCoreAsync(Project project, BudgetInput input, Guid? userId, CancellationToken ct)
    {
        if (input.TotalManhours <= 0)
        {
            return Invalid(ManhourDistribution.InvalidBudget, ManhourDistribution.InvalidBudgetMessage, "totalManhours");
        }
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return Invalid(null, ManhourDistribution.ReasonRequiredMessage, "reason");
        }
        var reason = input.Reason.Trim();
        if (reason.Length > ManhourBudget.ReasonMaxLength)
        {
            return Invalid(null, $"Revision reason must be at most {ManhourBudget.ReasonMaxLength} characters", "reason");
        }
        if (Math.Round(input.TotalManhours, 4) != input.TotalManhours || input.TotalManhours >= 10_000_000_000m)
        {
            return Invalid(ManhourDistribution.InvalidBudget, "Total budgeted manhours must have at most 4 decimals and be below 10,000,000,000", "totalManhours");
        }
        return await WithRetryAsync(project.Id, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockProjectAsync(project.Id, ct);
            var components = await db.Components.CountAsync(c => c.ProjectId == project.Id && c.RetiredAt == null, ct);
            if (ManhourDistribution.ValidateBudget(input.TotalManhours, reason, components) is { } refusal)
            {
                return Invalid(refusal.Code, refusal.Message, "totalManhours");
            }
            var distribution = await DistributeAsync(project.Id, input.TotalManhours, ct);
            if (distribution.Error is { } error)
            {
                return Invalid(error.Code, error.Message, "totalManhours");
            }
            var now = clock.GetUtcNow();
            var number = (await db.ManhourBudgets.Where(b => b.ProjectId == project.Id).MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
            await db.ManhourBudgets.Where(b => b.ProjectId == project.Id && b.IsActive)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.IsActive, false), ct);
            var budget = new ManhourBudget
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = project.OrganizationId,
                ProjectId = project.Id,
                Number = number,
                TotalManhours = input.TotalManhours,
                Reason = reason,
                EffectiveDate = input.EffectiveDate ?? Today(project, now),
                IsActive = true,
                CreatedByUserId = userId,
                CreatedAt = now.UtcDateTime,
            };
            Stamp(budget, distribution);
            db.ManhourBudgets.Add(budget);
            audit.Record(project.OrganizationId, project.Id, "manhour_budget.created",
                string.Create(CultureInfo.InvariantCulture, $"Created manhour budget v{number} ({budget.TotalManhours:0.####} MH)"),
                new { budgetId = budget.Id, number, total = budget.TotalManhours, reason, components = distribution.Count, warnings = distribution.WarningCount });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            ManhourLog.Distributed(logger, project.Id, number, distribution.Count, distribution.WarningCount);
            return new BudgetResult(BudgetStatus.Ok, await FindAsync(project.Id, budget.Id, ct));
        }, ct);
    }

    private sealed record Distribution(int Count, decimal Sum, List<string> Warnings, int WarningCount, DateTime At, (string? Code, string Message)? Error = null);

    /// <summary>
    /// TRK-092..094: two passes over the non-retired components, never all in memory at once
    /// (TRK-003): stream (id, type, identity, attributes) to compute weights, then write weight and
    /// budgeted MH batch by batch. Nothing is written when Σ weights = 0 (ZERO_WEIGHT). TRK-095: repair
    /// welds take their parent's weight.
    /// </summary>
    private async Task<Distribution> DistributeAsync(Guid projectId, decimal total, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var weights = new List<double>();
        var stored = new List<decimal>();
        var warnings = new List<string>();
        var warningCount = 0;
        // TRK-095: a repair weld takes its parent's weight (not one computed from its own attributes, which
        // carry no size): parents first (by repair depth), so a repair of a repair gets the chain's weight.
        var repairs = await (
            from r in db.Welds.AsNoTracking()
            where r.ProjectId == projectId && r.OriginalWeldId != null
            join parent in db.Welds.AsNoTracking() on r.OriginalWeldId equals parent.Id
            orderby r.RepairDepth
            select new { r.ComponentId, Parent = parent.ComponentId }).ToListAsync(ct);
        var repairOf = repairs.ToDictionary(r => r.ComponentId, r => r.Parent);
        var position = new Dictionary<Guid, int>();
        var query = db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.RetiredAt == null)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Type, c.IdentityKey, c.Attributes, c.ManhourWeight });
        await foreach (var c in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            position[c.Id] = ids.Count;
            if (repairOf.ContainsKey(c.Id))
            {
                // Filled below from the parent; the weight copied at creation if the parent is not live any more.
                ids.Add(c.Id);
                weights.Add((double)c.ManhourWeight);
                stored.Add(c.ManhourWeight);
                continue;
            }
            var weight = ComponentManhourInputs.WeightOf(c.Type, c.IdentityKey, c.Attributes);
            ids.Add(c.Id);
            weights.Add(weight.Weight);
            stored.Add(weight.Stored);
            if (weight.Warning is { } warning)
            {
                warningCount++;
                if (warnings.Count < ManhourBudget.StoredWarningsMax)
                {
                    warnings.Add(warning);
                }
            }
        }
        foreach (var repair in repairs)
        {
            if (position.TryGetValue(repair.ComponentId, out var i) && position.TryGetValue(repair.Parent, out var p))
            {
                weights[i] = weights[p];
                stored[i] = stored[p];
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (ids.Count == 0)
        {
            return new Distribution(0, 0m, warnings, warningCount, now, (ManhourDistribution.NoComponents, ManhourDistribution.NoComponentsMessage));
        }
        var result = ManhourDistribution.Distribute(total, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(weights));
        if (!result.Succeeded)
        {
            return new Distribution(0, 0m, warnings, warningCount, now, (result.ErrorCode, result.Error!));
        }
        foreach (var chunk in ids.Chunk(WriteBatch))
        {
            var batch = chunk.ToList();
            var components = await db.Components.Where(c => batch.Contains(c.Id)).ToListAsync(ct);
            foreach (var component in components)
            {
                var i = position[component.Id];
                component.ManhourWeight = stored[i];
                component.BudgetedManhours = result.Budgeted[i];
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new Distribution(ids.Count, total - result.Residue(total), warnings, warningCount, now);
    }

    private static void Stamp(ManhourBudget budget, Distribution distribution)
    {
        budget.DistributedAt = distribution.At;
        budget.ComponentCount = distribution.Count;
        budget.DistributedManhours = distribution.Sum;
        budget.Warnings = JsonSerializer.Serialize(distribution.Warnings);
        budget.WarningCount = distribution.WarningCount;
    }

    /// <summary>
    /// TRK-091 "serialized per project": PostgreSQL takes a transaction-scoped advisory lock on the
    /// project; SQLite transactions already take the write lock when they begin. The unique indexes
    /// (version number, one active budget) are the last line either way.
    /// </summary>
    private async Task LockProjectAsync(Guid projectId, CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            var key = BitConverter.ToInt64(projectId.ToByteArray(), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
        }
    }

    private async Task<BudgetResult> WithRetryAsync(Guid projectId, Func<Task<BudgetResult>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A component changed while it was being written, or another version won the race.
                db.ChangeTracker.Clear();
                ManhourLog.Retried(logger, projectId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 40) * attempt), ct);
            }
        }
    }

    private static DateOnly Today(Project project, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(project.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    private static BudgetResult Invalid(string? code, string message, string field) => new(BudgetStatus.Invalid, Code: code, Message: message, Field: field);

    private static BudgetView View(ManhourBudget b, string? createdBy) => new(
        b.Id, b.Number, b.TotalManhours, b.Reason, b.EffectiveDate, b.IsActive, b.CreatedByUserId, createdBy, b.CreatedAt, b.DistributedAt,
        b.ComponentCount, b.DistributedManhours, b.WarningCount, JsonSerializer.Deserialize<List<string>>(b.Warnings) ?? []);
}
