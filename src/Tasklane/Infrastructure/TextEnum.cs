using System.Text.Json;

namespace Tasklane.Infrastructure;

/// <summary>Parsing and spelling of <see cref="ITextEnum{TSelf}"/> values.</summary>
public static class TextEnum
{
    /// <summary>The names of all the values of <typeparamref name="T"/>, in order.</summary>
    public static IReadOnlyList<string> Names<T>()
        where T : struct, ITextEnum<T> => NameList<T>.Value;

    /// <summary>The names of <paramref name="type"/>'s values, or null when it is no <see cref="ITextEnum{TSelf}"/>.</summary>
    public static IReadOnlyList<string>? NamesOf(Type type) =>
        Is(type) ? (IReadOnlyList<string>)typeof(TextEnum).GetMethod(nameof(Names))!.MakeGenericMethod(type).Invoke(null, null)! : null;

    /// <summary>Whether <paramref name="type"/> implements <see cref="ITextEnum{TSelf}"/> for itself.</summary>
    public static bool Is(Type type) =>
        type.IsValueType
        && type.GetInterfaces()
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITextEnum<>) && i.GenericTypeArguments[0] == type);

    /// <summary>The value named <paramref name="name"/> (exactly, case included), if any.</summary>
    public static bool TryParse<T>(string? name, out T value)
        where T : struct, ITextEnum<T>
    {
        foreach (var known in T.All)
        {
            if (known.Name == name)
            {
                value = known;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>A stored or validated name; anything else is a defect.</summary>
    public static T Parse<T>(string name)
        where T : struct, ITextEnum<T> =>
        TryParse(name, out T value) ? value : throw new ArgumentOutOfRangeException(nameof(name), name, $"Not a {typeof(T).Name}.");

    /// <summary>The exception of <see cref="ITextEnum{TSelf}.Name"/> on <c>default</c>, which is no value.</summary>
    public static InvalidOperationException Undefined<T>() =>
        new($"default({typeof(T).Name}) is none of its values: an unknown name was read and not validated.");

    /// <summary>
    /// A value as its name. A string that names no value reads as <c>default</c>, for the endpoint's validation to answer
    /// in its words; a token of another kind (a number, an object) is a type error, as for any string field.
    /// </summary>
    public sealed class JsonConverter<T> : System.Text.Json.Serialization.JsonConverter<T>
        where T : struct, ITextEnum<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? TryParse(reader.GetString(), out T value)
                    ? value
                    : default
                : throw new JsonException(); // no message: the serializer names the type and the path, which the error answer points at

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
    }

    private static class NameList<T>
        where T : struct, ITextEnum<T>
    {
        public static readonly IReadOnlyList<string> Value = [.. T.All.Select(v => v.Name)];
    }
}
