namespace PipeTrak.Web.Features.Templates;

/// <summary>TRK-021: D = discrete (0 or 100), P = partial (0-100).</summary>
public enum MilestoneKind
{
    Discrete = 1,
    Partial = 2,
}

/// <summary>TRK-021: R receive, I install, Pu punch, T test, Rs restore. Numeric values are fixed.</summary>
public enum MilestoneCategory
{
    Receive = 1,
    Install = 2,
    Punch = 3,
    Test = 4,
    Restore = 5,
}

public static class MilestoneCategories
{
    public static readonly IReadOnlyList<MilestoneCategory> All =
        [MilestoneCategory.Receive, MilestoneCategory.Install, MilestoneCategory.Punch, MilestoneCategory.Test, MilestoneCategory.Restore];

    /// <summary>Stable code, e.g. <c>install</c>.</summary>
    public static string Code(this MilestoneCategory category) => category switch
    {
        MilestoneCategory.Receive => "receive",
        MilestoneCategory.Install => "install",
        MilestoneCategory.Punch => "punch",
        MilestoneCategory.Test => "test",
        MilestoneCategory.Restore => "restore",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static string Label(this MilestoneCategory category) => category switch
    {
        MilestoneCategory.Receive => "Receive",
        MilestoneCategory.Install => "Install",
        MilestoneCategory.Punch => "Punch",
        MilestoneCategory.Test => "Test",
        MilestoneCategory.Restore => "Restore",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static bool IsDefined(MilestoneCategory category) => category is >= MilestoneCategory.Receive and <= MilestoneCategory.Restore;
}

/// <summary>
/// One row of a rules-of-credit template (TRK-021): milestone name (an identifier matched exactly),
/// weight (whole number 0-100), kind, category and requires-welder. TRK-022: a row always has a
/// category; constructing one without a valid category throws, so it can be neither saved nor copied.
/// </summary>
public sealed record TemplateRow
{
    public TemplateRow(string name, int weight, MilestoneKind kind, MilestoneCategory category, bool requiresWelder = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weight, 100);
        if (kind is not (MilestoneKind.Discrete or MilestoneKind.Partial))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A template row needs a kind (discrete or partial).");
        }
        if (!MilestoneCategories.IsDefined(category))
        {
            // TRK-022: a row without a category cannot exist.
            throw new ArgumentOutOfRangeException(nameof(category), category, "A template row needs a category.");
        }
        Name = name;
        Weight = weight;
        Kind = kind;
        Category = category;
        RequiresWelder = requiresWelder;
    }

    public string Name { get; }

    public int Weight { get; }

    public MilestoneKind Kind { get; }

    public MilestoneCategory Category { get; }

    public bool RequiresWelder { get; }

    public bool IsDiscrete => Kind == MilestoneKind.Discrete;

    /// <summary>TRK-024: only weights change; everything else is copied.</summary>
    public TemplateRow WithWeight(int weight) => new(Name, weight, Kind, Category, RequiresWelder);
}
