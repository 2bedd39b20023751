using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

/// <summary>
/// What a <see cref="TaskUpdated"/> changed: one typed before/after pair per field that changed, null for the others.
/// Id sets are sorted arrays, an empty set being <c>[]</c>.
/// </summary>
/// <remarks>
/// The JSON names are the public field names, and a durable message reads either this shape or the one of versions
/// that carried every value as text (<see cref="LegacyText"/>), so events queued before the upgrade are still handled.
/// </remarks>
public sealed record TaskChanges
{
    [JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string>? Title { get; init; }

    [JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<string?>? Description { get; init; }

    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<StatusCategory>? Status { get; init; }

    /// <summary>The column: changes with <see cref="Status"/>, or alone between two statuses of one category.</summary>
    [JsonPropertyName("statusId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<Guid>? StatusId { get; init; }

    [JsonPropertyName("priority"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<TaskPriority>? Priority { get; init; }

    [JsonPropertyName("startAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<DateTime?>? StartAt { get; init; }

    [JsonPropertyName("dueAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<DateTime?>? DueAt { get; init; }

    [
        JsonPropertyName("estimate"),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull),
        JsonConverter(typeof(LegacyText.EstimateChange))
    ]
    public FieldChange<int?>? Estimate { get; init; }

    [JsonPropertyName("parentId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FieldChange<Guid?>? ParentId { get; init; }

    [
        JsonPropertyName("assigneeIds"),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull),
        JsonConverter(typeof(LegacyText.IdSetChange))
    ]
    public FieldChange<Guid[]>? AssigneeIds { get; init; }

    [
        JsonPropertyName("labelIds"),
        JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull),
        JsonConverter(typeof(LegacyText.IdSetChange))
    ]
    public FieldChange<Guid[]>? LabelIds { get; init; }

    /// <summary>Each custom field whose value changed, by field id; a side without a value is null.</summary>
    [JsonPropertyName("customFields"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<Guid, FieldChange<JsonElement?>>? CustomFields { get; init; }

    [JsonIgnore]
    public bool Any =>
        Title is not null
        || Description is not null
        || Status is not null
        || StatusId is not null
        || Priority is not null
        || StartAt is not null
        || DueAt is not null
        || Estimate is not null
        || ParentId is not null
        || AssigneeIds is not null
        || LabelIds is not null
        || CustomFields is not null;

    /// <summary>The change of a set of ids (both sides sorted), or null when it holds the same ids.</summary>
    public static FieldChange<Guid[]>? Between(Guid[] from, Guid[] to) => from.SequenceEqual(to) ? null : new(from, to);

    /// <summary>
    /// The changes as clients get them (webhook and change-feed data, activity entries): field name to before/after
    /// as text, in this order; dates in round-trip ("O") form, the estimate as a number in text, id sets as
    /// comma-separated sorted ids (null when empty), a custom field's value as its JSON under <c>customFields.{id}</c>.
    /// </summary>
    public IReadOnlyDictionary<string, FieldChange<string?>> Text()
    {
        var text = new Dictionary<string, FieldChange<string?>>();
        void Add<T>(string field, FieldChange<T>? change, Func<T, string?> spell)
        {
            if (change is not null)
            {
                text[field] = new FieldChange<string?>(spell(change.From), spell(change.To));
            }
        }

        Add("title", Title, v => v);
        Add("description", Description, v => v);
        Add("status", Status, v => v.Name);
        Add("statusId", StatusId, v => v.ToString());
        Add("priority", Priority, v => v.Name);
        Add("startAt", StartAt, v => v?.ToString("O"));
        Add("dueAt", DueAt, v => v?.ToString("O"));
        Add("estimate", Estimate, v => v?.ToString(CultureInfo.InvariantCulture));
        Add("parentId", ParentId, v => v?.ToString());
        Add("assigneeIds", AssigneeIds, TaskRules.IdText);
        Add("labelIds", LabelIds, TaskRules.IdText);
        foreach (var (fieldId, change) in CustomFields ?? [])
        {
            Add($"customFields.{fieldId}", change, v => v?.GetRawText());
        }

        return text;
    }

    /// <summary>
    /// Reads the fields older versions queued as text (an estimate "30", id sets "a,b" or null), besides today's
    /// JSON numbers and arrays; the text fields already read as their type (dates, ids, strings).
    /// </summary>
    internal static class LegacyText
    {
        public sealed class EstimateChange : PairConverter<int?>
        {
            protected override int? None => null;

            protected override int? Read(ref Utf8JsonReader reader) =>
                reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.String => int.Parse(reader.GetString()!, CultureInfo.InvariantCulture),
                    _ => reader.GetInt32(),
                };

            protected override void Write(Utf8JsonWriter writer, int? value)
            {
                if (value is { } minutes)
                {
                    writer.WriteNumberValue(minutes);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }
        }

        public sealed class IdSetChange : PairConverter<Guid[]>
        {
            protected override Guid[] None => [];

            protected override Guid[] Read(ref Utf8JsonReader reader)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.Null:
                        return [];
                    case JsonTokenType.String:
                        return reader.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToArray();
                }

                var ids = new List<Guid>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    ids.Add(reader.GetGuid());
                }

                return [.. ids];
            }

            protected override void Write(Utf8JsonWriter writer, Guid[] value)
            {
                writer.WriteStartArray();
                foreach (var id in value)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
            }
        }

        /// <summary>A <see cref="FieldChange{T}"/> whose two values are read and written by the subclass.</summary>
        public abstract class PairConverter<T> : JsonConverter<FieldChange<T>>
        {
            /// <summary>The value of a side the JSON leaves out.</summary>
            protected abstract T None { get; }

            protected abstract T Read(ref Utf8JsonReader reader);

            protected abstract void Write(Utf8JsonWriter writer, T value);

            public override FieldChange<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new JsonException($"A change must be an object, not {reader.TokenType}.");
                }

                var (from, to) = (None, None);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (string.Equals(name, "from", StringComparison.OrdinalIgnoreCase))
                    {
                        from = Read(ref reader);
                    }
                    else if (string.Equals(name, "to", StringComparison.OrdinalIgnoreCase))
                    {
                        to = Read(ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                return new FieldChange<T>(from, to);
            }

            public override void Write(Utf8JsonWriter writer, FieldChange<T> value, JsonSerializerOptions options)
            {
                writer.WriteStartObject();
                writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(nameof(value.From)) ?? nameof(value.From));
                Write(writer, value.From);
                writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(nameof(value.To)) ?? nameof(value.To));
                Write(writer, value.To);
                writer.WriteEndObject();
            }
        }
    }
}
