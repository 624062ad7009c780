using System.Text.Json;
using System.Text.Json.Serialization;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>
/// Writes a <see cref="MilestoneValue"/> as its whole number and reads stored JSON tolerantly
/// (TRK-031), so value maps round-trip as <c>{"Erect": 40}</c>. Request DTOs that must refuse bad
/// input ("Value must be between 0 and 100") take a number and call <c>MilestoneValue.TryCreate</c>
/// instead of binding this type directly.
/// </summary>
public sealed class MilestoneValueJsonConverter : JsonConverter<MilestoneValue>
{
    public override MilestoneValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return MilestoneValue.Read(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, MilestoneValue value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}
