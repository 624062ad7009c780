using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Templates;

/// <summary>TRK-021 default templates, TRK-022 category always set, TRK-023 the 65 copied rows.</summary>
public sealed class DefaultTemplatesTests
{
    private const MilestoneKind D = MilestoneKind.Discrete;
    private const MilestoneKind P = MilestoneKind.Partial;
    private const MilestoneCategory R = MilestoneCategory.Receive;
    private const MilestoneCategory I = MilestoneCategory.Install;
    private const MilestoneCategory Pu = MilestoneCategory.Punch;
    private const MilestoneCategory T = MilestoneCategory.Test;
    private const MilestoneCategory Rs = MilestoneCategory.Restore;

    public static TheoryData<ComponentType> Types => [.. ComponentTypes.All];

    [Theory]
    [MemberData(nameof(Types))]
    public void TRK021_every_template_sums_to_100(ComponentType type) =>
        Assert.Equal(100, DefaultTemplates.For(type).Sum(r => r.Weight));

    [Theory]
    [MemberData(nameof(Types))]
    public void TRK022_every_row_has_a_category(ComponentType type) =>
        Assert.All(DefaultTemplates.For(type), r => Assert.True(MilestoneCategories.IsDefined(r.Category)));

    [Theory]
    [MemberData(nameof(Types))]
    public void TRK021_names_are_unique_within_a_template(ComponentType type) =>
        Assert.Equal(DefaultTemplates.For(type).Count, DefaultTemplates.For(type).Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void TRK023_a_new_project_copies_65_rows()
    {
        var rows = DefaultTemplates.AllRows().ToList();
        Assert.Equal(65, rows.Count);
        Assert.Equal(12, rows.Select(r => r.Type).Distinct().Count());
        Assert.All(rows.GroupBy(r => r.Type), g => Assert.Equal(Enumerable.Range(1, g.Count()), g.Select(r => r.Order)));
    }

    [Fact]
    public void TRK021_spool_pins_the_spec_table() => AssertRows(ComponentType.Spool,
        ("Receive", 5, D, R, false), ("Erect", 40, D, I, false), ("Connect", 40, D, I, false),
        ("Punch", 5, D, Pu, false), ("Test", 5, D, T, false), ("Restore", 5, D, Rs, false));

    [Fact]
    public void TRK021_field_weld_pins_the_spec_table() => AssertRows(ComponentType.FieldWeld,
        ("Fit-up", 10, D, I, false), ("Weld Complete", 60, D, I, true), ("Punch", 10, D, Pu, false),
        ("Test", 15, D, T, false), ("Restore", 5, D, Rs, false));

    [Theory]
    [InlineData(ComponentType.Valve)]
    [InlineData(ComponentType.Fitting)]
    [InlineData(ComponentType.Flange)]
    [InlineData(ComponentType.Instrument)]
    [InlineData(ComponentType.Support)]
    [InlineData(ComponentType.Tubing)]
    [InlineData(ComponentType.Hose)]
    [InlineData(ComponentType.MiscComponent)]
    public void TRK021_discrete_types_pin_the_spec_table(ComponentType type) => AssertRows(type,
        ("Receive", 10, D, R, false), ("Install", 60, D, I, false), ("Punch", 10, D, Pu, false),
        ("Test", 15, D, T, false), ("Restore", 5, D, Rs, false));

    [Fact]
    public void TRK021_pipe_pins_the_spec_table() => AssertRows(ComponentType.Pipe,
        ("Receive", 5, P, R, false), ("Erect", 30, P, I, false), ("Connect", 30, P, I, false),
        ("Support", 20, P, I, false), ("Punch", 5, D, Pu, false), ("Test", 5, D, T, false), ("Restore", 5, D, Rs, false));

    [Fact]
    public void TRK021_threaded_pipe_pins_the_spec_table() => AssertRows(ComponentType.ThreadedPipe,
        ("Fabricate", 16, P, I, false), ("Erect", 20, P, I, false), ("Connect", 20, P, I, false),
        ("Support", 24, P, I, false), ("Punch", 5, D, Pu, false), ("Test", 10, D, T, false), ("Restore", 5, D, Rs, false));

    [Fact]
    public void TRK021_only_weld_complete_requires_a_welder() =>
        Assert.Equal(["Weld Complete"], DefaultTemplates.AllRows().Where(r => r.Row.RequiresWelder).Select(r => r.Row.Name).Distinct());

    [Fact]
    public void TRK022_a_row_without_a_category_cannot_be_built() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemplateRow("Receive", 10, D, default));

    [Fact]
    public void TRK022_a_copy_keeps_the_category() =>
        Assert.Equal(MilestoneCategory.Install, new TemplateRow("Erect", 40, D, I).WithWeight(30).Category);

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void TRK024_a_row_weight_is_0_to_100(int weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemplateRow("Receive", weight, D, R));

    [Fact]
    public void TRK021_names_are_matched_exactly()
    {
        var rows = DefaultTemplates.For(ComponentType.FieldWeld);
        Assert.NotNull(DefaultTemplates.Find(rows, "Fit-up"));
        Assert.Null(DefaultTemplates.Find(rows, "Fit-Up"));
        Assert.Null(DefaultTemplates.Find(rows, "Fit up"));
        Assert.Null(DefaultTemplates.Find(rows, "weld complete"));
    }

    [Theory]
    [InlineData(MilestoneCategory.Receive, "receive")]
    [InlineData(MilestoneCategory.Install, "install")]
    [InlineData(MilestoneCategory.Punch, "punch")]
    [InlineData(MilestoneCategory.Test, "test")]
    [InlineData(MilestoneCategory.Restore, "restore")]
    public void TRK021_category_codes_are_stable(MilestoneCategory category, string code) =>
        Assert.Equal(code, category.Code());

    private static void AssertRows(ComponentType type, params (string Name, int Weight, MilestoneKind Kind, MilestoneCategory Category, bool RequiresWelder)[] expected)
    {
        var actual = DefaultTemplates.For(type).Select(r => (r.Name, r.Weight, r.Kind, r.Category, r.RequiresWelder)).ToArray();
        Assert.Equal(expected, actual);
    }
}
