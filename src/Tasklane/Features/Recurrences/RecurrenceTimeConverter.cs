using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasklane.Features.Recurrences;

/// <summary>A rule's time of day as the API spells it ("09:00"), in events, webhooks and the change feed too.</summary>
public sealed class RecurrenceTimeConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeOnly.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(RecurrenceRules.TimeFormat, CultureInfo.InvariantCulture));
}
