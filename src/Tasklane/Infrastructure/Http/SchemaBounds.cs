using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Limits in the OpenAPI document that no validator states, because the wire format itself imposes them. A limit a
/// validator enforces is declared on the record property with the validator's constant (<c>[property: MaxLength(...)]</c>,
/// <c>[Range]</c>, <see cref="OneOfAttribute"/>, <see cref="ValueMaxLengthAttribute"/>), which this never overrides.
/// </summary>
internal static class SchemaBounds
{
    /// <summary>A UUID as the API writes it and as a JSON body must carry it (the "D" format System.Text.Json reads).</summary>
    private const int UuidLength = 36;

    /// <summary>
    /// System.Text.Json refuses a longer date-time string (its round-trip "O" format with up to 16 fraction digits):
    /// the body is then a 400. The API itself writes at most 28 characters (UTC, 7 fraction digits).
    /// </summary>
    private const int DateTimeMaxLength = 42;

    /// <summary>
    /// A floating-point number in its string form: the shortest round-trip text of any double is at most 24 characters
    /// ("-2.2250738585072014E-308"). Only responses carry floating-point numbers, and the API writes them as numbers.
    /// </summary>
    private const int FloatingPointMaxLength = 24;

    public static void Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (EnumNames(context.JsonTypeInfo.Type) is { } names)
        {
            // The type's own schema (a component its properties refer to): its converter is custom, so the exporter says nothing.
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. names.Select(n => (JsonNode)JsonValue.Create(n))];
            return;
        }

        OneOf(
            schema,
            context
                .JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(OneOfAttribute), inherit: false)
                .OfType<OneOfAttribute>()
                .FirstOrDefault()
        );
        if (
            context
                .JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(ValueMaxLengthAttribute), inherit: false)
                .OfType<ValueMaxLengthAttribute>()
                .FirstOrDefault()
                is { } values
            && (schema.Type?.HasFlag(JsonSchemaType.Array) == true ? schema.Items : schema.AdditionalProperties)
                is OpenApiSchema valueSchema
        )
        {
            valueSchema.MaxLength ??= values.Length;
        }

        var isString = schema.Type?.HasFlag(JsonSchemaType.String) == true;

        switch (schema.Format)
        {
            case "uuid" when isString:
                schema.MaxLength ??= UuidLength;
                break;
            // Query parameters are parsed by the endpoints' binders, not by System.Text.Json; their bounds are their own.
            case "date-time" when isString && context.ParameterDescription?.Source != BindingSource.Query:
                schema.MaxLength ??= DateTimeMaxLength;
                break;
            case "int32":
                Integer(schema, isString, int.MinValue, int.MaxValue);
                break;
            case "int64":
                Integer(schema, isString, long.MinValue, long.MaxValue);
                break;
            case "double" or "float" when isString:
                schema.MaxLength ??= FloatingPointMaxLength;
                break;
        }
    }

    /// <summary>
    /// The names of <paramref name="type"/>'s values when it is spelled as an enum of strings: an <see cref="ITextEnum{TSelf}"/>
    /// or <see cref="WorkspaceRole"/>; null for any other type, a nullable one included (its schema refers to the enum's).
    /// </summary>
    public static IReadOnlyList<string>? EnumNames(Type type) =>
        type == typeof(WorkspaceRole) ? WorkspaceRoles.Names : TextEnum.NamesOf(type);

    /// <summary>
    /// The limits of <paramref name="attributes"/> on <paramref name="schema"/>: <see cref="MaxLengthAttribute"/> and
    /// <see cref="MinLengthAttribute"/> bound an array's items and a string's characters, as they do when validating.
    /// </summary>
    public static void Declared(OpenApiSchema schema, IEnumerable<Attribute> attributes)
    {
        var isArray = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case RangeAttribute range:
                    schema.Minimum = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
                    schema.Maximum = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
                    break;
                case MaxLengthAttribute max when isArray:
                    // ASP.NET may have read it as a length already, on a property whose type (Optional<T>) it did not know.
                    (schema.MaxItems, schema.MaxLength) = (max.Length, null);
                    break;
                case MaxLengthAttribute max:
                    schema.MaxLength = max.Length;
                    break;
                case MinLengthAttribute min when isArray:
                    (schema.MinItems, schema.MinLength) = (min.Length, null);
                    break;
                case MinLengthAttribute min:
                    schema.MinLength = min.Length;
                    break;
                case AllowedValuesAttribute allowed:
                    schema.Enum = [.. allowed.Values.Select(v => JsonValue.Create(Convert.ToString(v, CultureInfo.InvariantCulture))!)];
                    break;
            }
        }
    }

    /// <summary>The values of <paramref name="oneOf"/>, if any, on <paramref name="schema"/> (on its items, for an array).</summary>
    public static void OneOf(OpenApiSchema schema, OneOfAttribute? oneOf)
    {
        if (oneOf is null)
        {
            return;
        }

        // A pattern, not an enum: generated clients keep these as strings, which older values and new ones both fit.
        var values = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        values.Pattern ??= $"^(?:{string.Join('|', oneOf.Values.Select(Regex.Escape))})$";
        values.MaxLength ??= oneOf.Values.Max(v => v.Length);
    }

    /// <summary>
    /// An integer's range is at least its type's. Numbers may also come as strings (the web JSON defaults read them);
    /// the documented pattern (no leading zeros) then allows as many characters as the widest bound has.
    /// </summary>
    private static void Integer(OpenApiSchema schema, bool isString, long min, long max)
    {
        schema.Minimum ??= min.ToString(CultureInfo.InvariantCulture);
        schema.Maximum ??= max.ToString(CultureInfo.InvariantCulture);
        if (isString)
        {
            schema.MaxLength ??= Math.Max(schema.Minimum.Length, schema.Maximum.Length);
        }
    }
}

/// <summary>
/// The property takes one of the strings in the static field <paramref name="member"/> of <paramref name="holder"/>:
/// the same array the validator checks (<c>FieldErrors.OneOf</c>), so the document and the check cannot drift apart.
/// The document shows it as a pattern with a length limit (on the items, for an array).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OneOfAttribute(Type holder, string member) : Attribute
{
    public IReadOnlyList<string> Values { get; } =
        (
            holder.GetField(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            as IEnumerable<string>
        )?.ToArray() ?? throw new ArgumentException($"{holder.Name}.{member} is no static field of strings.", nameof(member));
}
