using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Web.Features.Rollups;

/// <summary>Live components of one (group, type): how many there are.</summary>
public sealed record CategoryTypeCount(Guid Group, ComponentType Type, int Count);

/// <summary>How many live components of one (group, type) hold <paramref name="Value"/> for <paramref name="Milestone"/> (non-zero values only).</summary>
public sealed record CategoryValueCount(Guid Group, ComponentType Type, string Milestone, MilestoneValue Value, int Count);

/// <summary>
/// TRK-052/053 count-mode category completion of groups, folded from grouped counts (never from component
/// rows): a component's completion for category c is the credit of c's milestones ÷ their weight × 100;
/// a group's category % is the mean over its components whose template gives c weight, null ("-") when
/// none does. Milestone names not in the type's template are ignored (TRK-030). Group ids are
/// <see cref="Guid.Empty"/> for "Not Assigned".
/// </summary>
public static class CategoryRollup
{
    public static Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>> Compute(
        Func<ComponentType, IReadOnlyList<TemplateRow>> template,
        IEnumerable<CategoryTypeCount> counts,
        IEnumerable<CategoryValueCount> values)
    {
        var denominators = new Dictionary<(Guid, MilestoneCategory), long>();
        var numerators = new Dictionary<(Guid, MilestoneCategory), decimal>();
        var groups = new HashSet<Guid>();
        foreach (var count in counts)
        {
            groups.Add(count.Group);
            var rows = template(count.Type);
            foreach (var category in MilestoneCategories.All)
            {
                if (ProgressRules.CategoryWeight(rows, category) > 0)
                {
                    denominators[(count.Group, category)] = denominators.GetValueOrDefault((count.Group, category)) + count.Count;
                }
            }
        }
        foreach (var cell in values)
        {
            var rows = template(cell.Type);
            TemplateRow? row = null;
            for (var i = 0; i < rows.Count; i++)
            {
                if (string.Equals(rows[i].Name, cell.Milestone, StringComparison.Ordinal))
                {
                    row = rows[i];
                    break;
                }
            }
            if (row is null)
            {
                continue;
            }
            var weight = ProgressRules.CategoryWeight(rows, row.Category);
            if (weight == 0)
            {
                continue;
            }
            // Completion points this milestone adds to each component: credit × 100 ÷ category weight.
            var points = ProgressRules.Credit(row, cell.Value) * 100m / weight;
            numerators[(cell.Group, row.Category)] = numerators.GetValueOrDefault((cell.Group, row.Category)) + points * cell.Count;
        }
        var result = new Dictionary<Guid, IReadOnlyDictionary<MilestoneCategory, decimal?>>();
        foreach (var group in groups)
        {
            var categories = new Dictionary<MilestoneCategory, decimal?>();
            foreach (var category in MilestoneCategories.All)
            {
                categories[category] = denominators.TryGetValue((group, category), out var n) && n > 0
                    ? numerators.GetValueOrDefault((group, category)) / n
                    : null;
            }
            result[group] = categories;
        }
        return result;
    }
}
