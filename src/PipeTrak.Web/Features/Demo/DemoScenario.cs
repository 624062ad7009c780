using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.Web.Features.Demo;

/// <summary>What the scenario did on top of the generated rows.</summary>
public sealed record DemoScenarioResult(int Welders, int WeldsWelded, int Repairs, int Unplanned, int PendingReviewItems, int MilestoneValues, int MilestoneEvents)
{
    public static readonly DemoScenarioResult None = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// A clock the scenario walks through the project's past: each command records the moment it "happened"
/// and checks its dates against that moment's today, so nothing is ever in the future (the real clock
/// is the upper bound of every moment used).
/// </summary>
public sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Issue 4 item 9 / issue 5 item 10: drives a filled demo project through the real commands so the
/// welds and packages are in every state with the rows those commands write (milestone values and
/// events, weld events, review items, stages, sign-offs, certificates, audit entries):
/// <list type="bullet">
/// <item>welders (WLD-010/011) through <see cref="WelderCommands"/>, all but one verified;</item>
/// <item>welds welded (WLD-020/021), NDE PASS / FAIL / PENDING (WLD-030/031), repairs of failed welds
/// (WLD-040/041) of which some are welded and one accepted, unplanned welds numbered by WLD-051 and one
/// of them retired (WLD-057), all through <see cref="WeldCommands"/>;</item>
/// <item>QC resolves every <c>weld_completed</c> item (WLD-071) except the newest ones of one package,
/// which is therefore Blocked (PKG-031/032);</item>
/// <item>the ready package's welds are accepted (PKG-032 Ready); the part-way package has its certificate
/// submitted, Pre-Hydro completed and Test in progress; the final package has every stage completed or
/// skipped (PKG-059 FINAL), through <see cref="PackageCommands"/>.</item>
/// </list>
/// Deterministic given the seed and the clock: every choice comes from a seeded <see cref="Random"/>,
/// every list is ordered by something generated. Runs inside the caller's transaction (the commands
/// only call SaveChanges).
/// </summary>
public sealed class DemoScenario(AppDbContext db, TimeProvider clock, ILogger<MilestoneCommands> milestoneLog, ILogger<DemoScenario> logger)
{
    private const int MaxPassed = 40;
    private const int MaxWeldedOnly = 10;
    private const int MaxPending = 4;
    private const int FailChains = 3;
    private const int Awaiting = 2;
    private const int Sample = 240;

    private sealed record Candidate(Guid WeldId, Guid ComponentId, Guid? DrawingId, Guid? PackageId, string SortKey, DateTime CreatedAt);

    private sealed record Actor(Guid Id, ClaimsPrincipal Principal);

    public async Task<DemoScenarioResult> RunAsync(Project project, DemoData data, int seed, CancellationToken ct)
    {
        if (await CrewAsync(project.OrganizationId, ct) is not { } crew)
        {
            return DemoScenarioResult.None;
        }
        var (foreman, qc) = crew;
        var started = clock.GetTimestamp();
        var run = new Run(db, milestoneLog, project, data, new Random(seed ^ 0x5EED), foreman, qc, clock.GetUtcNow());
        db.SavingChanges += run.Count;
        try
        {
            await run.ExecuteAsync(ct);
        }
        finally
        {
            db.SavingChanges -= run.Count;
            db.ChangeTracker.Clear();
        }
        DemoLog.ScenarioRan(logger, project.Id, run.Result.WeldsWelded, run.Result.Repairs, run.Result.Unplanned, run.Result.PendingReviewItems,
            (long)clock.GetElapsedTime(started).TotalMilliseconds);
        return run.Result;
    }

    /// <summary>PPL-040: someone who may manage welds (a foreman first) and someone who may do QC and sign off (a QC inspector first).</summary>
    private async Task<(Actor Foreman, Actor Qc)?> CrewAsync(Guid organizationId, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking()
            .Where(u => u.OrganizationId == organizationId && u.Role != null)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, Role = u.Role!.Value })
            .ToListAsync(ct);
        var foreman = users.Find(u => u.Role == OrgRole.Foreman) ?? users.Find(u => PermissionMatrix.Allows(u.Role, Permission.ManageWelds));
        var qc = users.Find(u => u.Role == OrgRole.QcInspector)
            ?? users.Find(u => PermissionMatrix.Allows(u.Role, Permission.QualityControl) && PermissionMatrix.Allows(u.Role, Permission.RecordSignOffs)
                && PermissionMatrix.Allows(u.Role, Permission.ManageWelds));
        if (foreman is null || qc is null)
        {
            return null;
        }
        return (Principal(foreman.Id, foreman.Role), Principal(qc.Id, qc.Role));

        Actor Principal(Guid id, OrgRole role) => new(id, new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(PipeTrakClaims.UserId, id.ToString()),
            new Claim(PipeTrakClaims.OrganizationId, organizationId.ToString()),
            new Claim(PipeTrakClaims.Role, role.Code()),
        ], "demo")));
    }

    /// <summary>One scenario run: the commands on the demo clock, and what they wrote.</summary>
    private sealed class Run
    {
        private readonly AppDbContext db;
        private readonly Project project;
        private readonly DemoData data;
        private readonly Random rng;
        private readonly Actor foreman;
        private readonly Actor qc;
        private readonly DateTimeOffset now;
        private readonly DemoClock at;
        private readonly WeldCommands welds;
        private readonly WelderCommands welders;
        private readonly PackageCommands packages;
        private readonly WeldProject calendar;
        private readonly List<Guid> verified = [];
        private readonly HashSet<Guid> awaiting = [];
        private Guid? newcomer;
        private int values, events, welded, repairs, unplanned;

        public Run(AppDbContext db, ILogger<MilestoneCommands> milestoneLog, Project project, DemoData data, Random rng, Actor foreman, Actor qc, DateTimeOffset now)
        {
            this.db = db;
            this.project = project;
            this.data = data;
            this.rng = rng;
            this.foreman = foreman;
            this.qc = qc;
            this.now = now;
            at = new DemoClock(now);
            // The audit entries name the QC inspector who acted (AuditLog reads the request's user).
            var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = qc.Principal } };
            var audit = new AuditLog(db, at, http);
            welds = new WeldCommands(db, new MilestoneCommands(db, at, milestoneLog), audit, at);
            welders = new WelderCommands(db, at);
            packages = new PackageCommands(db, audit, at);
            calendar = new WeldProject(project.Id, project.OrganizationId, false, project.TimeZone);
        }

        public DemoScenarioResult Result { get; private set; } = DemoScenarioResult.None;

        /// <summary>Counts the milestone rows the commands add (for the fill summary).</summary>
        public void Count(object? sender, SavingChangesEventArgs e)
        {
            values += db.ChangeTracker.Entries<MilestoneValueRow>().Count(x => x.State == EntityState.Added);
            events += db.ChangeTracker.Entries<MilestoneEvent>().Count(x => x.State == EntityState.Added);
        }

        public async Task ExecuteAsync(CancellationToken ct)
        {
            var start = new DateTimeOffset(data.ProjectStart, TimeSpan.Zero);
            await AddWeldersAsync(start, ct);
            var special = new[] { data.Roles.Ready, data.Roles.PartWay, data.Roles.Final }.OfType<TestPackage>().Select(p => p.Id).ToHashSet();
            var candidates = await CandidatesAsync(ct);
            var accepted = candidates.Where(c => c.PackageId is { } p && special.Contains(p)).ToList();
            var pool = candidates.Where(c => c.PackageId is not { } p || !special.Contains(p)).ToList();
            Shuffle(pool);
            var sample = pool.Take(Sample).ToList();
            var lastSet = await LastSetAsync([.. accepted, .. sample], start, ct);

            // PKG-031: the newest welds of one regular package wait for QC, so that package is Blocked.
            var blocked = data.Roles.Regular.Select(p => p.Id).FirstOrDefault(p => sample.Any(c => c.PackageId == p));
            foreach (var c in sample.Where(c => c.PackageId == blocked && blocked != Guid.Empty).Take(Awaiting).ToList())
            {
                sample.Remove(c);
                var t = Before(now, TimeSpan.FromHours(awaiting.Count == 0 ? 30 : 80), lastSet[c.ComponentId]);
                await AssignAsync(c, t, newcomer is { } n && awaiting.Count == 1 ? n : null, ct);
                awaiting.Add(c.ComponentId);
            }

            var acceptedBy = DateTimeOffset.MinValue;
            foreach (var c in accepted)
            {
                var (t1, t2) = Two(lastSet[c.ComponentId], now.AddDays(-20));
                await AssignAsync(c, t1, null, ct);
                await NdeAsync(c.WeldId, t2, "RT", "PASS", Pick(DemoCatalog.NdePassNotes), ct);
                acceptedBy = t2 > acceptedBy ? t2 : acceptedBy;
            }

            var roomy = sample.Where(c => lastSet[c.ComponentId] <= now.AddDays(-12)).ToList();
            var chains = roomy.Take(FailChains).ToList();
            for (var i = 0; i < chains.Count; i++)
            {
                await FailChainAsync(chains[i], lastSet[chains[i].ComponentId], i, ct);
            }
            var rest = sample.Except(chains).Where(c => lastSet[c.ComponentId] <= now.AddDays(-2)).ToList();
            var passed = rest.Take(Math.Min(MaxPassed, Math.Max(1, rest.Count / 3))).ToList();
            var pending = rest.Skip(passed.Count).Take(Math.Min(MaxPending, Math.Max(1, rest.Count / 25))).ToList();
            var weldedOnly = rest.Skip(passed.Count + pending.Count).Take(Math.Min(MaxWeldedOnly, Math.Max(1, rest.Count / 10))).ToList();
            foreach (var c in passed)
            {
                var (t1, t2) = Two(lastSet[c.ComponentId], now.AddHours(-2));
                await AssignAsync(c, t1, null, ct);
                await NdeAsync(c.WeldId, t2, rng.Next(4) == 0 ? "UT" : "RT", "PASS", Pick(DemoCatalog.NdePassNotes), ct);
            }
            foreach (var c in pending)
            {
                var (t1, t2) = Two(lastSet[c.ComponentId], now.AddHours(-2));
                await AssignAsync(c, t1, null, ct);
                await NdeAsync(c.WeldId, t2, "RT", "PENDING", DemoCatalog.NdePendingNotes, ct);
            }
            foreach (var c in weldedOnly)
            {
                var (t1, _) = Two(lastSet[c.ComponentId], now.AddHours(-2));
                await AssignAsync(c, t1, null, ct);
            }
            await UnplannedAsync(special, ct);
            await ResolveReviewItemsAsync(ct);
            await PackagesAsync(acceptedBy == DateTimeOffset.MinValue ? now.AddDays(-20) : acceptedBy, ct);

            var pendingItems = await db.ReviewItems.CountAsync(i => i.ProjectId == project.Id && i.Status == ReviewItemTypes.Pending, ct);
            Result = new DemoScenarioResult(DemoCatalog.Welders.Length, welded, repairs, unplanned, pendingItems, values, events);
        }

        // ---- welders -----------------------------------------------------------------------------

        /// <summary>WLD-010/011: hired in the first week; all but the newest verified by QC.</summary>
        private async Task AddWeldersAsync(DateTimeOffset start, CancellationToken ct)
        {
            for (var i = 0; i < DemoCatalog.Welders.Length; i++)
            {
                var (stencil, name) = DemoCatalog.Welders[i];
                at.Now = start.AddDays(2).AddHours(i);
                var id = Ensure(await welders.AddAsync(foreman.Principal, project.Id, stencil, name, ct), "add welder " + stencil);
                if (i < DemoCatalog.Welders.Length - DemoCatalog.UnverifiedWelders)
                {
                    at.Now = start.AddDays(4).AddHours(i);
                    Ensure(await welders.VerifyAsync(qc.Principal, project.Id, id, ct), "verify welder " + stencil);
                    verified.Add(id);
                }
                else
                {
                    newcomer = id;
                }
            }
        }

        // ---- welds -------------------------------------------------------------------------------

        private async Task<List<Candidate>> CandidatesAsync(CancellationToken ct)
        {
            var rows = await (
                from w in db.Welds.AsNoTracking()
                join c in db.Components.AsNoTracking() on w.ComponentId equals c.Id
                where w.ProjectId == project.Id && c.RetiredAt == null && w.WelderId == null && w.OriginalWeldId == null
                select new Candidate(w.Id, c.Id, c.DrawingId, c.PackageId, w.SortKey, w.CreatedAt)).ToListAsync(ct);
            // Ordinal order in memory: the providers' text collations differ.
            rows.Sort((a, b) => string.CompareOrdinal(a.SortKey, b.SortKey));
            return rows;
        }

        /// <summary>When each weld's component last changed (its generated Fit-up), so the weld's story starts after it.</summary>
        private async Task<Dictionary<Guid, DateTimeOffset>> LastSetAsync(List<Candidate> welds, DateTimeOffset start, CancellationToken ct)
        {
            var ids = welds.Select(c => c.ComponentId).ToList();
            var set = await db.MilestoneValues.AsNoTracking()
                .Where(v => v.ProjectId == project.Id && ids.Contains(v.ComponentId))
                .GroupBy(v => v.ComponentId)
                .Select(g => new { g.Key, Last = g.Max(v => v.SetAt) })
                .ToDictionaryAsync(x => x.Key, x => x.Last, ct);
            var floor = start.AddDays(10);
            return welds.ToDictionary(
                c => c.ComponentId,
                c => set.TryGetValue(c.ComponentId, out var last) && new DateTimeOffset(last, TimeSpan.Zero) > floor ? new DateTimeOffset(last, TimeSpan.Zero) : floor);
        }

        /// <summary>WLD-020/021: a welder (verified ones in turn, or the one given) welds it on that day.</summary>
        private async Task AssignAsync(Candidate weld, DateTimeOffset when, Guid? welder, CancellationToken ct) =>
            await AssignAsync(weld.WeldId, when, welder, ct);

        private async Task AssignAsync(Guid weldId, DateTimeOffset when, Guid? welder, CancellationToken ct)
        {
            at.Now = when;
            var who = welder ?? verified[rng.Next(verified.Count)];
            Ensure(await welds.AssignAsync(foreman.Principal, project.Id, weldId, new AssignWelderInput(who, calendar.Today(when)), ct), "assign welder");
            welded++;
        }

        /// <summary>WLD-030/031.</summary>
        private async Task NdeAsync(Guid weldId, DateTimeOffset when, string type, string result, string notes, CancellationToken ct)
        {
            at.Now = when;
            Ensure(await welds.RecordNdeAsync(qc.Principal, project.Id, weldId, new NdeInput(type, result, calendar.Today(when), notes), ct), "record NDE " + result);
        }

        /// <summary>
        /// WLD-040/041: welded, NDE FAIL, repair created. Chain 0 stops there (repair unwelded, Fit-up only),
        /// chain 1 has its repair welded, chain 2 has its repair accepted.
        /// </summary>
        private async Task FailChainAsync(Candidate weld, DateTimeOffset after, int chain, CancellationToken ct)
        {
            var times = Moments(after, now.AddHours(-2), 5);
            await AssignAsync(weld, times[0], null, ct);
            await NdeAsync(weld.WeldId, times[1], "RT", "FAIL", DemoCatalog.NdeFailNotes[chain % DemoCatalog.NdeFailNotes.Length], ct);
            at.Now = times[2];
            var repair = Ensure(await welds.CreateRepairAsync(foreman.Principal, project.Id, weld.WeldId, ct), "create repair");
            repairs++;
            if (chain >= 1)
            {
                await AssignAsync(repair, times[3], null, ct);
            }
            if (chain >= 2)
            {
                await NdeAsync(repair, times[4], "RT", "PASS", DemoCatalog.NdePassNotes[0], ct);
            }
        }

        /// <summary>
        /// WLD-050/051: two unplanned welds numbered by the command, on the drawing whose welds carry the
        /// proposed number's prefix; the first is welded (by the welder not verified yet), the second was a
        /// duplicate and is retired (WLD-057).
        /// </summary>
        private async Task UnplannedAsync(HashSet<Guid> special, CancellationToken ct)
        {
            var proposed = await welds.NextNumberAsync(project.Id, ct);
            var prefix = proposed.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
            var host = (await (
                from w in db.Welds.AsNoTracking()
                join c in db.Components.AsNoTracking() on w.ComponentId equals c.Id
                where w.ProjectId == project.Id && w.OriginalWeldId == null && w.Number.StartsWith(prefix) && c.DrawingId != null
                select new { w.SortKey, c.DrawingId, c.PackageId }).ToListAsync(ct))
                .OrderBy(x => x.SortKey, StringComparer.Ordinal).FirstOrDefault();
            if (host?.DrawingId is not { } drawing || host.PackageId is { } p && special.Contains(p))
            {
                return;
            }
            var input = new UnplannedWeldInput(drawing, null, "BW", "3\"", "A1", "40", "CS A106-B", DemoCatalog.UnplannedNotes);
            at.Now = now.AddDays(-6);
            var first = Ensure(await welds.CreateUnplannedAsync(foreman.Principal, project.Id, input, ct), "create unplanned weld");
            at.Now = now.AddDays(-6).AddHours(1);
            var second = Ensure(await welds.CreateUnplannedAsync(foreman.Principal, project.Id, input, ct), "create unplanned weld");
            unplanned += 2;
            at.Now = now.AddDays(-6).AddHours(3);
            Ensure(await welds.RetireAsync(foreman.Principal, project.Id, second, DemoCatalog.RetireUnplannedReason, ct), "retire unplanned weld");
            await AssignAsync(first, now.AddDays(-4), newcomer, ct);
        }

        /// <summary>WLD-071: QC resolves the weld_completed items a few hours after each weld, except the awaiting ones.</summary>
        private async Task ResolveReviewItemsAsync(CancellationToken ct)
        {
            var items = await db.ReviewItems
                .Where(i => i.ProjectId == project.Id && i.Type == ReviewItemTypes.WeldCompleted && i.Status == ReviewItemTypes.Pending)
                .ToListAsync(ct);
            foreach (var item in items.Where(i => i.ComponentId is not { } c || !awaiting.Contains(c)).OrderBy(i => i.CreatedAt))
            {
                var resolvedAt = new DateTimeOffset(item.CreatedAt, TimeSpan.Zero).AddHours(2 + rng.Next(20));
                item.Status = ReviewItemTypes.Resolved;
                item.ResolvedByUserId = qc.Id;
                item.ResolvedAt = (resolvedAt > now ? now : resolvedAt).UtcDateTime;
                item.Note = DemoCatalog.ReviewResolvedNote;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        // ---- packages ----------------------------------------------------------------------------

        /// <summary>PKG-040..059 after the special packages' welds were accepted.</summary>
        private async Task PackagesAsync(DateTimeOffset after, CancellationToken ct)
        {
            var times = Moments(after, now.AddHours(-1), 12);
            var next = 0;
            if (data.Roles.Final is { } final)
            {
                // Tested first: every stage completed, protective coatings skipped (shop-coated).
                await CertificateAsync(final, times[next++], submit: true, ct);
                foreach (var (id, kind) in await StagesAsync(final, ct))
                {
                    var t = times[next++];
                    if (kind == StageKind.ProtectiveCoatings)
                    {
                        at.Now = t;
                        Ensure(await packages.StageActionAsync(qc.Principal, project.Id, final.Id, id, StageAction.Skip, DemoCatalog.CoatingSkipReason, null, ct), "skip stage");
                        continue;
                    }
                    await SignAsync(final, id, kind, t, Workflow.RequiredSignOffs(kind), ct);
                    Ensure(await packages.StageActionAsync(qc.Principal, project.Id, final.Id, id, StageAction.Complete, null, null, ct), "complete " + kind);
                }
            }
            if (data.Roles.PartWay is { } partWay)
            {
                // Certificate submitted (first stage started), Pre-Hydro accepted, the test itself under way.
                var stages = await StagesAsync(partWay, ct);
                await CertificateAsync(partWay, times[next++], submit: true, ct);
                await SignAsync(partWay, stages[0].Id, stages[0].Kind, times[next++], Workflow.RequiredSignOffs(stages[0].Kind), ct);
                Ensure(await packages.StageActionAsync(qc.Principal, project.Id, partWay.Id, stages[0].Id, StageAction.Complete, null, null, ct), "complete first stage");
                at.Now = times[next++];
                Ensure(await packages.StageActionAsync(qc.Principal, project.Id, partWay.Id, stages[1].Id, StageAction.Start, null, null, ct), "start second stage");
                await SignAsync(partWay, stages[1].Id, stages[1].Kind, at.Now, [SignOffRole.Qc], ct);
            }
            if (data.Roles.Ready is { } ready)
            {
                // Ready for test: the certificate is only a draft.
                await CertificateAsync(ready, times[next], submit: false, ct);
            }
        }

        private async Task<List<(Guid Id, StageKind Kind)>> StagesAsync(TestPackage package, CancellationToken ct) =>
            [.. (await db.PackageStages.AsNoTracking().Where(s => s.PackageId == package.Id).OrderBy(s => s.Number).Select(s => new { s.Id, s.Kind }).ToListAsync(ct))
                .Select(s => (s.Id, s.Kind))];

        /// <summary>PKG-040..042: test pressure 1.5 × design of the package, water at ambient temperature.</summary>
        private async Task CertificateAsync(TestPackage package, DateTimeOffset when, bool submit, CancellationToken ct)
        {
            at.Now = when;
            var line = await db.Drawings.AsNoTracking().Where(d => d.PackageId == package.Id).OrderBy(d => d.NumberSortKey).Select(d => d.Number).FirstOrDefaultAsync(ct);
            var form = submit
                ? new CertificateForm(DemoCatalog.Client, DemoCatalog.ClientSpec, line, package.TestPressure, "PSIG", "Water", 68m, "F")
                : new CertificateForm(DemoCatalog.Client, DemoCatalog.ClientSpec, line, null, null, null, null, null);
            Ensure(await packages.SaveCertificateAsync(qc.Principal, project.Id, package.Id, form, submit, ct), "save certificate");
        }

        /// <summary>PKG-055/056: the stage's data and the given sign-offs, dated that day.</summary>
        private async Task SignAsync(TestPackage package, Guid stageId, StageKind kind, DateTimeOffset when, IReadOnlyList<SignOffRole> roles, CancellationToken ct)
        {
            at.Now = when;
            var day = calendar.Today(when);
            var signOffs = roles.Select(r => new SignOffInput(r.ToString(), r switch
            {
                SignOffRole.Client => DemoCatalog.ClientRepresentative,
                SignOffRole.Manufacturer => DemoCatalog.ManufacturerRepresentative,
                _ => DemoCatalog.QcRepresentative,
            }, day)).ToList();
            Ensure(await packages.EditStageAsync(qc.Principal, project.Id, package.Id, stageId, StageDataFor(kind, day), signOffs, null, ct), "sign " + kind);
        }

        private static Dictionary<string, string?> StageDataFor(StageKind kind, DateOnly day)
        {
            var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return kind switch
            {
                StageKind.PreHydro => new() { ["inspector"] = DemoCatalog.QcRepresentative, ["ndeComplete"] = "Yes" },
                StageKind.Test => new()
                {
                    ["gaugeNumbers"] = "PG-114, PG-115",
                    ["calibrationDates"] = day.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["timeHeld"] = "120",
                },
                StageKind.DrainFlush => new() { ["drainDate"] = iso, ["flushDate"] = iso },
                StageKind.PostHydro => new() { ["inspectionDate"] = iso, ["defectsFound"] = "No" },
                StageKind.ProtectiveCoatings => new() { ["coatingType"] = "Inorganic zinc primer", ["clientPaintSpec"] = "GCR-PNT-002" },
                StageKind.Insulation => new() { ["insulationType"] = "Mineral wool, aluminium jacket", ["insulationSpec"] = "GCR-INS-001" },
                StageKind.Final => new() { ["finalNotes"] = "All stages accepted; package turned over to operations." },
                _ => [],
            };
        }

        // ---- time and choice ---------------------------------------------------------------------

        /// <summary>Two increasing moments after <paramref name="after"/>, a few days apart, never past <paramref name="end"/>.</summary>
        private (DateTimeOffset First, DateTimeOffset Second) Two(DateTimeOffset after, DateTimeOffset end)
        {
            var m = Moments(after, end > after ? end : now.AddMinutes(-1), 2);
            return (m[0], m[1]);
        }

        /// <summary>
        /// <paramref name="count"/> strictly increasing moments after <paramref name="after"/>: gaps of 6 to 96 hours,
        /// squeezed to fit before <paramref name="end"/> (and the real now) when they would not.
        /// </summary>
        private DateTimeOffset[] Moments(DateTimeOffset after, DateTimeOffset end, int count)
        {
            var limit = end < now ? end : now;
            var gaps = new double[count];
            for (var i = 0; i < count; i++)
            {
                gaps[i] = rng.Next(6 * 60, 96 * 60);
            }
            var room = Math.Max(count, (limit - after).TotalMinutes);
            var scale = Math.Min(1, room / (gaps.Sum() + 60));
            var times = new DateTimeOffset[count];
            var t = after;
            for (var i = 0; i < count; i++)
            {
                t = t.AddMinutes(Math.Max(1, Math.Floor(gaps[i] * scale)));
                times[i] = t > now ? now : t;
            }
            return times;
        }

        /// <summary>A moment <paramref name="ago"/> before now, but after <paramref name="after"/>.</summary>
        private DateTimeOffset Before(DateTimeOffset end, TimeSpan ago, DateTimeOffset after)
        {
            var t = end - ago;
            return t > after ? t : after + ((end - after) / 2);
        }

        private string Pick(string[] options) => options[rng.Next(options.Length)];

        private void Shuffle<T>(List<T> list)
        {
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }

        private static Guid Ensure(WeldCommandResult result, string what) =>
            result.Succeeded ? result.Id!.Value : throw new InvalidOperationException($"Demo scenario could not {what}: {result.Message}");

        private static Guid Ensure(PackageResult result, string what) =>
            result.Succeeded ? result.Id ?? Guid.Empty : throw new InvalidOperationException($"Demo scenario could not {what}: {result.Message}");
    }
}
