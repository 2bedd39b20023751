using System.Text.Json;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// The way into a request body that an endpoint parses by hand from a <see cref="JsonElement"/> (because an absent
/// field and a null one mean different things). The JSON parser checks only structure: a string or field name with an
/// unpaired UTF-16 surrogate escape ("\ud800", "\udc00\ud800") passes it, and throws only when it is read, by
/// <c>GetString</c>, <c>TryGetGuid</c>, even <c>TryGetProperty</c> of another name. So every name and string of the
/// body is read once here, before any field is, and what is not text becomes a field error. (Invalid UTF-8 bytes are
/// refused before, by <see cref="ClientText"/>; anything else a read would throw on is caught here too.)
/// </summary>
public static class JsonBody
{
    /// <summary>
    /// True when <paramref name="body"/> is an object whose names and strings, at any depth, are all text, so its fields
    /// may be read; otherwise false with an error on "body" or on the field holding the bad text. A field not in
    /// <paramref name="fields"/> is an error too, but the body stays readable.
    /// </summary>
    public static bool TryReadObject(JsonElement body, IReadOnlyCollection<string> fields, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "A JSON object is required.");
            return false;
        }

        var readable = true;
        foreach (var property in body.EnumerateObject())
        {
            if (!TryReadName(property, out var name))
            {
                errors.Add("body", NotText);
                readable = false;
            }
            else if (!IsText(property.Value))
            {
                errors.Add(name, NotText);
                readable = false;
            }
            else if (!fields.Contains(name))
            {
                errors.Add(name, $"Unknown field. Fields: {string.Join(", ", fields)}.");
            }
        }

        return readable;
    }

    private const string NotText = "Is not valid Unicode text (an unpaired UTF-16 surrogate).";

    private static bool IsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TryReadString(value),
        JsonValueKind.Array => value.EnumerateArray().All(IsText),
        JsonValueKind.Object => value.EnumerateObject().All(p => TryReadName(p, out _) && IsText(p.Value)),
        _ => true,
    };

    // System.Text.Json has no non-throwing way to ask whether a string decodes; reading it is the exact test.
    private static bool TryReadString(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }
}
