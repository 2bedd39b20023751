using System.Buffers;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tasklane.Infrastructure.Hosting;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// A JSON request body must be UTF-8 throughout (RFC 8259 §8.1). System.Text.Json checks bytes only where it decodes
/// a string, so invalid ones in what it skips (an unknown field's name or value) would pass, and the request with them.
/// Checked here once, before an endpoint reads the body: invalid, truncated or overlong sequences and encoded
/// surrogates are a 400 on "body". Escaped surrogates ("\ud800") are valid bytes; <see cref="JsonBody"/> and the
/// serializer refuse those where they read them.
/// </summary>
public static class Utf8Bodies
{
    private const int ChunkBytes = 16 * 1024;

    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.HasJsonContentType() && request.ContentLength != 0)
        {
            // Kept in memory (bodies are at most MaxRequestBodyBytes) and read again by the endpoint.
            request.EnableBuffering(bufferThreshold: (int)ApiHost.MaxRequestBodyBytes);
            var valid = await IsUtf8Async(request.Body, context.RequestAborted);
            request.Body.Position = 0;
            if (!valid)
            {
                await Results.Problem(new FieldErrors().Add("body", "Is not valid UTF-8.").ToProblem()).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    private static async Task<bool> IsUtf8Async(Stream body, CancellationToken ct)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        // UTF-8 never decodes to more UTF-16 units than it has bytes, so the decoder never runs out of room.
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes);
        try
        {
            var carried = 0;
            while (true)
            {
                var read = await body.ReadAsync(bytes.AsMemory(carried, ChunkBytes - carried), ct);
                var length = carried + read;
                var status = Utf8.ToUtf16(bytes.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
                if (status == OperationStatus.InvalidData)
                {
                    return false;
                }

                if (read == 0)
                {
                    return true;
                }

                // A sequence cut by the chunk's end is decoded with the next chunk.
                carried = length - consumed;
                bytes.AsSpan(consumed, carried).CopyTo(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
