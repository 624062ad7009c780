using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Tests.Templates;

/// <summary>TRK-024 edit weights (checks in order), TRK-025 concurrency message.</summary>
public sealed class TemplateWeightsTests
{
    private static readonly IReadOnlyList<TemplateRow> Spool = DefaultTemplates.For(ComponentType.Spool);

    private static SubmittedWeight[] All(params int[] weights) =>
        Spool.Select((r, i) => new SubmittedWeight(r.Name, weights[i])).ToArray();

    [Fact]
    public void TRK024_no_weights_supplied()
    {
        Assert.Equal("No weights supplied", TemplateWeights.Apply(Spool, []).Error);
        Assert.Equal("No weights supplied", TemplateWeights.Apply(Spool, null).Error);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("10.5")]
    public void TRK024_each_weight_is_a_whole_number_0_to_100(string weight) =>
        Assert.Equal("Weight must be a whole number between 0 and 100",
            TemplateWeights.Apply(Spool, [new SubmittedWeight("Nope", decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture))]).Error);

    [Fact]
    public void TRK024_each_name_exists_exactly() =>
        Assert.Equal("Invalid milestone name: erect", TemplateWeights.Apply(Spool, [new SubmittedWeight("erect", 40)]).Error);

    [Fact]
    public void TRK024_weights_must_sum_to_100() =>
        Assert.Equal("Weights must sum to 100% (current: 105)", TemplateWeights.Apply(Spool, All(10, 40, 40, 5, 5, 5)).Error);

    [Fact]
    public void TRK024_only_weights_change_and_0_is_allowed()
    {
        var (rows, error) = TemplateWeights.Apply(Spool, All(0, 45, 40, 5, 5, 5));
        Assert.Null(error);
        Assert.Equal([0, 45, 40, 5, 5, 5], rows!.Select(r => r.Weight));
        Assert.Equal(Spool.Select(r => (r.Name, r.Kind, r.Category, r.RequiresWelder)), rows!.Select(r => (r.Name, r.Kind, r.Category, r.RequiresWelder)));
        Assert.Equal(5, Spool[0].Weight); // defaults untouched
    }

    [Fact]
    public void TRK024_range_is_checked_before_names() =>
        Assert.Equal("Weight must be a whole number between 0 and 100", TemplateWeights.Apply(Spool, [new SubmittedWeight("Nope", 101)]).Error);

    [Fact]
    public void TRK025_concurrency_message() =>
        Assert.Equal("Rules of credit for Field Weld were changed by another user. Reload to see the current weights.",
            TemplateWeights.ConcurrencyMessage(ComponentType.FieldWeld));

    [Fact]
    public void TRK021_defaults_cannot_be_changed_through_a_cast() =>
        Assert.False(DefaultTemplates.For(ComponentType.Spool) is TemplateRow[]);
}
