namespace PipeTrak.Web.Features.Components;

/// <summary>
/// TRK-010: exactly 12 component types. The numeric values are fixed (they may be stored), and the
/// snake_case <see cref="ComponentTypes.Code"/> is the stable API value.
/// </summary>
public enum ComponentType
{
    Spool = 1,
    FieldWeld = 2,
    Pipe = 3,
    ThreadedPipe = 4,
    Instrument = 5,
    Valve = 6,
    Fitting = 7,
    Flange = 8,
    Support = 9,
    Tubing = 10,
    Hose = 11,
    MiscComponent = 12,
}

/// <summary>TRK-010: how a takeoff row becomes components and how the identity key is built.</summary>
public enum IdentityKind
{
    /// <summary>spool: the spool id (= CMDTY CODE); one per row, QTY ignored.</summary>
    Spool,

    /// <summary>field_weld: the weld number; one per row.</summary>
    FieldWeld,

    /// <summary>pipe, threaded_pipe: one aggregate per drawing + size + commodity (TRK-085).</summary>
    Aggregate,

    /// <summary>instrument: drawing, commodity, size, seq 1; one whatever the QTY.</summary>
    Instrument,

    /// <summary>valve, fitting, flange, support, tubing, hose, misc_component: QTY components, seq 1..QTY.</summary>
    Counted,
}

public static class ComponentTypes
{
    /// <summary>The 12 types in the order of IMP-021.</summary>
    public static readonly IReadOnlyList<ComponentType> All =
    [
        ComponentType.Spool, ComponentType.FieldWeld, ComponentType.Valve, ComponentType.Instrument,
        ComponentType.Support, ComponentType.Pipe, ComponentType.Fitting, ComponentType.Flange,
        ComponentType.Tubing, ComponentType.Hose, ComponentType.MiscComponent, ComponentType.ThreadedPipe,
    ];

    /// <summary>Stable snake_case code (TRK-010), e.g. <c>field_weld</c>.</summary>
    public static string Code(this ComponentType type) => type switch
    {
        ComponentType.Spool => "spool",
        ComponentType.FieldWeld => "field_weld",
        ComponentType.Pipe => "pipe",
        ComponentType.ThreadedPipe => "threaded_pipe",
        ComponentType.Instrument => "instrument",
        ComponentType.Valve => "valve",
        ComponentType.Fitting => "fitting",
        ComponentType.Flange => "flange",
        ComponentType.Support => "support",
        ComponentType.Tubing => "tubing",
        ComponentType.Hose => "hose",
        ComponentType.MiscComponent => "misc_component",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Display label (RPT-051 type labels), e.g. <c>Field Weld</c>.</summary>
    public static string Label(this ComponentType type) => type switch
    {
        ComponentType.Spool => "Spool",
        ComponentType.FieldWeld => "Field Weld",
        ComponentType.Pipe => "Pipe",
        ComponentType.ThreadedPipe => "Threaded Pipe",
        ComponentType.Instrument => "Instrument",
        ComponentType.Valve => "Valve",
        ComponentType.Fitting => "Fitting",
        ComponentType.Flange => "Flange",
        ComponentType.Support => "Support",
        ComponentType.Tubing => "Tubing",
        ComponentType.Hose => "Hose",
        ComponentType.MiscComponent => "Misc Component",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The name a takeoff file uses (IMP-021), e.g. <c>Field_Weld</c>.</summary>
    public static string ImportName(this ComponentType type) => type switch
    {
        ComponentType.Spool => "Spool",
        ComponentType.FieldWeld => "Field_Weld",
        ComponentType.Pipe => "Pipe",
        ComponentType.ThreadedPipe => "Threaded_Pipe",
        ComponentType.Instrument => "Instrument",
        ComponentType.Valve => "Valve",
        ComponentType.Fitting => "Fitting",
        ComponentType.Flange => "Flange",
        ComponentType.Support => "Support",
        ComponentType.Tubing => "Tubing",
        ComponentType.Hose => "Hose",
        ComponentType.MiscComponent => "Misc_Component",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>TRK-010: the identity and explosion rule of the type.</summary>
    public static IdentityKind IdentityKind(this ComponentType type) => type switch
    {
        ComponentType.Spool => Components.IdentityKind.Spool,
        ComponentType.FieldWeld => Components.IdentityKind.FieldWeld,
        ComponentType.Pipe or ComponentType.ThreadedPipe => Components.IdentityKind.Aggregate,
        ComponentType.Instrument => Components.IdentityKind.Instrument,
        ComponentType.Valve or ComponentType.Fitting or ComponentType.Flange or ComponentType.Support
            or ComponentType.Tubing or ComponentType.Hose or ComponentType.MiscComponent => Components.IdentityKind.Counted,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>pipe and threaded_pipe: aggregates measured in linear feet (TRK-085).</summary>
    public static bool IsAggregate(this ComponentType type) => type is ComponentType.Pipe or ComponentType.ThreadedPipe;

    /// <summary>Types exploded into QTY components with seq 1..QTY (TRK-010).</summary>
    public static bool IsCounted(this ComponentType type) => type.IdentityKind() == Components.IdentityKind.Counted;

    /// <summary>Parses a stable code (<c>field_weld</c>); exact, case-sensitive.</summary>
    public static bool TryParseCode(string? code, out ComponentType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>
    /// IMP-021: trimmed, compared ignoring case, with spaces and hyphens read as underscores, so
    /// <c>threaded pipe</c> and <c>Field-Weld</c> are accepted and <c>Bolt</c> is not.
    /// </summary>
    public static bool TryParseImport(string? value, out ComponentType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        var text = value.AsSpan().Trim();
        if (text.Length > 16)
        {
            return false;
        }
        Span<char> buffer = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            buffer[i] = c is ' ' or '-' ? '_' : char.ToLowerInvariant(c);
        }
        foreach (var candidate in All)
        {
            if (buffer.SequenceEqual(candidate.Code()))
            {
                type = candidate;
                return true;
            }
        }
        return false;
    }
}
