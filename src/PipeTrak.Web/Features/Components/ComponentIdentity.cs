using System.Globalization;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// TRK-010 identity keys and display formats. Every builder normalizes its inputs (the normalizers
/// are idempotent, so already-normalized parts may be passed too):
/// <list type="bullet">
/// <item>spool: the spool id (= CMDTY CODE, trimmed and upper-cased);</item>
/// <item>field_weld: the weld number (trimmed and upper-cased, like every commodity code);</item>
/// <item>pipe, threaded_pipe: <c>{drawing norm}-{size norm}-{commodity}-AGG</c> (TRK-085);</item>
/// <item>instrument and counted types: drawing norm, commodity, size norm and seq, serialized as
/// <c>{drawing norm}|{commodity}|{size norm}|{seq}</c> (the spec gives the parts, not a text form:
/// <c>|</c> is used because hyphens and spaces occur inside drawing numbers and codes).</item>
/// </list>
/// The same code on another drawing or at another size is a different component; spool ids and weld
/// numbers are unique per project, not per drawing.
/// </summary>
public static class ComponentIdentity
{
    public const string AggregateSuffix = "-AGG";
    public const char PartSeparator = '|';

    /// <summary>TRK-010: commodity codes are trimmed and upper-cased (the written form goes to attributes).</summary>
    public static string NormalizeCode(string? code) => string.IsNullOrWhiteSpace(code) ? "" : code.Trim().ToUpperInvariant();

    public static string ForSpool(string? spoolId) => NormalizeCode(spoolId);

    public static string ForWeld(string? weldNumber) => NormalizeCode(weldNumber);

    /// <summary>TRK-085: <c>ISO-7</c>, <c>2"</c>, <c>CS-PIPE</c> → <c>ISO-7-2-CS-PIPE-AGG</c>.</summary>
    public static string ForAggregate(string? drawing, string? size, string? commodity) =>
        string.Concat(DrawingNumber.Normalize(drawing), "-", SizeNormalizer.Normalize(size), "-", NormalizeCode(commodity) + AggregateSuffix);

    /// <summary>Instrument (seq 1) and counted types (seq 1..QTY).</summary>
    public static string ForCounted(string? drawing, string? commodity, string? size, int seq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        return string.Join(PartSeparator, DrawingNumber.Normalize(drawing), NormalizeCode(commodity), SizeNormalizer.Normalize(size), seq.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// TRK-010 "per takeoff row": the identity keys one takeoff row describes, with their seq.
    /// spool, field_weld: 1 (QTY ignored); pipe/threaded_pipe: 1 aggregate; instrument: 1 whatever the
    /// QTY; counted types: QTY components, seq 1..QTY.
    /// </summary>
    public static IEnumerable<(string Key, int Seq)> KeysForRow(ComponentType type, string? drawing, string? commodity, string? size, int quantity)
    {
        switch (type.IdentityKind())
        {
            case IdentityKind.Spool:
                yield return (ForSpool(commodity), 1);
                break;
            case IdentityKind.FieldWeld:
                yield return (ForWeld(commodity), 1);
                break;
            case IdentityKind.Aggregate:
                yield return (ForAggregate(drawing, size, commodity), 1);
                break;
            case IdentityKind.Instrument:
                yield return (ForCounted(drawing, commodity, size, 1), 1);
                break;
            default:
                // Normalize once: the parts are the same for every seq.
                var prefix = string.Join(PartSeparator, DrawingNumber.Normalize(drawing), NormalizeCode(commodity), SizeNormalizer.Normalize(size)) + PartSeparator;
                for (var seq = 1; seq <= quantity; seq++)
                {
                    yield return (prefix + seq.ToString(CultureInfo.InvariantCulture), seq);
                }
                break;
        }
    }

    /// <summary>
    /// TRK-010/TRK-013 display: spool <c>{spool id}</c>; field_weld <c>{weld number}</c>; pipe and
    /// threaded_pipe <c>{commodity} {size} ({LF} LF)</c>; instrument <c>{commodity} {size}</c>; counted
    /// <c>{commodity} {size} {seq} of {n}</c> where n is the highest seq among non-retired siblings and
    /// the suffix is dropped when n = 1. NOSIZE is omitted.
    /// </summary>
    /// <param name="identity">The identity key (used for spools and welds).</param>
    /// <param name="sizeNormalized">The identity size (TRK-012).</param>
    /// <param name="sizeWritten">The size as written (attributes), shown for reducers.</param>
    /// <param name="siblingsMaxSeq">n: highest seq among non-retired siblings (same drawing, code, size).</param>
    /// <param name="linearFeet">Aggregates: total_linear_feet, else original_qty (TRK-086).</param>
    public static string Display(ComponentType type, string identity, string? commodity, string? sizeNormalized, string? sizeWritten = null,
        int seq = 1, int siblingsMaxSeq = 1, decimal? linearFeet = null)
    {
        var code = NormalizeCode(commodity);
        var size = SizeDisplay.Format(sizeNormalized, sizeWritten);
        var head = size.Length == 0 ? code : string.Concat(code, " ", size);
        return type.IdentityKind() switch
        {
            IdentityKind.Spool or IdentityKind.FieldWeld => identity,
            IdentityKind.Aggregate => linearFeet is { } lf ? string.Concat(head, " (", FormatFeet(lf), " LF)") : head,
            IdentityKind.Instrument => head,
            _ => siblingsMaxSeq <= 1 ? head : string.Concat(head, " ", seq.ToString(CultureInfo.InvariantCulture), " of ", siblingsMaxSeq.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Linear feet as entered, without trailing zeros: 42.5, 40.</summary>
    public static string FormatFeet(decimal feet) => feet.ToString("0.############", CultureInfo.InvariantCulture);
}
