using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;

namespace PipeTrak.Tests.Demo;

/// <summary>Issue 3 item 9: the demo generator is deterministic and every row obeys the tracking rules.</summary>
public sealed partial class DemoDataTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Org = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Project = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid[] Users = [Guid.Parse("00000000-0000-0000-0000-0000000000c1"), Guid.Parse("00000000-0000-0000-0000-0000000000c2")];

    private static readonly Lazy<Generated> Default = new(() => Generate(DemoData.DefaultComponents, DemoData.DefaultSeed));

    private sealed record Generated(DemoData Data, List<DemoBatch> Batches)
    {
        public IEnumerable<Component> Components => Batches.SelectMany(b => b.Components);
        public IEnumerable<MilestoneValueRow> Values => Batches.SelectMany(b => b.Values);
        public IEnumerable<MilestoneEvent> Events => Batches.SelectMany(b => b.Events);
        public IEnumerable<Weld> Welds => Batches.SelectMany(b => b.Welds);
    }

    private static Generated Generate(int components, int seed)
    {
        var next = 0;
        var data = DemoData.Create(new DemoDataOptions(Org, Project, Users, Now)
        {
            Components = components,
            Seed = seed,
            NewId = () => new Guid(Interlocked.Increment(ref next), 0, 0, new byte[8]),
        });
        return new Generated(data, [.. data.Batches()]);
    }

    /// <summary>Every field of every generated row, in order.</summary>
    private static string Fingerprint(Generated g)
    {
        var text = new StringBuilder();
        foreach (var a in g.Data.Areas)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"A {a.Id} {a.Name} {a.Description}");
        }
        foreach (var p in g.Data.Packages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"P {p.Id} {p.Name} {p.Description} {p.TestType} {p.TestPressure} {p.TargetDate:O} {p.RequiresCoating} {p.RequiresInsulation}");
        }
        foreach (var s in g.Data.Stages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"S {s.Id} {s.PackageId} {s.Number} {s.Kind}");
        }
        foreach (var b in g.Batches)
        {
            var d = b.Drawing;
            text.AppendLine(CultureInfo.InvariantCulture, $"D {d.Id} {d.Number} {d.Title} {d.Revision} {d.AreaId} {d.SystemId} {d.PackageId}");
            foreach (var c in b.Components)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"C {c.Id} {c.Type} {c.IdentityKey} {c.Attributes} {c.Percent} {c.BudgetedManhours} {c.ManhourWeight} {c.RetiredAt:O} {c.RetiredReason} {c.Version}");
            }
            foreach (var v in b.Values)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"V {v.ComponentId} {v.Milestone} {v.Value.Value} {v.SetByUserId} {v.SetAt:O}");
            }
            foreach (var w in b.Welds)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"W {w.Id} {w.ComponentId} {w.Number} {w.Size} {w.Schedule} {w.XRayPercent} {w.CreatedAt:O}");
            }
            foreach (var e in b.Events)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"E {e.Id} {e.ComponentId} {e.Milestone} {e.Action} {e.Value} {e.Previous} {e.DeltaManhours} {e.RollbackReason} {e.UserId} {e.OccurredAt:O}");
            }
        }
        return text.ToString();
    }

    [Fact]
    public void Same_seed_generates_identical_data()
    {
        Assert.Equal(Fingerprint(Generate(1_500, 42)), Fingerprint(Generate(1_500, 42)));
    }

    [Fact]
    public void Another_seed_generates_different_data()
    {
        Assert.NotEqual(Fingerprint(Generate(1_500, 42)), Fingerprint(Generate(1_500, 43)));
    }

    [Fact]
    public void Default_project_has_at_least_50_drawings_and_its_exact_component_count()
    {
        var g = Default.Value;
        Assert.True(g.Batches.Count >= 50, $"{g.Batches.Count} drawings");
        Assert.Equal(DemoData.DefaultComponents, g.Components.Count());
        Assert.True(DemoData.DefaultComponents >= 1_000);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(250)]
    [InlineData(999)]
    [InlineData(7_351)]
    public void Component_count_is_exactly_the_one_asked_for(int components)
    {
        var g = Generate(components, 3);
        Assert.Equal(components, g.Components.Count());
        Assert.Equal(DemoData.DrawingCountFor(components), g.Batches.Count);
    }

    [Fact]
    public void A_million_components_spread_over_10000_drawings()
    {
        Assert.Equal(10_000, DemoData.DrawingCountFor(1_000_000));
        Assert.Equal(50, DemoData.DrawingCountFor(1_000));
    }

    [Fact]
    public void TRK010_all_12_types_are_present_and_active()
    {
        var types = Default.Value.Components.Where(c => !c.IsRetired).Select(c => c.Type).Distinct().ToHashSet();
        Assert.Equal(ComponentTypes.All.ToHashSet(), types);
        Assert.Equal(12, types.Count);
    }

    [Fact]
    public void TRK011_identities_are_unique_per_type_among_active_components()
    {
        var keys = Default.Value.Components.Where(c => !c.IsRetired).Select(c => (c.Type, c.IdentityKey)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void TRK010_identities_are_built_like_an_import_would_build_them()
    {
        foreach (var b in Default.Value.Batches)
        {
            foreach (var c in b.Components)
            {
                var attributes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(c.Attributes)!;
                var code = attributes["cmdty_code"];
                var size = attributes.GetValueOrDefault("size");
                var expected = c.Type.IdentityKind() switch
                {
                    IdentityKind.Spool => ComponentIdentity.ForSpool(code),
                    IdentityKind.FieldWeld => ComponentIdentity.ForWeld(code),
                    IdentityKind.Aggregate => ComponentIdentity.ForAggregate(b.Drawing.Number, size, code),
                    _ => ComponentIdentity.ForCounted(b.Drawing.Number, code, size, int.Parse(c.IdentityKey.Split('|')[^1], CultureInfo.InvariantCulture)),
                };
                Assert.Equal(expected, c.IdentityKey);
            }
        }
    }

    [Fact]
    public void TRK014_drawing_numbers_are_realistic_and_unique()
    {
        var numbers = Default.Value.Batches.Select(b => b.Drawing.Number).ToList();
        Assert.All(numbers, n => Assert.Matches(DrawingNumberPattern(), n));
        Assert.Equal(numbers.Count, numbers.Select(DrawingNumber.Normalize).Distinct().Count());
        Assert.Equal("P-1001-01", numbers[0]);
    }

    [Fact]
    public void TRK032_every_percent_is_ProgressRules_over_the_stored_values()
    {
        var g = Default.Value;
        var values = g.Values.GroupBy(v => v.ComponentId).ToDictionary(x => x.Key, x => x.ToDictionary(v => v.Milestone, v => v.Value, StringComparer.Ordinal));
        foreach (var c in g.Components)
        {
            var stored = values.GetValueOrDefault(c.Id) ?? [];
            Assert.Equal(ProgressRules.PercentComplete(DefaultTemplates.For(c.Type), stored), c.Percent);
        }
        // Plausible states: some untouched, some complete, most in between.
        Assert.Contains(g.Components, c => !c.IsRetired && c.Percent == 0);
        Assert.Contains(g.Components, c => c.Percent == 100);
        Assert.Contains(g.Components, c => c.Percent is > 0 and < 100);
    }

    [Fact]
    public void TRK020_values_respect_their_kind_and_the_template_order()
    {
        var g = Default.Value;
        var byComponent = g.Values.ToLookup(v => v.ComponentId);
        foreach (var c in g.Components)
        {
            var template = DefaultTemplates.For(c.Type);
            var stored = byComponent[c.Id].ToDictionary(v => v.Milestone, v => v.Value.Value, StringComparer.Ordinal);
            Assert.All(stored.Keys, name => Assert.NotNull(DefaultTemplates.Find(template, name)));
            var open = false;
            foreach (var row in template)
            {
                var value = stored.GetValueOrDefault(row.Name);
                if (row.IsDiscrete)
                {
                    Assert.True(value is 0 or 100, $"{c.IdentityKey} {row.Name} = {value}");
                }
                // Work is done in order: after the first unfinished milestone nothing is started.
                Assert.False(open && value > 0, $"{c.IdentityKey}: {row.Name} set after an unfinished milestone");
                open |= value < 100;
            }
        }
        Assert.Contains(g.Values, v => v.Value.Value is > 0 and < 100);
    }

    [Fact]
    public void TRK048_no_field_weld_is_weld_complete_without_a_welder()
    {
        var welds = Default.Value.Components.Where(c => c.Type == ComponentType.FieldWeld).Select(c => c.Id).ToHashSet();
        Assert.DoesNotContain(Default.Value.Values, v => welds.Contains(v.ComponentId) && v.Milestone == DefaultTemplates.WeldComplete && v.Value.Value > 0);
        Assert.Contains(Default.Value.Values, v => welds.Contains(v.ComponentId) && v.Milestone == DefaultTemplates.FitUp && v.Value.IsComplete);
    }

    [Fact]
    public void TRK043_events_are_recent_and_shaped_like_milestone_commands()
    {
        var g = Default.Value;
        var components = g.Components.ToDictionary(c => c.Id);
        var events = g.Events.ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            var c = components[e.ComponentId];
            var row = DefaultTemplates.Find(DefaultTemplates.For(c.Type), e.Milestone)!;
            Assert.True(e.OccurredAt <= Now && e.OccurredAt >= Now.AddDays(-DemoData.RecentDays - 3), e.OccurredAt.ToString("O"));
            var previous = e.Previous is { } p ? MilestoneValue.Create(p) : (MilestoneValue?)null;
            Assert.Equal(MilestoneUpdateRules.ActionFor(previous, MilestoneValue.Create(e.Value)), e.Action);
            Assert.Equal(MilestoneUpdateRules.DeltaManhours(c.BudgetedManhours, row.Weight, previous, MilestoneValue.Create(e.Value)), e.DeltaManhours);
            Assert.Equal(row.Weight, e.WeightThen);
            Assert.Equal(row.Category, e.Category);
            Assert.Contains(e.UserId, Users);
            if (e.Action == MilestoneEventAction.Rollback)
            {
                Assert.Null(RollbackReasons.Validate(e.RollbackReason, e.RollbackDetails));
            }
        });
        Assert.Contains(events, e => e.Action == MilestoneEventAction.Rollback);
        Assert.Contains(events, e => e.Action == MilestoneEventAction.Update);
    }

    [Fact]
    public void TRK043_the_last_event_of_a_milestone_gives_its_stored_value()
    {
        var g = Default.Value;
        var stored = g.Values.ToDictionary(v => (v.ComponentId, v.Milestone), v => v.Value.Value);
        foreach (var last in g.Events.GroupBy(e => (e.ComponentId, e.Milestone)).Select(x => x.OrderBy(e => e.OccurredAt).Last()))
        {
            Assert.Equal(stored[(last.ComponentId, last.Milestone)], last.Value);
        }
    }

    [Fact]
    public void TRK060_some_components_are_retired_with_a_reason_and_no_progress_or_budget()
    {
        var g = Default.Value;
        var retired = g.Components.Where(c => c.IsRetired).ToList();
        Assert.NotEmpty(retired);
        var withValues = g.Values.Select(v => v.ComponentId).ToHashSet();
        Assert.All(retired, c =>
        {
            Assert.Null(ComponentRules.ValidateRetireReason(c.RetiredReason));
            Assert.DoesNotContain(c.Id, withValues);
            Assert.Equal(0m, c.BudgetedManhours);
            Assert.Equal(0m, c.Percent);
        });
    }

    [Fact]
    public void TRK094_budgets_are_the_distribution_of_the_total_over_the_weights()
    {
        var g = Default.Value;
        var components = g.Components.ToList();
        var weights = components.Select(c => c.IsRetired ? 0d : WeightOf(c)).ToArray();
        var expected = ManhourDistribution.Distribute(g.Data.TotalBudgetedManhours, weights);
        Assert.Equal(expected.Budgeted, components.Select(c => c.BudgetedManhours).ToArray());
        Assert.True(Math.Abs(expected.Residue(g.Data.TotalBudgetedManhours)) < 0.01m * components.Count);
        Assert.All(components.Where(c => !c.IsRetired), c => Assert.True(c.BudgetedManhours > 0));
    }

    [Fact]
    public void TRK072_components_carry_their_drawings_area_system_and_package()
    {
        foreach (var b in Default.Value.Batches)
        {
            Assert.All(b.Components, c =>
            {
                Assert.Equal(b.Drawing.Id, c.DrawingId);
                Assert.Equal(b.Drawing.AreaId, c.AreaId);
                Assert.Equal(b.Drawing.SystemId, c.SystemId);
                Assert.Equal(b.Drawing.PackageId, c.PackageId);
            });
        }
        var packages = Default.Value.Batches.Select(b => b.Drawing.PackageId).ToList();
        Assert.Contains(null, packages); // "Not Assigned" exists in package roll-ups (TRK-053).
        Assert.True(packages.Distinct().Count() > 4);
    }

    [Fact]
    public void Every_row_belongs_to_the_organization_and_project()
    {
        var g = Default.Value;
        Assert.All(g.Components, c => Assert.Equal((Org, Project), (c.OrganizationId, c.ProjectId)));
        Assert.All(g.Values, v => Assert.Equal((Org, Project), (v.OrganizationId, v.ProjectId)));
        Assert.All(g.Events, e => Assert.Equal((Org, Project), (e.OrganizationId, e.ProjectId)));
        Assert.All(g.Batches, b => Assert.Equal((Org, Project), (b.Drawing.OrganizationId, b.Drawing.ProjectId)));
    }

    [Fact]
    public void Options_outside_the_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoData.Create(new DemoDataOptions(Org, Project, Users, Now) { Components = 11 }));
        Assert.Throws<ArgumentException>(() => DemoData.Create(new DemoDataOptions(Org, Project, [], Now)));
    }

    [Theory]
    [InlineData(new string[0], 1200, 2026, false)]
    [InlineData(new[] { "--components", "1000000", "--seed", "7" }, 1_000_000, 7, false)]
    [InlineData(new[] { "--components", "1,000,000", "--api-token" }, 1_000_000, 2026, true)]
    [InlineData(new[] { "--seed", "-3" }, 1200, -3, false)]
    public void Command_options_are_parsed(string[] args, int components, int seed, bool token)
    {
        var (options, error) = DemoCommandOptions.Parse(args);
        Assert.Null(error);
        Assert.Equal((components, seed, token), (options!.Components, options.Seed, options.ApiToken));
        Assert.Equal(OrgRole.Foreman, options.ApiTokenRole);
    }

    [Theory]
    [InlineData("pm", OrgRole.ProjectManager)]
    [InlineData("OWNER", OrgRole.Owner)]
    [InlineData("qc", OrgRole.QcInspector)]
    public void Api_token_role_picks_the_demo_user_and_implies_a_token(string name, OrgRole role)
    {
        var (options, error) = DemoCommandOptions.Parse(["--components", "2000", "--api-token-role", name]);
        Assert.Null(error);
        Assert.Equal((true, role, 2000), (options!.ApiToken, options.ApiTokenRole, options.Components));
    }

    [Theory]
    [InlineData("--components", "lots")]
    [InlineData("--components", "5")]
    [InlineData("--components")]
    [InlineData("--seed", "x")]
    [InlineData("--rows", "5")]
    [InlineData("--api-token-role", "boss")]
    [InlineData("--api-token-role")]
    public void Bad_command_options_say_what_to_fix(params string[] args)
    {
        var (options, error) = DemoCommandOptions.Parse(args);
        Assert.Null(options);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Contains(args[0], error);
    }

    [Fact]
    public void WLD001_every_field_weld_has_one_unwelded_weld_record_numbered_like_its_identity()
    {
        var g = Default.Value;
        var fieldWelds = g.Components.Where(c => c.Type == ComponentType.FieldWeld).ToDictionary(c => c.Id);
        Assert.Equal(fieldWelds.Keys.Order(), g.Welds.Select(w => w.ComponentId).Order());
        Assert.All(g.Welds, w =>
        {
            Assert.Equal(ComponentIdentity.ForWeld(w.Number), fieldWelds[w.ComponentId].IdentityKey);
            Assert.Equal(WeldSort.Key(w.Number), w.SortKey);
            Assert.Null(w.WelderId);
            Assert.Null(w.NdeResult);
            Assert.Equal(WeldStatus.Active, w.Status);
            Assert.Contains(w.XRayPercent, new[] { 5m, 10m, 100m });
        });
        // WLD-051: "the newest weld" is well defined: creation times are distinct and never in the future.
        Assert.Equal(g.Welds.Count(), g.Welds.Select(w => w.CreatedAt).Distinct().Count());
        Assert.All(g.Welds, w => Assert.True(w.CreatedAt <= Now));
    }

    [Fact]
    public void WLD057_generated_retired_welds_have_their_retire_event_with_reason_and_snapshot()
    {
        var g = Generate(5_000, 7);
        var components = g.Components.ToDictionary(c => c.Id);
        var retired = g.Welds.Where(w => components[w.ComponentId].IsRetired).ToList();
        var events = g.Batches.SelectMany(b => b.WeldEvents).ToList();
        Assert.NotEmpty(retired);
        Assert.Equal(retired.Select(w => w.Id).Order(), events.Select(e => e.WeldId).Order());
        var byId = retired.ToDictionary(w => w.Id);
        Assert.All(events, e =>
        {
            var component = components[byId[e.WeldId].ComponentId];
            Assert.Equal(WeldEventActions.Retire, e.Action);
            Assert.Equal(component.RetiredAt, e.OccurredAt);
            Assert.Equal(component.RetiredReason, e.Details);
            Assert.Contains(byId[e.WeldId].Number, e.Snapshot, StringComparison.Ordinal);
            Assert.True(e.Details!.Trim().Length >= WeldRules.RetireReasonMin);
        });
    }

    [Fact]
    public void PKG050_every_package_has_a_test_type_and_the_stages_it_gives()
    {
        var g = Default.Value;
        foreach (var package in g.Data.Packages)
        {
            Assert.Empty(PackageRules.Validate(new PackageInput(package.Name, package.Description, package.TestType.ToString(), null, package.TestPressure, "PSIG")));
            var kinds = g.Data.Stages.Where(s => s.PackageId == package.Id).OrderBy(s => s.Number).ToList();
            Assert.Equal(Workflow.Stages(package.TestType, package.RequiresCoating, package.RequiresInsulation), kinds.Select(s => s.Kind));
            Assert.Equal(Enumerable.Range(1, kinds.Count), kinds.Select(s => s.Number));
            Assert.All(kinds, s => Assert.Equal(StageStatus.NotStarted, s.Status));
        }
        Assert.Equal(g.Data.Packages.Count, g.Data.Packages.Select(p => p.Name.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void PKG032_the_ready_part_way_and_final_packages_own_one_complete_drawing_and_the_empty_one_none()
    {
        var g = Default.Value;
        var roles = g.Data.Roles;
        foreach (var package in new[] { roles.Ready, roles.PartWay, roles.Final })
        {
            Assert.NotNull(package);
            var batch = Assert.Single(g.Batches, b => b.Drawing.PackageId == package.Id);
            // Everything complete but the field welds, which wait at Fit-up for the scenario's welder and NDE.
            Assert.All(batch.Components.Where(c => !c.IsRetired), c => Assert.Equal(c.Type == ComponentType.FieldWeld ? 10m : 100m, c.Percent));
        }
        Assert.DoesNotContain(g.Batches, b => b.Drawing.PackageId == roles.Empty.Id);
        Assert.All(roles.Regular, p => Assert.Contains(g.Batches, b => b.Drawing.PackageId == p.Id));
    }

    [Fact]
    public void Small_projects_have_no_special_packages_but_still_an_empty_one()
    {
        var g = Generate(40, 3);
        Assert.Null(g.Data.Roles.Ready);
        Assert.NotNull(g.Data.Roles.Empty);
        Assert.Equal(g.Data.Roles.Regular.Count + 1, g.Data.Packages.Count);
    }

    private static double WeightOf(Component c)
    {
        var attributes = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(c.Attributes)!;
        var size = attributes.GetValueOrDefault("size");
        decimal? feet = c.Type.IsAggregate() ? decimal.Parse(attributes["original_qty"], CultureInfo.InvariantCulture) : null;
        return ManhourWeights.For(c.Type, c.IdentityKey, size, SizeNormalizer.Normalize(size), feet).Weight;
    }

    [GeneratedRegex(@"^P-\d{4}-0[12]$")]
    private static partial Regex DrawingNumberPattern();
}
