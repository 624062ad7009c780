using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Manhours;

/// <summary>TRK-091..097: budgets, diameters, weights, distribution, earned value, category budgets.</summary>
public sealed class ManhourRulesTests
{
    private static decimal D(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("HALF", "0.5")]
    [InlineData("half", "0.5")]
    [InlineData("6", "6")]
    [InlineData("6\"", "6")]
    [InlineData("2.5", "2.5")]
    [InlineData("3/4", "0.75")]
    [InlineData("3/4\"", "0.75")]
    [InlineData("3X4", "0.75")]
    [InlineData("1X2", "0.5")]
    [InlineData("1 1/2", "1.5")]
    [InlineData("1 1/2\"", "1.5")]
    [InlineData("1-1/2", "1.5")]
    [InlineData("1-1X2", "1.5")]
    [InlineData("4X2", "3")]
    [InlineData("4x2", "3")]
    [InlineData("4\" x 2\"", "3")]
    [InlineData("6X6", "6")]
    [InlineData("2x1-1/2", "1.75")]
    [InlineData("2x1 1/2", "1.75")]
    [InlineData("3/4x1/2", "0.625")]
    [InlineData("3X4X1X2", "0.625")]
    [InlineData("2X1-1X2", "1.75")]
    public void TRK092_diameters_parse(string size, string expected) =>
        Assert.Equal(D(expected), DiameterParser.Parse(size));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("NOSIZE")]
    [InlineData("1/0")]
    [InlineData("1X2X3X4X5")]
    [InlineData("DN50")]
    [InlineData("abc")]
    [InlineData("2X")]
    [InlineData("1/2x3/4")]   // a reducer needs A ≥ B
    [InlineData("2X1X1X1")]
    [InlineData("-2")]
    [InlineData("0")]
    public void TRK092_anything_else_is_unparseable(string? size) =>
        Assert.Null(DiameterParser.Parse(size));

    [Fact]
    public void TRK093_spec_weights()
    {
        Assert.Equal(14.6969m, ManhourWeights.For(ComponentType.Fitting, "F", 6m).Stored);
        Assert.Equal(2.8284m, ManhourWeights.For(ComponentType.Valve, "V", 2m).Stored);
        Assert.Equal(4.0m, ManhourWeights.For(ComponentType.ThreadedPipe, "T", 1m, 40m).Stored);
    }

    [Fact]
    public void TRK093_no_usable_size_falls_back_to_half_with_a_warning()
    {
        var weight = ManhourWeights.For(ComponentType.Spool, "SP-001", null);
        Assert.Equal(0.5, weight.Weight);
        Assert.Equal("SP-001: no usable size, fallback weight 0.5", weight.Warning);
        Assert.Equal(weight, ManhourWeights.For(ComponentType.Spool, "SP-001", null, "NOSIZE"));
    }

    [Fact]
    public void TRK093_pipe_without_linear_feet_warns()
    {
        var weight = ManhourWeights.For(ComponentType.Pipe, "ISO-7-4-CS-AGG", 4m, 0m);
        Assert.Equal(8.0, weight.Weight, 10);
        Assert.Equal("ISO-7-4-CS-AGG: no linear feet", weight.Warning);
        Assert.Equal("ISO-7-4-CS-AGG: no linear feet", ManhourWeights.For(ComponentType.Pipe, "ISO-7-4-CS-AGG", 4m).Warning);
    }

    [Fact]
    public void TRK093_pipe_with_linear_feet()
    {
        var weight = ManhourWeights.For(ComponentType.Pipe, "P", 4m, 12.5m);
        Assert.Equal(8.0 * 12.5 * 0.1, weight.Weight, 10);
        Assert.Null(weight.Warning);
    }

    [Fact]
    public void TRK092_written_size_comes_first_then_the_identity_size()
    {
        Assert.Equal(14.6969m, ManhourWeights.For(ComponentType.Fitting, "F", "6\"", "2").Stored);
        Assert.Equal(2.8284m, ManhourWeights.For(ComponentType.Fitting, "F", null, "2").Stored);
        Assert.Equal(0.75m, DiameterParser.Parse("3X4"));
    }

    [Fact]
    public void TRK094_spec_example_500_MH()
    {
        var weights = new[]
        {
            ManhourWeights.For(ComponentType.Fitting, "F", 6m),
            ManhourWeights.For(ComponentType.Valve, "V", 2m),
            ManhourWeights.For(ComponentType.ThreadedPipe, "T", 1m, 40m),
            ManhourWeights.For(ComponentType.Spool, "S", null),
        };
        var result = ManhourDistribution.Distribute(500m, weights.Select(w => w.Weight).ToArray());
        Assert.True(result.Succeeded);
        Assert.Equal([333.6367m, 64.2084m, 90.8044m, 11.3505m], result.Budgeted);
        Assert.Single(weights, w => w.Warning is not null);
        Assert.Equal(0m, result.Residue(500m));
    }

    [Fact]
    public void TRK094_each_share_is_rounded_to_4_dp_and_the_residue_stays_tiny()
    {
        var weights = Enumerable.Repeat(1.0, 3).ToArray();
        var result = ManhourDistribution.Distribute(100m, weights);
        Assert.Equal([33.3333m, 33.3333m, 33.3333m], result.Budgeted);
        Assert.Equal(0.0001m, result.Residue(100m));
    }

    [Fact]
    public void TRK094_residue_is_a_few_ten_thousandths_at_scale()
    {
        var random = new Random(42);
        var weights = Enumerable.Range(0, 10_000).Select(_ => 0.5 + (random.NextDouble() * 50)).ToArray();
        var result = ManhourDistribution.Distribute(123_456.789m, weights);
        Assert.All(result.Budgeted, b => Assert.Equal(b, Math.Round(b, 4)));
        Assert.True(Math.Abs(result.Residue(123_456.789m)) <= weights.Length * 0.00005m);
    }

    [Fact]
    public void TRK094_zero_weight_saves_nothing()
    {
        var result = ManhourDistribution.Distribute(100m, new double[] { 0, 0 });
        Assert.False(result.Succeeded);
        Assert.Equal("ZERO_WEIGHT", result.ErrorCode);
        Assert.Equal("No component has a usable weight", result.Error);
        Assert.Empty(result.Budgeted);
        Assert.Equal("ZERO_WEIGHT", ManhourDistribution.Distribute(100m, ReadOnlySpan<double>.Empty).ErrorCode);
    }

    [Fact]
    public void TRK094_rounding_is_half_away_from_zero()
    {
        // 1/8 of 0.0009 = 0.0001125 → 0.0001; 1/2 of 0.0001 = 0.00005 → 0.0001 (not banker's 0.0000)
        var result = ManhourDistribution.Distribute(0.0001m, new[] { 1.0, 1.0 });
        Assert.Equal([0.0001m, 0.0001m], result.Budgeted);
    }

    [Theory]
    [InlineData("0", "Revise", 5, "INVALID_BUDGET", "Total budgeted manhours must be greater than 0")]
    [InlineData("-1", "Revise", 5, "INVALID_BUDGET", "Total budgeted manhours must be greater than 0")]
    [InlineData("100", " ", 5, null, "Revision reason is required")]
    [InlineData("100", "Revise", 0, "NO_COMPONENTS", "Import components before creating a budget")]
    public void TRK091_budget_checks(string total, string reason, int components, string? code, string message)
    {
        var error = ManhourDistribution.ValidateBudget(D(total), reason, components);
        Assert.NotNull(error);
        Assert.Equal(code, error.Value.Code);
        Assert.Equal(message, error.Value.Message);
    }

    [Fact]
    public void TRK091_a_valid_budget_passes() => Assert.Null(ManhourDistribution.ValidateBudget(100m, "Initial", 1));

    [Fact]
    public void TRK095_additions_line() => Assert.Equal("Additions since v3: 12", ManhourDistribution.AdditionsSince(3, 12));

    [Fact]
    public void TRK096_earned_and_remaining()
    {
        Assert.Equal(3.76m, EarnedValue.Earned(8m, 47m));
        Assert.Equal(4.24m, EarnedValue.Remaining(8m, 47m));
    }

    [Fact]
    public void TRK096_project_earned_percent_is_2_dp_and_absent_without_a_budget()
    {
        Assert.Equal(33.33m, EarnedValue.ProjectEarnedPercent(100m, 300m));
        Assert.Equal(0.01m, EarnedValue.ProjectEarnedPercent(0.005m, 100m)); // 0.005 → 0.01, half away from zero
        Assert.Null(EarnedValue.ProjectEarnedPercent(100m, null));
        Assert.Null(EarnedValue.ProjectEarnedPercent(100m, 0m));
    }

    [Fact]
    public void TRK097_category_budgets_and_earned_add_up_to_the_component()
    {
        var template = DefaultTemplates.For(ComponentType.Pipe);
        var values = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal)
        {
            ["Receive"] = MilestoneValue.Complete,
            ["Erect"] = MilestoneValue.Create(33),
            ["Connect"] = MilestoneValue.Create(7),
            ["Punch"] = MilestoneValue.Complete,
        };
        const decimal budgeted = 12.3457m;
        var breakdown = EarnedValue.CategoryBreakdown(budgeted, template, values).ToList();
        var earned = EarnedValue.Earned(budgeted, ProgressRules.PercentComplete(template, values));
        Assert.True(Math.Abs(breakdown.Sum(b => b.Budget) - budgeted) <= 0.01m);
        Assert.True(Math.Abs(breakdown.Sum(b => b.Earned) - earned) <= 0.01m);
        Assert.Equal(5, breakdown.Count);
    }

    [Fact]
    public void TRK097_category_percent_divides_by_the_category_budget()
    {
        // A spool with 10 MH and only Erect done: install budget 8, install earned 4 → 50%, not 40%.
        var template = DefaultTemplates.For(ComponentType.Spool);
        var values = new Dictionary<string, MilestoneValue>(StringComparer.Ordinal) { ["Erect"] = MilestoneValue.Complete };
        var install = EarnedValue.CategoryBreakdown(10m, template, values).Single(b => b.Category == MilestoneCategory.Install);
        Assert.Equal(8m, install.Budget);
        Assert.Equal(4m, install.Earned);
        Assert.Equal(50m, EarnedValue.GroupPercent(install.Earned, install.Budget));
    }

    [Fact]
    public void TRK097_group_percent_is_absent_when_the_budget_is_0() =>
        Assert.Null(EarnedValue.GroupPercent(0m, 0m));

    [Fact]
    public void TRK097_a_weld_has_no_receive_category()
    {
        var breakdown = EarnedValue.CategoryBreakdown(10m, DefaultTemplates.For(ComponentType.FieldWeld), new Dictionary<string, MilestoneValue>());
        Assert.DoesNotContain(breakdown, b => b.Category == MilestoneCategory.Receive);
    }
}
