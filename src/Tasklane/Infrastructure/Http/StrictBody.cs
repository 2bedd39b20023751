using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// A request body that refuses fields it does not declare, which the serializer would skip: a misspelt field in a PATCH
/// would otherwise change nothing and answer 200.
/// </summary>
public abstract record StrictBody
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }

    /// <summary>An error on each field the body does not declare, listing those it does.</summary>
    protected FieldErrors RefuseUnknownFields(FieldErrors errors)
    {
        if (UnknownFields is not { Count: > 0 } unknown)
        {
            return errors;
        }

        var fields = JsonSerializerOptions.Web.GetTypeInfo(GetType()).Properties.Where(p => !p.IsExtensionData).Select(p => p.Name);
        var message = $"Unknown field. Fields: {string.Join(", ", fields)}.";
        foreach (var name in unknown.Keys)
        {
            errors.Add(name, message);
        }

        return errors;
    }
}
