using System.Globalization;
using System.Text.Json;

namespace PipeTrak.Web.Features.Components;

/// <summary>
/// The few attributes the screens read from a component's JSON attributes (IMP-044/TRK-085): the size
/// and commodity as written, and for aggregates total_linear_feet else original_qty (TRK-086). Reading
/// never throws: unreadable JSON or values count as absent.
/// </summary>
public sealed record ComponentAttributes(string? Size, string? Commodity, decimal? TotalLinearFeet, decimal? OriginalQty, IReadOnlyList<KeyValuePair<string, string>> All)
{
    public static readonly ComponentAttributes Empty = new(null, null, null, null, []);

    /// <summary>TRK-086: total_linear_feet, else original_qty.</summary>
    public decimal? LinearFeet => TotalLinearFeet ?? OriginalQty;

    public static ComponentAttributes Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }
            var all = new List<KeyValuePair<string, string>>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                all.Add(new(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText()));
            }
            string? Text(string name) => all.FirstOrDefault(kv => kv.Key == name).Value is { Length: > 0 } v ? v : null;
            return new ComponentAttributes(Text("size"), Text("cmdty_code"), Number(Text("total_linear_feet")), Number(Text("original_qty")), all);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}

/// <summary>The parts of an identity key the display needs (TRK-010), recovered from the key and attributes.</summary>
public static class ComponentDisplay
{
    /// <summary>Counted and instrument keys: <c>{drawing}|{code}|{size}|{seq}</c>; (prefix without seq, seq) or null.</summary>
    public static (string Prefix, string Code, string Size, int Seq)? CountedParts(string identityKey)
    {
        var parts = identityKey.Split(ComponentIdentity.PartSeparator);
        if (parts.Length != 4 || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return null;
        }
        return (string.Join(ComponentIdentity.PartSeparator, parts[0], parts[1], parts[2]), parts[1], parts[2], seq);
    }

    /// <summary>
    /// TRK-010/013 display of a component. <paramref name="siblingsMaxSeq"/> is n (highest seq among
    /// non-retired siblings); pass null to use the component's own seq.
    /// </summary>
    public static string For(ComponentType type, string identityKey, ComponentAttributes attributes, int? siblingsMaxSeq)
    {
        switch (type.IdentityKind())
        {
            case IdentityKind.Spool:
            case IdentityKind.FieldWeld:
                return identityKey;
            case IdentityKind.Aggregate:
                {
                    var commodity = attributes.Commodity ?? AggregateCommodity(identityKey);
                    return ComponentIdentity.Display(type, identityKey, commodity, SizeNormalizer.Normalize(attributes.Size), attributes.Size, linearFeet: attributes.LinearFeet);
                }
            default:
                {
                    if (CountedParts(identityKey) is not { } p)
                    {
                        return identityKey;
                    }
                    return ComponentIdentity.Display(type, identityKey, p.Code, p.Size, attributes.Size, p.Seq, Math.Max(siblingsMaxSeq ?? p.Seq, p.Seq));
                }
        }
    }

    /// <summary>Without a written commodity, an aggregate shows its key without the -AGG suffix.</summary>
    private static string AggregateCommodity(string key) =>
        key.EndsWith(ComponentIdentity.AggregateSuffix, StringComparison.Ordinal) ? key[..^ComponentIdentity.AggregateSuffix.Length] : key;
}
