using System.Globalization;
using System.Text.Json;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Manhours;

/// <summary>
/// TRK-092/093 inputs read from a component's attributes JSON: the size as written (<c>size</c>, for
/// welds <c>weld_size</c> first), else the normalized size (<c>size_normalized</c>), and for pipe
/// aggregates the linear feet (<c>total_linear_feet</c>, else <c>original_qty</c>, as TRK-086 reads
/// them). Reading never throws: malformed JSON or values count as absent.
/// </summary>
public static class ComponentManhourInputs
{
    public static (string? SizeWritten, string? SizeNormalized, decimal? LinearFeet) Read(ComponentType type, string? attributesJson)
    {
        if (string.IsNullOrWhiteSpace(attributesJson))
        {
            return (null, null, null);
        }
        try
        {
            using var doc = JsonDocument.Parse(attributesJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }
            var root = doc.RootElement;
            var written = (type == ComponentType.FieldWeld ? Text(root, "weld_size") : null) ?? Text(root, "size");
            var normalized = Text(root, "size_normalized");
            decimal? feet = null;
            if (type.IsAggregate())
            {
                feet = Number(root, "total_linear_feet") ?? Number(root, "original_qty");
            }
            return (written, normalized, feet);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    /// <summary>TRK-093 weight of one component from its type, identity and attributes.</summary>
    public static ManhourWeight WeightOf(ComponentType type, string identity, string? attributesJson)
    {
        var (written, normalized, feet) = Read(type, attributesJson);
        return ManhourWeights.For(type, identity, written, normalized, feet);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetString()) ? null : value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static decimal? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d))
        {
            return d;
        }
        return value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString()?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
