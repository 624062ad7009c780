using System.Text.Json;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Milestones;

/// <summary>TRK-030 formula, TRK-031 reading feeds it, TRK-033 incident guard, TRK-052 category completion.</summary>
public sealed class ProgressRulesTests
{
    public static TheoryData<ComponentType> Types => [.. ComponentTypes.All];

    private static Dictionary<string, MilestoneValue> Values(params (string Name, int Value)[] values) =>
        values.ToDictionary(v => v.Name, v => MilestoneValue.Create(v.Value), StringComparer.Ordinal);

    [Fact]
    public void TRK030_spec_example_pipe_is_47()
    {
        var values = Values(("Receive", 100), ("Erect", 100), ("Connect", 40), ("Support", 0));
        Assert.Equal(47.00m, ProgressRules.PercentComplete(DefaultTemplates.For(ComponentType.Pipe), values));
    }

    [Fact]
    public void TRK030_no_values_is_zero() =>
        Assert.Equal(0m, ProgressRules.PercentComplete(DefaultTemplates.For(ComponentType.Spool), Values()));

    [Fact]
    public void TRK030_discrete_credits_only_at_exactly_100()
    {
        var template = new[] { new TemplateRow("Install", 60, MilestoneKind.Discrete, MilestoneCategory.Install) };
        Assert.Equal(0m, ProgressRules.PercentComplete(template, Values(("Install", 99))));
        Assert.Equal(0m, ProgressRules.PercentComplete(template, Values(("Install", 1))));
        Assert.Equal(60m, ProgressRules.PercentComplete(template, Values(("Install", 100))));
    }

    [Fact]
    public void TRK030_partial_credits_weight_times_value_over_100()
    {
        var template = DefaultTemplates.For(ComponentType.ThreadedPipe);
        // Fabricate 16 × 33 / 100 = 5.28; Erect 20 × 1 / 100 = 0.2
        Assert.Equal(5.48m, ProgressRules.PercentComplete(template, Values(("Fabricate", 33), ("Erect", 1))));
    }

    [Fact]
    public void TRK030_stored_names_not_in_the_template_are_ignored()
    {
        var values = Values(("Receive", 100), ("Weld Complete", 100), ("receive", 100), ("LF", 100));
        Assert.Equal(5m, ProgressRules.PercentComplete(DefaultTemplates.For(ComponentType.Spool), values));
    }

    [Fact]
    public void TRK030_percent_keeps_2_dp_for_edited_weights()
    {
        // TRK-024 allows any weights summing to 100: 7 × 33 / 100 = 2.31.
        var template = new[]
        {
            new TemplateRow("Erect", 7, MilestoneKind.Partial, MilestoneCategory.Install),
            new TemplateRow("Test", 93, MilestoneKind.Discrete, MilestoneCategory.Test),
        };
        Assert.Equal(2.31m, ProgressRules.PercentComplete(template, Values(("Erect", 33))));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void TRK030_everything_at_100_is_100_percent(ComponentType type)
    {
        var template = DefaultTemplates.For(type);
        var values = template.ToDictionary(r => r.Name, _ => MilestoneValue.Complete, StringComparer.Ordinal);
        Assert.Equal(100m, ProgressRules.PercentComplete(template, values));
    }

    [Fact]
    public void TRK030_span_overload_matches_the_dictionary_one()
    {
        var template = DefaultTemplates.For(ComponentType.Pipe);
        MilestoneValue[] ordered = [MilestoneValue.Complete, MilestoneValue.Complete, MilestoneValue.Create(40)];
        Assert.Equal(47m, ProgressRules.PercentComplete(template, ordered));
    }

    // ---- TRK-033 incident guard --------------------------------------------------------------
    // The incident: after a scale change, completed discrete milestones stopped earning weight and
    // every project showed 0%. These tests feed every stored form of "complete" (the canonical
    // integer 100 and the legacy forms TRK-031 reads) through the one reader and the one function.

    public static IEnumerable<object[]> CompletedDiscreteMilestones()
    {
        foreach (var type in ComponentTypes.All)
        {
            foreach (var row in DefaultTemplates.For(type).Where(r => r.IsDiscrete))
            {
                yield return [type, row.Name];
            }
        }
    }

    private static readonly object?[] StoredCompleteForms =
    [
        100, 100L, 100m, 100.0, "100", true, "true",
        JsonDocument.Parse("100").RootElement, JsonDocument.Parse("true").RootElement,
    ];

    [Theory]
    [MemberData(nameof(CompletedDiscreteMilestones))]
    public void TRK033_a_completed_discrete_milestone_always_earns_its_full_weight(ComponentType type, string milestone)
    {
        var template = DefaultTemplates.For(type);
        var weight = DefaultTemplates.Find(template, milestone)!.Weight;
        foreach (var stored in StoredCompleteForms)
        {
            var values = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal) { [milestone] = MilestoneValue.Read(stored) };
            Assert.Equal(weight, ProgressRules.PercentComplete(template, values));
        }
    }

    [Fact]
    public void TRK033_a_project_of_completed_discrete_milestones_never_shows_0_percent()
    {
        // One component of every type with all its discrete milestones stored complete (as integers,
        // the storage form): the project mean is the mean of their discrete weights, never 0.
        var percents = ComponentTypes.All.Select(type =>
        {
            var template = DefaultTemplates.For(type);
            var stored = template.Where(r => r.IsDiscrete).ToDictionary(r => r.Name, _ => (object)100);
            var values = stored.ToDictionary(kv => kv.Key, kv => MilestoneValue.Read(kv.Value), StringComparer.Ordinal);
            return ProgressRules.PercentComplete(template, values);
        }).ToList();

        Assert.All(percents, p => Assert.True(p > 0));
        Assert.Equal(100m, percents[ComponentTypes.All.ToList().IndexOf(ComponentType.Spool)]);
        Assert.Equal(100m, percents[ComponentTypes.All.ToList().IndexOf(ComponentType.Valve)]);
        Assert.Equal(15m, percents[ComponentTypes.All.ToList().IndexOf(ComponentType.Pipe)]);
        Assert.Equal(20m, percents[ComponentTypes.All.ToList().IndexOf(ComponentType.ThreadedPipe)]);
    }

    [Theory]
    [MemberData(nameof(CompletedDiscreteMilestones))]
    public void TRK033_ticking_a_discrete_milestone_end_to_end_earns_its_full_weight(ComponentType type, string milestone)
    {
        // Command (API true → 100) → stored JSON map → tolerant read → the one progress function.
        var template = DefaultTemplates.For(type);
        var decision = MilestoneUpdateRules.Decide(new MilestoneUpdateRequest(
            type, template, false, milestone, MilestoneValue.FromBoolean(true).Value, null, HasWelder: true));
        Assert.True(decision.IsApplied);
        var stored = JsonSerializer.Serialize(new Dictionary<string, MilestoneValue> { [milestone] = decision.NewValue });
        var read = JsonSerializer.Deserialize<Dictionary<string, MilestoneValue>>(stored)!;
        Assert.Equal(decision.Row!.Weight, ProgressRules.PercentComplete(template, read));
    }

    [Fact]
    public void TRK033_complete_is_100_on_the_0_to_100_scale() =>
        Assert.Equal(100, MilestoneValue.Complete.Value);

    // ---- TRK-052 category completion --------------------------------------------------------

    [Fact]
    public void TRK052_spec_example_spool_with_only_erect_is_install_50()
    {
        var template = DefaultTemplates.For(ComponentType.Spool);
        Assert.Equal(50m, ProgressRules.CategoryCompletion(template, Values(("Erect", 100)), MilestoneCategory.Install));
    }

    [Fact]
    public void TRK052_a_category_without_weight_has_no_value()
    {
        var template = DefaultTemplates.For(ComponentType.FieldWeld); // no Receive milestone
        Assert.Null(ProgressRules.CategoryCompletion(template, Values(("Fit-up", 100)), MilestoneCategory.Receive));
    }

    [Fact]
    public void TRK052_a_category_whose_weights_are_all_0_has_no_value()
    {
        var template = new[]
        {
            new TemplateRow("Receive", 0, MilestoneKind.Discrete, MilestoneCategory.Receive),
            new TemplateRow("Install", 100, MilestoneKind.Discrete, MilestoneCategory.Install),
        };
        Assert.Null(ProgressRules.CategoryCompletion(template, Values(("Receive", 100)), MilestoneCategory.Receive));
    }

    [Fact]
    public void TRK052_partial_milestones_count_by_value()
    {
        // Pipe install: Erect 30, Connect 30, Support 20 = 80; Erect 50% + Connect 100% = 15 + 30 = 45 → 56.25
        var template = DefaultTemplates.For(ComponentType.Pipe);
        Assert.Equal(56.25m, ProgressRules.CategoryCompletion(template, Values(("Erect", 50), ("Connect", 100)), MilestoneCategory.Install));
        Assert.Equal(45m, ProgressRules.CategoryCredit(template, Values(("Erect", 50), ("Connect", 100)), MilestoneCategory.Install));
        Assert.Equal(80, ProgressRules.CategoryWeight(template, MilestoneCategory.Install));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void TRK052_category_weights_add_up_to_the_template(ComponentType type)
    {
        var template = DefaultTemplates.For(type);
        Assert.Equal(100, MilestoneCategories.All.Sum(c => ProgressRules.CategoryWeight(template, c)));
    }

    [Theory]
    [InlineData("47.5", 48)]
    [InlineData("46.5", 47)]
    [InlineData("47.49", 47)]
    [InlineData("0.5", 1)]
    public void TRK055_display_rounds_half_away_from_zero(string percent, int shown) =>
        Assert.Equal(shown, ProgressRules.Display(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture)));
}
