using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Templates;

/// <summary>
/// TRK-021: the default rules of credit of every type, in order, as data in one place. A new project
/// copies all of them (TRK-023: 65 rows). Names are identifiers matched exactly (case, hyphens).
/// </summary>
public static class DefaultTemplates
{
    public const string Receive = "Receive";
    public const string Erect = "Erect";
    public const string Connect = "Connect";
    public const string Punch = "Punch";
    public const string Test = "Test";
    public const string Restore = "Restore";
    public const string FitUp = "Fit-up";
    public const string WeldComplete = "Weld Complete";
    public const string Install = "Install";
    public const string Support = "Support";
    public const string Fabricate = "Fabricate";

    private const MilestoneKind D = MilestoneKind.Discrete;
    private const MilestoneKind P = MilestoneKind.Partial;

    private static readonly TemplateRow[] Spool =
    [
        new(Receive, 5, D, MilestoneCategory.Receive),
        new(Erect, 40, D, MilestoneCategory.Install),
        new(Connect, 40, D, MilestoneCategory.Install),
        new(Punch, 5, D, MilestoneCategory.Punch),
        new(Test, 5, D, MilestoneCategory.Test),
        new(Restore, 5, D, MilestoneCategory.Restore),
    ];

    private static readonly TemplateRow[] FieldWeld =
    [
        new(FitUp, 10, D, MilestoneCategory.Install),
        new(WeldComplete, 60, D, MilestoneCategory.Install, requiresWelder: true),
        new(Punch, 10, D, MilestoneCategory.Punch),
        new(Test, 15, D, MilestoneCategory.Test),
        new(Restore, 5, D, MilestoneCategory.Restore),
    ];

    // valve, fitting, flange, instrument, support, tubing, hose, misc_component
    private static readonly TemplateRow[] Discrete =
    [
        new(Receive, 10, D, MilestoneCategory.Receive),
        new(Install, 60, D, MilestoneCategory.Install),
        new(Punch, 10, D, MilestoneCategory.Punch),
        new(Test, 15, D, MilestoneCategory.Test),
        new(Restore, 5, D, MilestoneCategory.Restore),
    ];

    private static readonly TemplateRow[] Pipe =
    [
        new(Receive, 5, P, MilestoneCategory.Receive),
        new(Erect, 30, P, MilestoneCategory.Install),
        new(Connect, 30, P, MilestoneCategory.Install),
        new(Support, 20, P, MilestoneCategory.Install),
        new(Punch, 5, D, MilestoneCategory.Punch),
        new(Test, 5, D, MilestoneCategory.Test),
        new(Restore, 5, D, MilestoneCategory.Restore),
    ];

    private static readonly TemplateRow[] ThreadedPipe =
    [
        new(Fabricate, 16, P, MilestoneCategory.Install),
        new(Erect, 20, P, MilestoneCategory.Install),
        new(Connect, 20, P, MilestoneCategory.Install),
        new(Support, 24, P, MilestoneCategory.Install),
        new(Punch, 5, D, MilestoneCategory.Punch),
        new(Test, 10, D, MilestoneCategory.Test),
        new(Restore, 5, D, MilestoneCategory.Restore),
    ];

    // Read-only views, so no caller can change the defaults through a cast.
    private static readonly IReadOnlyList<TemplateRow> SpoolRows = Array.AsReadOnly(Spool);
    private static readonly IReadOnlyList<TemplateRow> FieldWeldRows = Array.AsReadOnly(FieldWeld);
    private static readonly IReadOnlyList<TemplateRow> DiscreteRows = Array.AsReadOnly(Discrete);
    private static readonly IReadOnlyList<TemplateRow> PipeRows = Array.AsReadOnly(Pipe);
    private static readonly IReadOnlyList<TemplateRow> ThreadedPipeRows = Array.AsReadOnly(ThreadedPipe);

    /// <summary>The default rows of a type, in order.</summary>
    public static IReadOnlyList<TemplateRow> For(ComponentType type) => type switch
    {
        ComponentType.Spool => SpoolRows,
        ComponentType.FieldWeld => FieldWeldRows,
        ComponentType.Pipe => PipeRows,
        ComponentType.ThreadedPipe => ThreadedPipeRows,
        ComponentType.Valve or ComponentType.Fitting or ComponentType.Flange or ComponentType.Instrument
            or ComponentType.Support or ComponentType.Tubing or ComponentType.Hose or ComponentType.MiscComponent => DiscreteRows,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>TRK-023: every type's rows, what a new project copies (65 rows).</summary>
    public static IEnumerable<(ComponentType Type, int Order, TemplateRow Row)> AllRows()
    {
        foreach (var type in ComponentTypes.All)
        {
            var rows = For(type);
            for (var i = 0; i < rows.Count; i++)
            {
                yield return (type, i + 1, rows[i]);
            }
        }
    }

    /// <summary>Finds a row by exact name (TRK-021: case and hyphens matter), or null.</summary>
    public static TemplateRow? Find(IReadOnlyList<TemplateRow> rows, string? name)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (string.Equals(rows[i].Name, name, StringComparison.Ordinal))
            {
                return rows[i];
            }
        }
        return null;
    }
}
