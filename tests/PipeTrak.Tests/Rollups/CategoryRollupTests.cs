using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Rollups;

/// <summary>TRK-052/053 count-mode category completion folded from grouped counts.</summary>
public sealed class CategoryRollupTests
{
    private static readonly Guid Group = Guid.Parse("0195f2a0-0000-7000-8000-0000000000aa");

    private static readonly TemplateRow[] ValveRows =
    [
        new("Receive", 50, MilestoneKind.Discrete, MilestoneCategory.Receive),
        new("Install", 50, MilestoneKind.Partial, MilestoneCategory.Install),
    ];

    private static IReadOnlyList<TemplateRow> Template(ComponentType type) => type == ComponentType.Valve ? ValveRows : DefaultTemplates.For(type);

    [Fact]
    public void TRK052_example_spool_with_only_erect_has_install_completion_50()
    {
        var result = CategoryRollup.Compute(Template,
            [new CategoryTypeCount(Group, ComponentType.Spool, 1)],
            [new CategoryValueCount(Group, ComponentType.Spool, "Erect", MilestoneValue.Complete, 1)]);
        Assert.Equal(50m, result[Group][MilestoneCategory.Install]);
        Assert.Equal(0m, result[Group][MilestoneCategory.Receive]);
    }

    [Fact]
    public void TRK053_category_percent_is_the_mean_over_components_having_the_category()
    {
        // 2 spools (install 50 and 100) and 2 valves (install 30 and 0); valves have no punch weight.
        var result = CategoryRollup.Compute(Template,
            [new CategoryTypeCount(Group, ComponentType.Spool, 2), new CategoryTypeCount(Group, ComponentType.Valve, 2)],
            [
                new CategoryValueCount(Group, ComponentType.Spool, "Erect", MilestoneValue.Complete, 2),
                new CategoryValueCount(Group, ComponentType.Spool, "Connect", MilestoneValue.Complete, 1),
                new CategoryValueCount(Group, ComponentType.Spool, "Punch", MilestoneValue.Complete, 1),
                new CategoryValueCount(Group, ComponentType.Valve, "Install", MilestoneValue.Create(30), 1),
                new CategoryValueCount(Group, ComponentType.Valve, "Unknown", MilestoneValue.Complete, 2),
            ]);
        var expectedInstall = (50m + 100m + 30m + 0m) / 4;
        Assert.Equal(expectedInstall, result[Group][MilestoneCategory.Install]);
        // Punch: only the spools have it (one at 100) → 50, valves left out.
        Assert.Equal(50m, result[Group][MilestoneCategory.Punch]);
    }

    [Fact]
    public void TRK052_partial_value_of_a_discrete_milestone_earns_nothing_and_no_component_means_null()
    {
        var result = CategoryRollup.Compute(Template,
            [new CategoryTypeCount(Group, ComponentType.Valve, 1)],
            [new CategoryValueCount(Group, ComponentType.Valve, "Receive", MilestoneValue.Create(50), 1)]);
        Assert.Equal(0m, result[Group][MilestoneCategory.Receive]);
        Assert.Null(result[Group][MilestoneCategory.Punch]);
    }
}
