using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// A field of a request body where absent and null differ: a PATCH leaves an absent field as it is and clears a null one.
/// Reading never fails on the field's value: a value of another type is <see cref="IsMalformed"/>, so the endpoint
/// answers 400 naming the field in its own words, together with every other field's error. The OpenAPI document shows
/// the field as <typeparamref name="T"/>, nullable where <typeparamref name="T"/> is (<see cref="OptionalSchema"/>).
/// </summary>
[JsonConverter(typeof(OptionalJsonConverter))]
public readonly record struct Optional<T>
{
    private Optional(bool present, T? value, bool malformed) => (IsPresent, Value, IsMalformed) = (present, value, malformed);

    /// <summary>Sent with a value of its type or null.</summary>
    public bool IsPresent { get; }

    public T? Value { get; }

    /// <summary>Sent, but not as a <typeparamref name="T"/> or null (a number for a string, an item that is not a UUID).</summary>
    public bool IsMalformed { get; }

    public bool IsNull => IsPresent && Value is null;

    public static Optional<T> Malformed => new(false, default, true);

    public static implicit operator Optional<T>(T? value) => new(true, value, false);

    /// <summary>The value sent, or <paramref name="current"/> when the field was absent.</summary>
    public T? Or(T? current) => IsPresent ? Value : current;
}

public sealed class OptionalJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]), options)!;

    private sealed class Converter<T>(JsonSerializerOptions options) : JsonConverter<Optional<T>>
    {
        // The converter itself, not JsonSerializer: the web options read numbers from strings, which a PATCH never did.
        private readonly JsonConverter<T> _value = (JsonConverter<T>)options.GetConverter(typeof(T));

        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                // Null is a value of a reference or nullable type only.
                return default(T) is null ? default(T) : Optional<T>.Malformed;
            }

            // The serializer hands a converter the whole value, so a copy of the reader can go back and step over it.
            var start = reader;
            try
            {
                return _value.Read(ref reader, typeof(T), options);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
            {
                reader = start;
                if (!reader.TrySkip())
                {
                    throw;
                }

                return Optional<T>.Malformed;
            }
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}

public static class OptionalFields
{
    /// <summary>
    /// An error with <paramref name="message"/> when the field was sent as something else than a <typeparamref name="T"/>,
    /// or as null where null is not allowed. Null is allowed where <typeparamref name="T"/> is nullable, as the document says.
    /// </summary>
    public static FieldErrors Typed<T>(this FieldErrors errors, string field, Optional<T> value, string message, bool nullable) =>
        value.IsMalformed || (!nullable && value.IsNull) ? errors.Add(field, message) : errors;

    /// <summary>An error when the field was sent as a name that is none of <typeparamref name="T"/>'s (read as <c>default</c>).</summary>
    public static FieldErrors OneOf<T>(this FieldErrors errors, string field, Optional<T> value)
        where T : struct, ITextEnum<T> => errors.OneOf(field, value.IsPresent ? value.Value : (T?)null);
}

/// <summary>An <see cref="Optional{T}"/> property as the <c>T</c> it carries, in the OpenAPI document.</summary>
public static class OptionalSchema
{
    /// <summary>Inline, not a shared component: whether null is allowed depends on the property.</summary>
    public static string? ReferenceId(JsonTypeInfo type) =>
        type.Type.IsGenericType && type.Type.GetGenericTypeDefinition() == typeof(Optional<>)
            ? null
            : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    public static async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Optional<>))
        {
            return;
        }

        var carried = type.GetGenericArguments()[0];
        if (SchemaBounds.EnumNames(carried) is not null)
        {
            // Inline here (this is the property's own schema); ReferToEnums makes it a reference to the enum once all is built.
            (schema.Metadata ??= new Dictionary<string, object>())[EnumReference] = carried.Name;
        }

        var inner = await context.GetOrCreateSchemaAsync(carried, null, ct);
        schema.Type = inner.Type;
        schema.Format = inner.Format;
        schema.Items = inner.Items;
        schema.Enum = inner.Enum;
        // The web options would read a number from a string too (hence the pattern); an Optional number must be a number.
        if ((schema.Type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0)
        {
            schema.Type &= ~JsonSchemaType.String;
        }
        else
        {
            schema.Pattern = inner.Pattern;
        }

        // The limits the validator checks, declared on the property with its constants.
        if (context.JsonPropertyInfo?.AttributeProvider is PropertyInfo limited)
        {
            SchemaBounds.Declared(schema, limited.GetCustomAttributes());
        }

        var nullable =
            Nullable.GetUnderlyingType(carried) is not null
            || (
                !carried.IsValueType
                && context.JsonPropertyInfo?.AttributeProvider is PropertyInfo property
                && new NullabilityInfoContext().Create(property).GenericTypeArguments is [{ ReadState: NullabilityState.Nullable }]
            );
        schema.Type = nullable ? schema.Type | JsonSchemaType.Null : schema.Type & ~JsonSchemaType.Null;
    }

    private const string EnumReference = "tasklane:enum-reference";

    /// <summary>
    /// The <see cref="Optional{T}"/> properties of an enum spelled as strings (<see cref="SchemaBounds.EnumNames"/>) refer to
    /// the enum's component, as its plain properties do, so a generated client has one type for it. A document transformer:
    /// the generator inlines whatever a schema transformer puts there.
    /// </summary>
    public static void ReferToEnums(OpenApiDocument document)
    {
        foreach (var component in document.Components?.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
        {
            foreach (var (name, property) in component.Properties?.ToList() ?? [])
            {
                if (property is OpenApiSchema { Metadata: { } metadata } && metadata.TryGetValue(EnumReference, out var id))
                {
                    component.Properties![name] = new OpenApiSchemaReference((string)id, document);
                }
            }
        }
    }
}
