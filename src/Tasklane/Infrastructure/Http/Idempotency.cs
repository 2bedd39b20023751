using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// <c>Idempotency-Key</c> on authenticated POSTs: the first request's answer (status, Location, ETag, body) is kept
/// in Redis for <c>Idempotency:Hours</c> (24) under (user, key), and a retry with the same key gets that answer again
/// instead of creating a second resource. The same key with another method, path or body is 422; a retry while the
/// first request is still running is 409. Server errors (5xx) are not kept, so they can be retried.
/// Routes marked <see cref="AnswersSecretAttribute"/> ignore the key: Redis holds only hashes of secrets, never an
/// answer carrying one, so such a POST is not idempotent (a retry runs again and answers a secret of its own); their
/// answers say <c>Cache-Control: no-store</c>, so no cache on the way keeps the secret either.
/// If Redis is unreachable the request runs without the guarantee (logged) rather than failing.
/// </summary>
public static partial class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    /// <summary>How long a claim lives while its request runs; a host that dies mid-request blocks the key no longer than this.</summary>
    private static readonly TimeSpan InFlightLifetime = TimeSpan.FromMinutes(2);

    private static readonly string[] KeptHeaders = [HeaderNames.Location, HeaderNames.ETag];

    /// <summary>After authentication (the key is per user) and rate limiting (a replay still counts as a request).</summary>
    public static IApplicationBuilder UseTasklaneIdempotency(this IApplicationBuilder app)
    {
        var config = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var lifetime = TimeSpan.FromHours(config.GetValue("Idempotency:Hours", 24));
        var redis = app.ApplicationServices.GetRequiredService<IConnectionMultiplexer>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Idempotency));
        return app.Use(
            async (context, next) =>
            {
                // Reads never look further: this runs on every request, and only POSTs answer secrets or take a key.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    await next(context);
                    return;
                }

                var secret = context.GetEndpoint()?.Metadata.GetMetadata<AnswersSecretAttribute>() is not null;
                if (secret)
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                if (
                    secret
                    || context.Request.Headers[HeaderName].ToString() is not { Length: > 0 } key
                    || context.User.Identity?.IsAuthenticated != true
                )
                {
                    await next(context);
                    return;
                }

                await RunAsync(context, next, key, redis.GetDatabase(), lifetime, logger);
            }
        );
    }

    private static async Task RunAsync(
        HttpContext context,
        RequestDelegate next,
        string key,
        IDatabase db,
        TimeSpan lifetime,
        ILogger logger
    )
    {
        if (key.Length > MaxKeyLength)
        {
            await WriteProblemAsync(context, new FieldErrors().MaxLength(HeaderName, key, MaxKeyLength).ToProblem());
            return;
        }

        var fingerprint = await FingerprintAsync(context.Request);
        var redisKey = (RedisKey)
            $"idempotency:{context.User.UserId()}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";
        Stored? previous;
        try
        {
            var claimed = await db.StringSetAsync(
                redisKey,
                Serialize(new Stored(fingerprint, null, null, null)),
                InFlightLifetime,
                When.NotExists
            );
            previous = claimed ? null : Deserialize(await db.StringGetAsync(redisKey));
            if (!claimed && previous is null)
            {
                // The other request's claim expired between the two calls; claim again.
                claimed = await db.StringSetAsync(
                    redisKey,
                    Serialize(new Stored(fingerprint, null, null, null)),
                    InFlightLifetime,
                    When.NotExists
                );
                if (!claimed)
                {
                    previous = Deserialize(await db.StringGetAsync(redisKey));
                }
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisDown(logger, e.GetType().Name);
            await next(context);
            return;
        }

        if (previous is not null)
        {
            await AnswerRetryAsync(context, previous, fingerprint);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            context.Response.Body = original;
            var status = context.Response.StatusCode;
            try
            {
                if (completed && status < 500)
                {
                    var headers = KeptHeaders
                        .Where(h => context.Response.Headers.ContainsKey(h))
                        .ToDictionary(h => h, h => context.Response.Headers[h].ToString());
                    var stored = new Stored(fingerprint, status, context.Response.ContentType, headers) { Body = buffer.ToArray() };
                    await db.StringSetAsync(redisKey, Serialize(stored), lifetime);
                }
                else
                {
                    await db.KeyDeleteAsync(redisKey);
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRedisDown(logger, e.GetType().Name);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerRetryAsync(HttpContext context, Stored previous, string fingerprint)
    {
        if (previous.Fingerprint != fingerprint)
        {
            await WriteProblemAsync(
                context,
                new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "Idempotency key reused",
                    Detail = $"This {HeaderName} was already used for a different request (method, path or body). Use a new key.",
                }
            );
            return;
        }

        if (previous.Status is not { } status)
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteProblemAsync(context, Problems.Conflict($"A request with this {HeaderName} is still in progress. Retry shortly."));
            return;
        }

        context.Response.StatusCode = status;
        foreach (var (name, value) in previous.Headers ?? [])
        {
            context.Response.Headers[name] = value;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        if (previous.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }

        context.Response.ContentLength = previous.Body.Length;
        await context.Response.Body.WriteAsync(previous.Body, context.RequestAborted);
    }

    // Results.Problem, not IProblemDetailsService.WriteAsync: that throws (a 500) when the client accepts no JSON.
    private static Task WriteProblemAsync(HttpContext context, ProblemDetails problem) => Results.Problem(problem).ExecuteAsync(context);

    /// <summary>What makes two requests "the same": method, path and a SHA-256 of the body.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string Serialize(Stored stored) => JsonSerializer.Serialize(stored);

    private static Stored? Deserialize(RedisValue value) => value.HasValue ? JsonSerializer.Deserialize<Stored>(value.ToString()) : null;

    /// <summary>A claim (no <see cref="Status"/> yet) or a finished answer.</summary>
    private sealed record Stored(string Fingerprint, int? Status, string? ContentType, Dictionary<string, string>? Headers)
    {
        public byte[] Body { get; init; } = [];
    }

    [LoggerMessage(LogLevel.Warning, "Idempotency-Key not enforced: Redis is unavailable ({Error})")]
    private static partial void LogRedisDown(ILogger logger, string error);
}
