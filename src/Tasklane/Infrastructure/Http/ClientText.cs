using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tasklane.Infrastructure.Hosting;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Where client text enters, checked once before an endpoint runs, each refusal a 400:
/// <list type="bullet">
/// <item>A JSON body must be UTF-8 throughout (RFC 8259 §8.1). System.Text.Json checks bytes only where it decodes a
/// string, so invalid ones in what it skips (an unknown field's name or value) would pass, and the request with them.</item>
/// <item>No NUL, in a JSON body (<c>\u0000</c>) or a query value. Postgres cannot store it and fails the statement's bind;
/// when Npgsql (10.0.3) was auto-preparing that statement in the same round trip, it keeps it as prepared without its
/// row description, and the connection's next run of it, for any caller, fails with a 500.</item>
/// <item>No unpaired UTF-16 surrogate escape ("\ud800", "\udc00\ud800") in a JSON body: valid bytes and valid JSON, but
/// not text. The serializer would fail on it as on a value of the wrong type; this names the field that holds it (or
/// "body" for a field name).</item>
/// </list>
/// </summary>
public static class ClientText
{
    private const string Nul = "Contains a NUL character, which cannot be stored.";

    public static IApplicationBuilder UseClientTextChecks(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                var errors = new FieldErrors();
                foreach (var (name, values) in request.Query)
                {
                    if (values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
                    {
                        errors.Add(name, Nul);
                    }
                }

                if (!errors.Any && request.HasJsonContentType() && request.ContentLength != 0)
                {
                    // Kept in memory (bodies are at most MaxRequestBodyBytes) and read again by the endpoint.
                    request.EnableBuffering(bufferThreshold: (int)ApiHost.MaxRequestBodyBytes);
                    var (body, length) = await ReadAsync(request.Body, request.ContentLength, context.RequestAborted);
                    try
                    {
                        if (!Utf8.IsValid(body.AsSpan(0, length)))
                        {
                            errors.Add("body", "Is not valid UTF-8.");
                        }
                        else if (HasNulEscape(body.AsSpan(0, length)))
                        {
                            errors.Add("body", Nul);
                        }
                        else if (FieldWithUnpairedSurrogate(body.AsSpan(0, length)) is { } field)
                        {
                            errors.Add(field, "Is not valid Unicode text (an unpaired UTF-16 surrogate).");
                        }
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(body);
                    }

                    request.Body.Position = 0;
                }

                if (errors.Any)
                {
                    await Results.Problem(errors.ToProblem()).ExecuteAsync(context);
                    return;
                }

                await next(context);
            }
        );

    /// <summary>The whole body in a pooled buffer; Kestrel stops a body longer than MaxRequestBodyBytes with a 413.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream body, long? contentLength, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(contentLength ?? 16 * 1024, ApiHost.MaxRequestBodyBytes) + 1);
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
        }

        return (buffer, length);
    }

    /// <summary>
    /// The top-level field whose value (at any depth) holds an escaped unpaired surrogate, "body" when a name or the
    /// whole body does, or null. Malformed JSON is left to the endpoint's reader, which answers for it.
    /// </summary>
    private static string? FieldWithUnpairedSurrogate(ReadOnlySpan<byte> json)
    {
        // Surrogates are U+D800 to U+DFFF, so their escapes start "\ud" (any case): most bodies have none.
        if (json.IndexOf("\\ud"u8) < 0 && json.IndexOf("\\uD"u8) < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json);
        string? field = null;
        try
        {
            while (reader.Read())
            {
                var topLevelName = reader is { TokenType: JsonTokenType.PropertyName, CurrentDepth: 1 };
                if (topLevelName || (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped))
                {
                    try
                    {
                        var text = reader.GetString();
                        field = topLevelName ? text : field;
                    }
                    catch (InvalidOperationException)
                    {
                        return topLevelName ? "body" : field ?? "body";
                    }
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>
    /// Whether valid JSON holds the escape <c>\u0000</c>. A backslash outside a string is not JSON, and inside one it
    /// escapes the next character, so skipping that character is enough to tell "\\u0000" (text) from "\u0000" (NUL).
    /// </summary>
    private static bool HasNulEscape(ReadOnlySpan<byte> json)
    {
        for (var rest = json; rest.IndexOf((byte)'\\') is var at and >= 0; rest = rest[Math.Min(at + 2, rest.Length)..])
        {
            if (rest[(at + 1)..].StartsWith("u0000"u8))
            {
                return true;
            }
        }

        return false;
    }
}
