using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

/// <summary>Pure parsing of individual import cells: IMP-044 spec attribute, IMP-045 weld type default, IMP-052 x-ray.</summary>
public static class ImportValues
{
    public const string DefaultWeldType = "BW";
    public const string XRayMessage = "X-RAY % must be between 0 and 100";

    /// <summary>IMP-044: <c>spec</c> is the first token before <c>_</c> or whitespace, upper-cased (null when blank).</summary>
    public static string? Spec(string? specRaw)
    {
        if (string.IsNullOrWhiteSpace(specRaw))
        {
            return null;
        }
        var text = specRaw.AsSpan().Trim();
        var end = 0;
        while (end < text.Length && text[end] != '_' && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        return end == 0 ? null : text[..end].ToString().ToUpperInvariant();
    }

    /// <summary>IMP-045: the weld type is WELD TYPE, or BW when absent or blank (upper-cased).</summary>
    public static string WeldType(string? value) => string.IsNullOrWhiteSpace(value) ? DefaultWeldType : value.Trim().ToUpperInvariant();

    /// <summary>
    /// IMP-052: <c>5%</c> → 5 and <c>5</c> → 5; without <c>%</c> a value of 1 or less is a fraction
    /// (<c>0.05</c> → 5, <c>1</c> → 100); blank leaves it unset (null, no error). Not parseable or
    /// outside 0-100 gives "X-RAY % must be between 0 and 100".
    /// </summary>
    public static bool TryParseXRay(string? value, out decimal? percent, [NotNullWhen(false)] out string? error)
    {
        percent = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        var text = value.Trim();
        var hasPercent = text.EndsWith('%');
        if (hasPercent)
        {
            text = text[..^1].TrimEnd();
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            error = XRayMessage;
            return false;
        }
        if (!hasPercent && number is >= 0 and <= 1)
        {
            number *= 100;
        }
        if (number is < 0 or > 100)
        {
            error = XRayMessage;
            return false;
        }
        percent = number;
        return true;
    }

    /// <summary>IMP-052: NDE is required when the x-ray value is above 0.</summary>
    public static bool NdeRequired(decimal? xRayPercent) => xRayPercent > 0;
}

/// <summary>One aggregate built from pipe or threaded pipe rows (TRK-085).</summary>
public sealed class PipeAggregate(ComponentType type, string drawing, string size, string commodity, string identity)
{
    public ComponentType Type { get; } = type;

    /// <summary>Normalized drawing number.</summary>
    public string Drawing { get; } = drawing;

    /// <summary>Normalized size.</summary>
    public string Size { get; } = size;

    public string Commodity { get; } = commodity;

    /// <summary><c>{drawing norm}-{size norm}-{commodity}-AGG</c>.</summary>
    public string Identity { get; } = identity;

    /// <summary>Σ QTY (decimals allowed).</summary>
    public decimal TotalLinearFeet { get; private set; }

    /// <summary>Contributing data-row numbers n (IMP-003), in file order.</summary>
    public List<int> LineNumbers { get; } = [];

    internal void Add(decimal quantity, int rowNumber)
    {
        TotalLinearFeet += quantity;
        LineNumbers.Add(rowNumber);
    }
}

/// <summary>
/// TRK-085: one aggregate per (type, drawing, size, commodity) with total_linear_feet = Σ QTY and
/// line_numbers = the contributing data-row numbers. pipe and threaded_pipe never merge with each other
/// (they are different types, TRK-011).
/// </summary>
public sealed class PipeAggregation
{
    private readonly Dictionary<(ComponentType, string), PipeAggregate> aggregates = [];
    private readonly List<PipeAggregate> ordered = [];

    /// <summary>The aggregates in order of first appearance.</summary>
    public IReadOnlyList<PipeAggregate> Aggregates => ordered;

    public PipeAggregate Add(ComponentType type, string? drawing, string? size, string? commodity, decimal quantity, int rowNumber)
    {
        if (!type.IsAggregate())
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Only pipe and threaded pipe aggregate.");
        }
        var identity = ComponentIdentity.ForAggregate(drawing, size, commodity);
        if (!aggregates.TryGetValue((type, identity), out var aggregate))
        {
            aggregate = new PipeAggregate(type, DrawingNumber.Normalize(drawing), SizeNormalizer.Normalize(size), ComponentIdentity.NormalizeCode(commodity), identity);
            aggregates.Add((type, identity), aggregate);
            ordered.Add(aggregate);
        }
        aggregate.Add(quantity, rowNumber);
        return aggregate;
    }
}
