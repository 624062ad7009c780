using System.Globalization;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Templates;

namespace PipeTrak.Web.Features.Manhours;

/// <summary>A component's manhour weight (TRK-093) and the warning it raised, if any.</summary>
public readonly record struct ManhourWeight(double Weight, string? Warning)
{
    /// <summary>The stored form: the component's manhour weight keeps 4 dp (entity table).</summary>
    public decimal Stored => Math.Round((decimal)Weight, 4, MidpointRounding.AwayFromZero);
}

/// <summary>TRK-093: the weight of each non-retired component.</summary>
public static class ManhourWeights
{
    public const double FallbackWeight = 0.5;

    public static string NoUsableSizeWarning(string identity) => $"{identity}: no usable size, fallback weight 0.5";

    public static string NoLinearFeetWarning(string identity) => $"{identity}: no linear feet";

    /// <summary>
    /// TRK-093: no size or unparseable → 0.5 with a warning; pipe or threaded pipe with LF &gt; 0 →
    /// d^1.5 × LF × 0.1; pipe or threaded pipe without LF → d^1.5 with a warning; otherwise d^1.5.
    /// </summary>
    /// <param name="identity">How the component is named in warnings.</param>
    /// <param name="diameter">TRK-092 diameter (null when unparseable).</param>
    /// <param name="linearFeet">Aggregates only: total linear feet (else original QTY).</param>
    public static ManhourWeight For(ComponentType type, string identity, decimal? diameter, decimal? linearFeet = null)
    {
        if (diameter is not { } d || d <= 0)
        {
            return new ManhourWeight(FallbackWeight, NoUsableSizeWarning(identity));
        }
        var basis = Math.Pow((double)d, 1.5);
        if (!type.IsAggregate())
        {
            return new ManhourWeight(basis, null);
        }
        return linearFeet is { } lf && lf > 0
            ? new ManhourWeight(basis * (double)lf * 0.1, null)
            : new ManhourWeight(basis, NoLinearFeetWarning(identity));
    }

    /// <summary>TRK-092 + TRK-093 from the size as written, else the normalized identity size.</summary>
    public static ManhourWeight For(ComponentType type, string identity, string? sizeWritten, string? sizeNormalized, decimal? linearFeet = null) =>
        For(type, identity, DiameterParser.Parse(string.IsNullOrWhiteSpace(sizeWritten) ? sizeNormalized : sizeWritten), linearFeet);
}

/// <summary>The outcome of TRK-094 (no budget is saved when <see cref="Error"/> is set).</summary>
public sealed record ManhourDistributionResult(decimal[] Budgeted, string? ErrorCode, string? Error)
{
    public bool Succeeded => ErrorCode is null;

    /// <summary>Total − Σ budgeted: the accepted rounding residue of a few ten-thousandths.</summary>
    public decimal Residue(decimal total)
    {
        var sum = 0m;
        foreach (var b in Budgeted)
        {
            sum += b;
        }
        return total - sum;
    }
}

/// <summary>TRK-091 budget checks and TRK-094 distribution.</summary>
public static class ManhourDistribution
{
    public const string InvalidBudget = "INVALID_BUDGET";
    public const string NoComponents = "NO_COMPONENTS";
    public const string ZeroWeight = "ZERO_WEIGHT";
    public const string InvalidBudgetMessage = "Total budgeted manhours must be greater than 0";
    public const string ReasonRequiredMessage = "Revision reason is required";
    public const string NoComponentsMessage = "Import components before creating a budget";
    public const string ZeroWeightMessage = "No component has a usable weight";

    /// <summary>TRK-091 checks in the order the spec lists them; (code, message) of the first failure, or null.</summary>
    public static (string? Code, string Message)? ValidateBudget(decimal total, string? revisionReason, int nonRetiredComponents)
    {
        if (total <= 0)
        {
            return (InvalidBudget, InvalidBudgetMessage);
        }
        if (string.IsNullOrWhiteSpace(revisionReason))
        {
            return (null, ReasonRequiredMessage);
        }
        return nonRetiredComponents <= 0 ? (NoComponents, NoComponentsMessage) : null;
    }

    /// <summary>
    /// TRK-094: budgeted MH = round(weight ÷ Σ weights × total, 4), each component rounded on its own
    /// (half away from zero). The spec accepts a residue of a few ten-thousandths, so it is not pushed
    /// onto any component (that would break the formula for it); see <see cref="ManhourDistributionResult.Residue"/>.
    /// Σ weights = 0 → nothing saved, ZERO_WEIGHT. Weights are used at full precision, as in the spec's
    /// example. Runs over up to 1,000,000 weights: two passes, one result array.
    /// </summary>
    public static ManhourDistributionResult Distribute(decimal total, ReadOnlySpan<double> weights)
    {
        var sum = 0m;
        foreach (var w in weights)
        {
            if (w > 0 && double.IsFinite(w))
            {
                sum += (decimal)w;
            }
        }
        if (sum <= 0)
        {
            return new ManhourDistributionResult([], ZeroWeight, ZeroWeightMessage);
        }
        var budgeted = new decimal[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            budgeted[i] = w > 0 && double.IsFinite(w)
                ? Math.Round((decimal)w * total / sum, 4, MidpointRounding.AwayFromZero)
                : 0m;
        }
        return new ManhourDistributionResult(budgeted, null, null);
    }

    /// <summary>TRK-095 budget page line.</summary>
    public static string AdditionsSince(int version, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"Additions since v{version}: {count}");
}

/// <summary>TRK-096 earned value and TRK-097 category budgets.</summary>
public static class EarnedValue
{
    /// <summary>TRK-096: earned MH = budgeted × percent ÷ 100 (derived, never stored).</summary>
    public static decimal Earned(decimal budgeted, decimal percent) => budgeted * percent / 100m;

    /// <summary>TRK-096: remaining = budgeted − earned.</summary>
    public static decimal Remaining(decimal budgeted, decimal percent) => budgeted - Earned(budgeted, percent);

    /// <summary>TRK-096: project earned % = Σ earned ÷ active total × 100 at 2 dp; null (not shown) without an active budget.</summary>
    public static decimal? ProjectEarnedPercent(decimal sumEarned, decimal? activeTotal) =>
        activeTotal is { } total && total > 0 ? ProgressRules.Round2(sumEarned / total * 100m) : null;

    /// <summary>TRK-097: category budget = budgeted MH × category weight ÷ 100.</summary>
    public static decimal CategoryBudget(decimal budgeted, int categoryWeight) => budgeted * categoryWeight / 100m;

    /// <summary>TRK-097: category earned = budgeted MH × category credit ÷ 100.</summary>
    public static decimal CategoryEarned(decimal budgeted, decimal categoryCredit) => budgeted * categoryCredit / 100m;

    /// <summary>
    /// TRK-097: group % (Σ earned ÷ Σ budgeted × 100) and group category % (Σ category earned ÷ Σ
    /// category budget × 100, never divided by the total budget); null ("-") when the divisor is 0.
    /// </summary>
    public static decimal? GroupPercent(decimal sumEarned, decimal sumBudget) => sumBudget == 0 ? null : sumEarned / sumBudget * 100m;

    /// <summary>TRK-097 for one component: (category, budget, earned) for each category its template weights.</summary>
    public static IEnumerable<(MilestoneCategory Category, decimal Budget, decimal Earned)> CategoryBreakdown(
        decimal budgeted, IReadOnlyList<TemplateRow> template, IReadOnlyDictionary<string, MilestoneValue> values)
    {
        foreach (var category in MilestoneCategories.All)
        {
            var weight = ProgressRules.CategoryWeight(template, category);
            if (weight > 0)
            {
                yield return (category, CategoryBudget(budgeted, weight), CategoryEarned(budgeted, ProgressRules.CategoryCredit(template, values, category)));
            }
        }
    }
}
