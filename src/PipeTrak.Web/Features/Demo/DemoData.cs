using System.Globalization;
using System.Text.Json;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Web.Features.Demo;

/// <summary>What to generate. <see cref="NewId"/> is injectable so tests can make ids deterministic too.</summary>
public sealed record DemoDataOptions(Guid OrganizationId, Guid ProjectId, IReadOnlyList<Guid> UserIds, DateTime Now)
{
    public int Components { get; init; } = DemoData.DefaultComponents;

    public int Seed { get; init; } = DemoData.DefaultSeed;

    public Func<Guid> NewId { get; init; } = Guid.CreateVersion7;
}

/// <summary>One drawing with everything on it, ready to insert in this order.</summary>
public sealed record DemoBatch(Drawing Drawing, List<Component> Components, List<MilestoneValueRow> Values, List<MilestoneEvent> Events, List<Weld> Welds, List<WeldEvent> WeldEvents);

/// <summary>
/// The packages the demo scenario drives into each PKG-032/059 state (issue 5 item 10). Ready, part-way
/// and final each own one drawing whose components are all complete (their welds get accepted by the
/// scenario); they are null in projects too small to spare three drawings. Empty has no members.
/// </summary>
public sealed record DemoPackageRoles(IReadOnlyList<TestPackage> Regular, TestPackage? Ready, TestPackage? PartWay, TestPackage? Final, TestPackage Empty);

/// <summary>
/// The demo project generator (issue 3 item 9). Pure and deterministic given <see cref="DemoDataOptions.Seed"/>:
/// every decision comes from <see cref="Random"/> instances seeded from it (never from the clock), and
/// each drawing has its own seeded stream, so the contents can be generated twice (once for the
/// manhour weights, once to emit rows) and streamed drawing by drawing, which keeps 1,000,000
/// components out of memory. Rules followed:
/// <list type="bullet">
/// <item>identities are built by <see cref="ComponentIdentity"/> exactly as an import would (TRK-010);</item>
/// <item>milestone values follow the default rules of credit a new project copies (TRK-021/023):
/// discrete 0/100, partial 0-100, completed in template order;</item>
/// <item>the percent is only ever <see cref="ProgressRules.PercentComplete(IReadOnlyList{TemplateRow}, ReadOnlySpan{MilestoneValue})"/> (TRK-032);</item>
/// <item>every field weld has its weld record (WLD-001), unwelded: welding, NDE and repairs are left to
/// <see cref="DemoScenario"/>, which goes through the weld commands, so no field weld reaches Weld
/// Complete here (TRK-048);</item>
/// <item>packages carry a test type and the stages PKG-050 gives it (<see cref="Workflow.Stages"/>);</item>
/// <item>events exist for the last <see cref="RecentDays"/> days of activity, shaped like the ones
/// <see cref="MilestoneUpdateRules"/> produces (TRK-043/044), rollbacks with a TRK-042 reason;</item>
/// <item>about 1% of components are retired (TRK-060/061) and carry no progress or budget;</item>
/// <item>budgeted manhours come from <see cref="ManhourWeights"/> and <see cref="ManhourDistribution"/> (TRK-093/094).</item>
/// </list>
/// </summary>
public sealed class DemoData
{
    public const int DefaultComponents = 1_200;
    public const int DefaultSeed = 2026;
    public const int MinComponents = 12;
    public const int MaxComponents = 2_000_000;
    public const int RecentDays = 14;
    public const int ProjectDays = 120;
    public const decimal ManhoursPerComponent = 4.5m;

    private const double RetiredShare = 0.01;

    private static readonly (ComponentType Type, int Weight)[] TypeMix =
    [
        (ComponentType.Spool, 6), (ComponentType.FieldWeld, 12), (ComponentType.Pipe, 4), (ComponentType.ThreadedPipe, 2),
        (ComponentType.Instrument, 3), (ComponentType.Valve, 8), (ComponentType.Fitting, 20), (ComponentType.Flange, 12),
        (ComponentType.Support, 14), (ComponentType.Tubing, 3), (ComponentType.Hose, 2), (ComponentType.MiscComponent, 4),
    ];

    private static readonly int TypeMixTotal = TypeMix.Sum(t => t.Weight);

    /// <summary>Inch marks stay readable in attributes (<c>\"</c> rather than <c>\u0022</c>).</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly DemoDataOptions options;
    private readonly DrawingPlan[] plans;
    private readonly decimal[] budgets;
    private readonly int[] firstComponent;
    private readonly int regularPackages;

    /// <summary>Projects with this many drawings get the ready, part-way and final packages (drawings 1-3).</summary>
    public const int SpecialDrawingsFrom = 6;

    private DemoData(DemoDataOptions options)
    {
        this.options = options;
        var rng = new Random(options.Seed);
        ProjectStart = options.Now.AddDays(-ProjectDays);
        Areas = [.. DemoCatalog.Areas.Select((name, i) => new Area
        {
            Id = options.NewId(), OrganizationId = options.OrganizationId, ProjectId = options.ProjectId,
            Name = name, Description = $"Plot {i + 1} of the crude unit revamp",
        })];
        Systems = [.. DemoCatalog.Systems.Select(name => new PlantSystem
        {
            Id = options.NewId(), OrganizationId = options.OrganizationId, ProjectId = options.ProjectId,
            Name = name, Description = name + " piping",
        })];
        var drawingCount = DrawingCountFor(options.Components);
        var packageCount = Math.Clamp(drawingCount / 6, 4, 5_000);
        regularPackages = packageCount;
        var packages = Enumerable.Range(1, packageCount).Select(RegularPackage).ToList();
        var withSpecials = drawingCount >= SpecialDrawingsFrom;
        TestPackage Special(string description, TestType type, decimal pressure, bool coating = false, bool insulation = false)
        {
            var package = NewPackage(packages.Count + 1, description, type, pressure, coating, insulation, null);
            packages.Add(package);
            return package;
        }
        var ready = withSpecials ? Special("Crude heater tie-ins, ready for hydro", TestType.Hydrostatic, 285m) : null;
        var partWay = withSpecials ? Special("Atmospheric overhead, hydro under way", TestType.Hydrostatic, 450m, insulation: true) : null;
        var final = withSpecials ? Special("Vacuum unit drains, tested and accepted", TestType.Hydrostatic, 225m, coating: true) : null;
        var empty = Special("Flare header extension, scope not released yet", TestType.Pneumatic, 110m);
        Packages = packages;
        Roles = new DemoPackageRoles(packages.Take(packageCount).ToList(), ready, partWay, final, empty);
        Stages = [.. packages.SelectMany(StagesOf)];
        plans = PlanDrawings(rng, drawingCount);
        firstComponent = new int[plans.Length + 1];
        for (var i = 0; i < plans.Length; i++)
        {
            firstComponent[i + 1] = firstComponent[i] + plans[i].Target;
        }
        TotalBudgetedManhours = Math.Round(options.Components * ManhoursPerComponent, 0);
        budgets = Budgets();
    }

    public DateTime ProjectStart { get; }

    public IReadOnlyList<Area> Areas { get; }

    public IReadOnlyList<PlantSystem> Systems { get; }

    public IReadOnlyList<TestPackage> Packages { get; }

    /// <summary>PKG-050: every package's stages, not started.</summary>
    public IReadOnlyList<PackageStage> Stages { get; }

    public DemoPackageRoles Roles { get; }

    public int DrawingCount => plans.Length;

    public int ComponentCount => options.Components;

    /// <summary>The total the budgeted manhours were distributed from (TRK-094; the sum may differ by the rounding residue).</summary>
    public decimal TotalBudgetedManhours { get; }

    /// <summary>At least 50 drawings from 1,000 components (about 100 components each at scale: 10,000 at 1,000,000); small test projects get one per 20.</summary>
    public static int DrawingCountFor(int components) =>
        components >= 1_000 ? Math.Max(50, components / 100) : Math.Max(1, (components + 19) / 20);

    public static DemoData Create(DemoDataOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Components, MinComponents);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Components, MaxComponents);
        if (options.UserIds.Count == 0)
        {
            throw new ArgumentException("Demo data needs at least one user to record progress.", nameof(options));
        }
        return new DemoData(options);
    }

    /// <summary>The drawings in number order, each with its components, milestone values and events.</summary>
    public IEnumerable<DemoBatch> Batches()
    {
        for (var i = 0; i < plans.Length; i++)
        {
            yield return Batch(i);
        }
    }

    // ---- structure -------------------------------------------------------------------------------

    private sealed record DrawingPlan(string Number, string Title, string Revision, int Area, int System, int? Package, double Level, int Target, bool Complete = false);

    /// <summary>PKG-001: a regular package; most are hydrotests, every fifth a pneumatic test; some need coating or insulation.</summary>
    private TestPackage RegularPackage(int n)
    {
        var pneumatic = n % 5 == 0;
        var target = DateOnly.FromDateTime(options.Now).AddDays(14 + (n * 11 % 90));
        return pneumatic
            ? NewPackage(n, string.Create(CultureInfo.InvariantCulture, $"Pneumatic test package {n}"), TestType.Pneumatic, 110m, false, n % 4 == 1, target)
            : NewPackage(n, string.Create(CultureInfo.InvariantCulture, $"Hydrotest package {n}"), TestType.Hydrostatic, HydroPressures[n % HydroPressures.Length],
                n % 6 == 2, n % 4 == 1, n % 3 == 0 ? null : target);
    }

    private static readonly decimal[] HydroPressures = [225m, 285m, 450m, 740m];

    private TestPackage NewPackage(int n, string description, TestType type, decimal pressure, bool coating, bool insulation, DateOnly? target) => new()
    {
        Id = options.NewId(),
        OrganizationId = options.OrganizationId,
        ProjectId = options.ProjectId,
        Name = string.Create(CultureInfo.InvariantCulture, $"TP-{n:0000}"),
        Description = description,
        TestType = type,
        TestPressure = pressure,
        PressureUnit = PressureUnit.Psig,
        RequiresCoating = coating,
        RequiresInsulation = insulation,
        TargetDate = target,
        CreatedAt = ProjectStart.AddDays(7),
        Version = options.NewId(),
    };

    /// <summary>PKG-004/050: the stages a new package of this type gets, numbered 1..n.</summary>
    private IEnumerable<PackageStage> StagesOf(TestPackage package) =>
        Workflow.Stages(package.TestType, package.RequiresCoating, package.RequiresInsulation).Select((kind, i) => new PackageStage
        {
            Id = options.NewId(),
            OrganizationId = package.OrganizationId,
            ProjectId = package.ProjectId,
            PackageId = package.Id,
            Number = i + 1,
            Kind = kind,
            Version = options.NewId(),
        });

    private DrawingPlan[] PlanDrawings(Random rng, int count)
    {
        var targets = new int[count];
        var each = options.Components / count;
        var extra = options.Components % count;
        for (var i = 0; i < count; i++)
        {
            targets[i] = each + (i < extra ? 1 : 0);
        }
        // Pairwise jitter keeps the exact total: one drawing gives what its neighbour gets.
        for (var i = 0; i + 1 < count; i += 2)
        {
            var shift = rng.Next(0, Math.Max(1, (int)(Math.Min(targets[i], targets[i + 1]) * 0.4)));
            targets[i] += shift;
            targets[i + 1] -= shift;
        }
        var group = Math.Max(1, count / Areas.Count);
        var plansOut = new DrawingPlan[count];
        for (var i = 0; i < count; i++)
        {
            var line = 1001 + (i / 2);
            var number = string.Create(CultureInfo.InvariantCulture, $"P-{line}-{(i % 2) + 1:00}");
            var system = rng.Next(Systems.Count);
            var size = DemoCatalog.LineSizes[rng.Next(DemoCatalog.LineSizes.Length)];
            var title = string.Create(CultureInfo.InvariantCulture, $"{DemoCatalog.Services[system]} line {line}, {size}");
            var revision = DemoCatalog.Revisions[rng.Next(DemoCatalog.Revisions.Length)];
            int? package = rng.NextDouble() < 0.08 ? null : Math.Min(regularPackages - 1, i * regularPackages / count);
            var p = rng.NextDouble();
            // Some drawings not started, some finished, the rest anywhere in between.
            var level = p < 0.12 ? 0 : p < 0.27 ? 1 : 0.1 + (rng.NextDouble() * 0.85);
            // The ready, part-way and final packages each own one drawing with every component complete.
            var special = i < 3 && count >= SpecialDrawingsFrom;
            if (special)
            {
                package = regularPackages + i;
                level = 1;
            }
            plansOut[i] = new DrawingPlan(number, title, revision, Math.Min(Areas.Count - 1, i / group), system, package, level, targets[i], special);
        }
        return plansOut;
    }

    /// <summary>Per-drawing streams: the same (seed, drawing, purpose) always gives the same sequence.</summary>
    private Random StreamFor(int drawing, int purpose)
    {
        // SplitMix64 finalizer over the three inputs: a stable mix (HashCode is randomized per process).
        var z = unchecked((ulong)options.Seed * 0x9E3779B97F4A7C15UL + ((ulong)drawing << 8) + (ulong)purpose);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new Random((int)(z & 0x7FFFFFFF));
    }

    // ---- takeoff: what is on a drawing ---------------------------------------------------------------

    private readonly record struct Part(
        ComponentType Type, string Identity, string Code, string Description, string Spec, string SizeWritten,
        string Quantity, decimal? LinearFeet, bool Retired);

    private List<Part> Takeoff(int index)
    {
        var plan = plans[index];
        var rng = StreamFor(index, 1);
        var parts = new List<Part>(plan.Target);
        var seqs = new Dictionary<(string Code, string Size), int>();
        var aggregates = new HashSet<(string Code, string Size)>();
        int spools = 0, welds = 0, instruments = 0;
        // Every type appears: each drawing opens with the next type in turn.
        var forced = ComponentTypes.All[index % ComponentTypes.All.Count];
        while (parts.Count < plan.Target)
        {
            var type = parts.Count == 0 ? forced : PickType(rng);
            var retired = parts.Count > 0 && rng.NextDouble() < RetiredShare;
            switch (type.IdentityKind())
            {
                case IdentityKind.Spool:
                    var spool = string.Create(CultureInfo.InvariantCulture, $"{plan.Number}-SP{++spools:00}");
                    parts.Add(new Part(type, ComponentIdentity.ForSpool(spool), spool, "Shop spool", "A1", DemoCatalog.LineSizes[rng.Next(DemoCatalog.LineSizes.Length)], "1", null, retired));
                    break;
                case IdentityKind.FieldWeld:
                    var weld = string.Create(CultureInfo.InvariantCulture, $"{plan.Number}-W{++welds:000}");
                    parts.Add(new Part(type, ComponentIdentity.ForWeld(weld), weld, "Field weld, butt", "A1", DemoCatalog.LineSizes[rng.Next(4)], "1", null, retired));
                    break;
                case IdentityKind.Aggregate:
                    var pipe = Commodity(rng, type);
                    var pipeSize = pipe.Sizes[rng.Next(pipe.Sizes.Length)];
                    if (!aggregates.Add((pipe.Code, SizeNormalizer.Normalize(pipeSize))))
                    {
                        type = ComponentType.Fitting; // TRK-085: one aggregate per drawing, size and code.
                        goto default;
                    }
                    var feet = rng.Next(20, 400) / 2m;
                    parts.Add(new Part(type, ComponentIdentity.ForAggregate(plan.Number, pipeSize, pipe.Code), pipe.Code, pipe.Description, pipe.Spec,
                        pipeSize, ComponentIdentity.FormatFeet(feet), feet, retired));
                    break;
                case IdentityKind.Instrument:
                    var (prefix, description) = DemoCatalog.Instruments[rng.Next(DemoCatalog.Instruments.Length)];
                    var tag = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{plan.Number[2..6]}{++instruments:00}");
                    var instrumentSize = rng.Next(3) == 0 ? "" : "1/2\"";
                    parts.Add(new Part(type, ComponentIdentity.ForCounted(plan.Number, tag, instrumentSize, 1), tag, description, "I1", instrumentSize, "1", null, retired));
                    break;
                default:
                    var item = Commodity(rng, type);
                    var size = item.Sizes[rng.Next(item.Sizes.Length)];
                    var quantity = Math.Min(plan.Target - parts.Count, 1 + rng.Next(MaxQuantity(type)));
                    var key = (item.Code, SizeNormalizer.Normalize(size));
                    var seq = seqs.GetValueOrDefault(key);
                    var written = quantity.ToString(CultureInfo.InvariantCulture);
                    // TRK-010: QTY components with seq 1..QTY (continuing when the same code and size repeats).
                    for (var q = 0; q < quantity; q++)
                    {
                        seq++;
                        parts.Add(new Part(type, ComponentIdentity.ForCounted(plan.Number, item.Code, size, seq), item.Code, item.Description, item.Spec,
                            size, written, null, retired && q == 0));
                    }
                    seqs[key] = seq;
                    break;
            }
        }
        return parts;
    }

    private static ComponentType PickType(Random rng)
    {
        var n = rng.Next(TypeMixTotal);
        foreach (var (type, weight) in TypeMix)
        {
            if (n < weight)
            {
                return type;
            }
            n -= weight;
        }
        return ComponentType.Fitting;
    }

    private static DemoCommodity Commodity(Random rng, ComponentType type)
    {
        var choices = Array.FindAll(DemoCatalog.Commodities, c => c.Type == type);
        return choices[rng.Next(choices.Length)];
    }

    private static int MaxQuantity(ComponentType type) => type switch
    {
        ComponentType.Fitting => 6,
        ComponentType.Flange or ComponentType.Support => 4,
        ComponentType.Valve or ComponentType.Tubing or ComponentType.MiscComponent => 2,
        _ => 1,
    };

    // ---- manhours ---------------------------------------------------------------------------------

    private static ManhourWeight WeightOf(Part part) =>
        part.Retired
            ? new ManhourWeight(0, null) // TRK-093: only non-retired components carry weight.
            : ManhourWeights.For(part.Type, part.Identity, part.SizeWritten, SizeNormalizer.Normalize(part.SizeWritten), part.LinearFeet);

    /// <summary>TRK-094 over every component of the project, in generation order (first pass).</summary>
    private decimal[] Budgets()
    {
        var weights = new double[options.Components];
        for (var i = 0; i < plans.Length; i++)
        {
            var parts = Takeoff(i);
            for (var j = 0; j < parts.Count; j++)
            {
                weights[firstComponent[i] + j] = WeightOf(parts[j]).Weight;
            }
        }
        var result = ManhourDistribution.Distribute(TotalBudgetedManhours, weights);
        return result.Succeeded ? result.Budgeted : new decimal[options.Components];
    }

    // ---- progress -----------------------------------------------------------------------------------

    private DemoBatch Batch(int index)
    {
        var plan = plans[index];
        var drawing = new Drawing
        {
            Id = options.NewId(),
            OrganizationId = options.OrganizationId,
            ProjectId = options.ProjectId,
            Title = plan.Title,
            Revision = plan.Revision,
            AreaId = Areas[plan.Area].Id,
            SystemId = Systems[plan.System].Id,
            PackageId = plan.Package is { } p ? Packages[p].Id : null,
            Version = options.NewId(),
        };
        drawing.SetNumber(plan.Number);
        var parts = Takeoff(index);
        var rng = StreamFor(index, 2);
        var batch = new DemoBatch(drawing, new List<Component>(parts.Count), [], [], [], []);
        var weldRng = StreamFor(index, 3);
        for (var j = 0; j < parts.Count; j++)
        {
            var part = parts[j];
            var component = new Component
            {
                Id = options.NewId(),
                OrganizationId = options.OrganizationId,
                ProjectId = options.ProjectId,
                Type = part.Type,
                IdentityKey = part.Identity,
                // TRK-072/073: the drawing's area, system and package, as propagation leaves them.
                DrawingId = drawing.Id,
                AreaId = drawing.AreaId,
                SystemId = drawing.SystemId,
                PackageId = drawing.PackageId,
                Attributes = AttributesOf(part),
                BudgetedManhours = budgets[firstComponent[index] + j],
                ManhourWeight = WeightOf(part).Stored,
                CreatedAt = ProjectStart,
                Version = options.NewId(),
            };
            if (part.Retired)
            {
                component.RetiredAt = options.Now.AddDays(-rng.Next(1, 60)).AddMinutes(-rng.Next(600));
                component.RetiredReason = DemoCatalog.RetireReasons[rng.Next(DemoCatalog.RetireReasons.Length)];
            }
            else
            {
                Progress(rng, plan.Level, plan.Complete, component, batch);
            }
            batch.Components.Add(component);
            if (part.Type == ComponentType.FieldWeld)
            {
                var weld = WeldOf(weldRng, part, component, firstComponent[index] + j);
                batch.Welds.Add(weld);
                if (component.RetiredAt is { } retiredAt)
                {
                    batch.WeldEvents.Add(RetireEvent(weld, component, retiredAt, options.UserIds[rng.Next(options.UserIds.Count)]));
                }
            }
        }
        return batch;
    }

    /// <summary>Sets a plausible state: the first k milestones done in order, the next one part-way when partial.</summary>
    private void Progress(Random rng, double level, bool complete, Component component, DemoBatch batch)
    {
        var template = DefaultTemplates.For(component.Type);
        var values = new MilestoneValue[template.Count];
        var done = 0;
        if (complete)
        {
            done = template.Count;
        }
        else if (level > 0)
        {
            var x = Math.Clamp(level + ((rng.NextDouble() - 0.5) * 0.4), 0, 1);
            done = (int)Math.Floor(x * template.Count + 0.35);
            done = Math.Min(done, template.Count);
        }
        // TRK-048: Weld Complete needs a welder, and welder assignments come with weld records (not here).
        for (var i = 0; i < done; i++)
        {
            if (template[i].RequiresWelder)
            {
                done = i;
                break;
            }
        }
        for (var i = 0; i < done; i++)
        {
            values[i] = MilestoneValue.Complete;
        }
        var set = done;
        if (done < template.Count && level > 0 && template[done].Kind == MilestoneKind.Partial && rng.NextDouble() < 0.6)
        {
            values[done] = MilestoneValue.Create(5 * rng.Next(1, 20));
            set++;
        }
        if (set == 0)
        {
            return;
        }
        // The moments the values were set, in template order, somewhere in the project so far.
        var times = new DateTime[set];
        var span = (options.Now - ProjectStart).TotalMinutes;
        for (var i = 0; i < set; i++)
        {
            times[i] = ProjectStart.AddMinutes(Math.Floor(rng.NextDouble() * span));
        }
        Array.Sort(times);
        var recent = options.Now.AddDays(-RecentDays);
        for (var i = 0; i < set; i++)
        {
            var user = options.UserIds[rng.Next(options.UserIds.Count)];
            var row = template[i];
            batch.Values.Add(ValueRow(component, row.Name, values[i], user, times[i]));
            if (times[i] < recent)
            {
                continue;
            }
            if (row.Kind == MilestoneKind.Partial && values[i].Value >= 20 && rng.NextDouble() < 0.5)
            {
                // Partial work reported in two steps: first half-way (never set before → complete), then the rest.
                var half = MilestoneValue.Create(5 * (values[i].Value / 10));
                var earlier = times[i].AddHours(-rng.Next(4, 72));
                batch.Events.Add(Event(component, row, null, half, user, earlier < ProjectStart ? ProjectStart : earlier, null, null));
                batch.Events.Add(Event(component, row, half, values[i], user, times[i], null, null));
            }
            else
            {
                batch.Events.Add(Event(component, row, null, values[i], user, times[i], null, null));
            }
        }
        // A few recent QC rejections: the next discrete milestone was completed, then rolled back (TRK-042).
        if (set == done && done < template.Count && times[set - 1] >= recent && template[done] is { Kind: MilestoneKind.Discrete, RequiresWelder: false } next
            && rng.NextDouble() < 0.15)
        {
            var user = options.UserIds[rng.Next(options.UserIds.Count)];
            var completedAt = times[set - 1].AddMinutes(rng.Next(30, 1440));
            var rolledBackAt = completedAt.AddMinutes(rng.Next(30, 1440));
            if (rolledBackAt <= options.Now)
            {
                var (reason, details) = DemoCatalog.Rollbacks[rng.Next(DemoCatalog.Rollbacks.Length)];
                batch.Values.Add(ValueRow(component, next.Name, MilestoneValue.Zero, user, rolledBackAt));
                batch.Events.Add(Event(component, next, null, MilestoneValue.Complete, user, completedAt, null, null));
                batch.Events.Add(Event(component, next, MilestoneValue.Complete, MilestoneValue.Zero, user, rolledBackAt, reason, details));
            }
        }
        // TRK-032: the one progress function, over the template and all stored values.
        component.Percent = ProgressRules.PercentComplete(template, values);
    }

    /// <summary>
    /// WLD-001: the weld record of a generated field weld, unwelded and active. X-ray tiers 5/10/100%
    /// (WLD-095); created one second apart in generation order, so "the newest weld" of WLD-051 is stable.
    /// </summary>
    private Weld WeldOf(Random rng, Part part, Component component, int ordinal)
    {
        var p = rng.NextDouble();
        var sizeIndex = Math.Max(0, Array.IndexOf(DemoCatalog.LineSizes, part.SizeWritten));
        return new Weld
        {
            Id = options.NewId(),
            OrganizationId = component.OrganizationId,
            ProjectId = component.ProjectId,
            ComponentId = component.Id,
            Number = part.Code,
            SortKey = WeldSort.Key(part.Code),
            WeldType = WeldType.BW,
            Size = part.SizeWritten,
            Schedule = DemoCatalog.Schedules[Math.Min(sizeIndex, DemoCatalog.Schedules.Length - 1)],
            Spec = part.Spec,
            BaseMetal = "CS A106-B",
            XRayPercent = p < 0.7 ? 5m : p < 0.9 ? 10m : 100m,
            NdeRequired = true,
            CreatedAt = ProjectStart.AddSeconds(ordinal),
            Version = options.NewId(),
        };
    }

    /// <summary>WLD-057/059: a retired weld's <c>retire</c> event, with the reason and a snapshot, as the retire command writes it.</summary>
    private WeldEvent RetireEvent(Weld weld, Component component, DateTime at, Guid user) => new()
    {
        Id = options.NewId(),
        OrganizationId = weld.OrganizationId,
        ProjectId = weld.ProjectId,
        WeldId = weld.Id,
        Action = WeldEventActions.Retire,
        UserId = user,
        OccurredAt = at,
        Details = component.RetiredReason,
        Snapshot = JsonSerializer.Serialize(new
        {
            weld.Number,
            weldType = weld.WeldType.Code(),
            weld.Size,
            weld.Schedule,
            weld.BaseMetal,
            weld.Spec,
            xRayPercent = weld.XRayPercent,
            weld.NdeRequired,
            status = weld.Status.Code(),
            component.DrawingId,
            component.AreaId,
            component.SystemId,
            component.PackageId,
            component.Percent,
        }),
    };

    private static MilestoneValueRow ValueRow(Component component, string milestone, MilestoneValue value, Guid user, DateTime at) => new()
    {
        ComponentId = component.Id,
        Milestone = milestone,
        OrganizationId = component.OrganizationId,
        ProjectId = component.ProjectId,
        Value = value,
        SetByUserId = user,
        SetAt = at,
    };

    /// <summary>An event as the milestone command writes it: TRK-043 action, TRK-044 delta manhours.</summary>
    private MilestoneEvent Event(Component component, TemplateRow row, MilestoneValue? previous, MilestoneValue value, Guid user, DateTime at,
        string? reason, string? details) => new()
        {
            Id = options.NewId(),
            OrganizationId = component.OrganizationId,
            ProjectId = component.ProjectId,
            ComponentId = component.Id,
            Milestone = row.Name,
            Action = MilestoneUpdateRules.ActionFor(previous, value),
            Value = value.Value,
            Previous = previous?.Value,
            WeightThen = row.Weight,
            Category = row.Category,
            DeltaManhours = MilestoneUpdateRules.DeltaManhours(component.BudgetedManhours, row.Weight, previous, value),
            RollbackReason = reason,
            RollbackDetails = details,
            UserId = user,
            OccurredAt = at,
            RecordedAt = at,
        };

    /// <summary>IMP-044 attribute names, as an import of the same takeoff row would store them.</summary>
    private static string AttributesOf(Part part)
    {
        var attributes = new Dictionary<string, string>(6, StringComparer.Ordinal);
        if (part.Spec.Length > 0)
        {
            attributes["spec"] = part.Spec;
        }
        attributes["description"] = part.Description;
        if (part.SizeWritten.Length > 0)
        {
            attributes["size"] = part.SizeWritten;
        }
        attributes["cmdty_code"] = part.Code;
        attributes["original_qty"] = part.Quantity;
        return JsonSerializer.Serialize(attributes, JsonOptions);
    }
}
