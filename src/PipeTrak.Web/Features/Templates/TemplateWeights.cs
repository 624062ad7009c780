using System.Globalization;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Templates;

/// <summary>A submitted weight: the milestone name and the weight as received (decimal so fractions can be refused).</summary>
public readonly record struct SubmittedWeight(string Name, decimal Weight);

/// <summary>TRK-024 edit weights, TRK-025 concurrency message.</summary>
public static class TemplateWeights
{
    public const string NoWeightsMessage = "No weights supplied";
    public const string WeightRangeMessage = "Weight must be a whole number between 0 and 100";

    public static string InvalidNameMessage(string name) => $"Invalid milestone name: {name}";

    public static string SumMessage(int sum) => string.Create(CultureInfo.InvariantCulture, $"Weights must sum to 100% (current: {sum})");

    /// <summary>TRK-025: the template changed since the editor loaded it.</summary>
    public static string ConcurrencyMessage(ComponentType type) =>
        $"Rules of credit for {type.Label()} were changed by another user. Reload to see the current weights.";

    /// <summary>
    /// TRK-024: server checks in order: list not empty; each weight a whole number 0-100; each name
    /// exists (exact match); the sum is exactly 100. Only weights change: the result is the current
    /// rows, in order, with the submitted weights (a row not submitted keeps its weight, and the sum
    /// is checked over the resulting template). A weight of 0 is allowed.
    /// </summary>
    /// <returns>The new rows, or null with the first failure's message.</returns>
    public static (IReadOnlyList<TemplateRow>? Rows, string? Error) Apply(IReadOnlyList<TemplateRow> current, IReadOnlyList<SubmittedWeight>? submitted)
    {
        if (submitted is null || submitted.Count == 0)
        {
            return (null, NoWeightsMessage);
        }
        foreach (var weight in submitted)
        {
            if (weight.Weight is < 0 or > 100 || decimal.Truncate(weight.Weight) != weight.Weight)
            {
                return (null, WeightRangeMessage);
            }
        }
        var weights = new int[current.Count];
        for (var i = 0; i < current.Count; i++)
        {
            weights[i] = current[i].Weight;
        }
        foreach (var weight in submitted)
        {
            var index = IndexOf(current, weight.Name);
            if (index < 0)
            {
                return (null, InvalidNameMessage(weight.Name));
            }
            weights[index] = (int)weight.Weight;
        }
        var sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }
        if (sum != 100)
        {
            return (null, SumMessage(sum));
        }
        var rows = new TemplateRow[current.Count];
        for (var i = 0; i < current.Count; i++)
        {
            rows[i] = current[i].WithWeight(weights[i]);
        }
        return (Array.AsReadOnly(rows), null);
    }

    private static int IndexOf(IReadOnlyList<TemplateRow> rows, string? name)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (string.Equals(rows[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
