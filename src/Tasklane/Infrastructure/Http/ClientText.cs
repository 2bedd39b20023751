using System.Buffers;
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
/// </list>
/// Escaped surrogates ("\ud800") are valid bytes; <see cref="JsonBody"/> and the serializer refuse them where they read them.
/// </summary>
public static class ClientText
{
    private const string Nul = "Contains a NUL character, which cannot be stored.";

    public static IApplicationBuilder UseClientTextChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
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
    });

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
