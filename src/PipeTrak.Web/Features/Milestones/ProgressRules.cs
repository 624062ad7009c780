using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>
/// TRK-030..033, TRK-052: THE progress function. Every write that changes milestone values stores
/// <c>PercentComplete</c> computed here (TRK-032); nothing else computes percent complete.
/// Runs once per component on bulk paths (up to 1,000,000 per project), so it allocates nothing and
/// works in whole hundredths of a percent (weight × value), which is exact.
/// </summary>
public static class ProgressRules
{
    /// <summary>
    /// TRK-030: a discrete milestone credits its weight only when its value is exactly 100; a partial
    /// one credits weight × value ÷ 100. Percent = round(Σ credit, 2). Stored names that are not in
    /// the template are ignored, and an absent value counts as 0 (never set).
    /// Names are matched exactly as the dictionary's comparer does (store them with the ordinal one).
    /// </summary>
    public static decimal PercentComplete(IReadOnlyList<TemplateRow> template, IReadOnlyDictionary<string, MilestoneValue> values)
    {
        long hundredths = 0;
        for (var i = 0; i < template.Count; i++)
        {
            var row = template[i];
            hundredths += CreditHundredths(row, values.TryGetValue(row.Name, out var v) ? v : MilestoneValue.Zero);
        }
        return Round2(hundredths / 100m);
    }

    /// <summary>
    /// TRK-030 over values aligned with the template rows (values[i] belongs to template[i]); for hot
    /// paths that already hold values in template order. Missing trailing values count as 0.
    /// </summary>
    public static decimal PercentComplete(IReadOnlyList<TemplateRow> template, ReadOnlySpan<MilestoneValue> valuesInTemplateOrder)
    {
        long hundredths = 0;
        for (var i = 0; i < template.Count; i++)
        {
            hundredths += CreditHundredths(template[i], i < valuesInTemplateOrder.Length ? valuesInTemplateOrder[i] : MilestoneValue.Zero);
        }
        return Round2(hundredths / 100m);
    }

    /// <summary>TRK-030: the credit (in percentage points) one milestone earns at a value.</summary>
    public static decimal Credit(TemplateRow row, MilestoneValue value) => CreditHundredths(row, value) / 100m;

    /// <summary>
    /// TRK-033 incident guard lives here: a discrete milestone at 100 (the only "complete" there is,
    /// TRK-020) earns its full weight, whatever else changes.
    /// </summary>
    private static long CreditHundredths(TemplateRow row, MilestoneValue value) =>
        row.Kind == MilestoneKind.Discrete
            ? (value.IsComplete ? row.Weight * 100L : 0L)
            : (long)row.Weight * value.Value;

    /// <summary>TRK-052/TRK-097: the total weight the template gives a category (0 when none).</summary>
    public static int CategoryWeight(IReadOnlyList<TemplateRow> template, MilestoneCategory category)
    {
        var weight = 0;
        for (var i = 0; i < template.Count; i++)
        {
            if (template[i].Category == category)
            {
                weight += template[i].Weight;
            }
        }
        return weight;
    }

    /// <summary>TRK-052/TRK-097: the credit (percentage points of the component) earned in a category.</summary>
    public static decimal CategoryCredit(IReadOnlyList<TemplateRow> template, IReadOnlyDictionary<string, MilestoneValue> values, MilestoneCategory category)
    {
        long hundredths = 0;
        for (var i = 0; i < template.Count; i++)
        {
            var row = template[i];
            if (row.Category == category)
            {
                hundredths += CreditHundredths(row, values.TryGetValue(row.Name, out var v) ? v : MilestoneValue.Zero);
            }
        }
        return hundredths / 100m;
    }

    /// <summary>
    /// TRK-052: category completion = credit of the category's milestones ÷ their weight × 100, or
    /// null when the template gives the category no weight (the component is then left out of that
    /// category's averages). Not rounded: it feeds averages, and display rounds (TRK-055).
    /// </summary>
    public static decimal? CategoryCompletion(IReadOnlyList<TemplateRow> template, IReadOnlyDictionary<string, MilestoneValue> values, MilestoneCategory category)
    {
        long weight = 0;
        long hundredths = 0;
        for (var i = 0; i < template.Count; i++)
        {
            var row = template[i];
            if (row.Category == category)
            {
                weight += row.Weight;
                hundredths += CreditHundredths(row, values.TryGetValue(row.Name, out var v) ? v : MilestoneValue.Zero);
            }
        }
        return weight == 0 ? null : hundredths / (decimal)weight;
    }

    /// <summary>Stored percentages keep 2 dp, half away from zero (spec conventions).</summary>
    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>TRK-055: component, drawing and package percentages show as whole numbers (47.5 → 48).</summary>
    public static int Display(decimal percent) => (int)Math.Round(percent, 0, MidpointRounding.AwayFromZero);
}
