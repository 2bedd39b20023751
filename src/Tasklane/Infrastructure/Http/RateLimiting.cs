using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RedisRateLimiting;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Fixed-window request limits counted in Redis, so every API host shares one count per caller:
/// anonymous routes (register, login) per client IP, everything else per user (or per IP while unauthenticated).
/// Login is also limited per account, by its slice (<see cref="KeyedLimits"/>), since only the body names the account.
/// Over the limit: 429 ProblemDetails with Retry-After. Every counted response, 429 included, says where the caller
/// stands in RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (IETF draft-ietf-httpapi-ratelimit-headers).
/// When Redis is unreachable the limiter lets requests through (and logs) rather than turning them into errors.
/// </summary>
public static partial class RateLimiting
{
    /// <summary>Requests the caller's window allows.</summary>
    public const string LimitHeader = "RateLimit-Limit";

    /// <summary>Requests left in the caller's window after this one.</summary>
    public const string RemainingHeader = "RateLimit-Remaining";

    /// <summary>Seconds until the caller's window ends and the count starts again.</summary>
    public const string ResetHeader = "RateLimit-Reset";

    public sealed class Settings
    {
        public bool Enabled { get; set; } = true;

        /// <summary>Per client IP on anonymous routes without an account to count by (register).</summary>
        public int AnonymousPermitsPerWindow { get; set; } = 10;

        /// <summary>
        /// Per client IP on login: only a ceiling against one address trying many accounts, high enough that a whole
        /// office behind one NAT address signing in at nine does not reach it.
        /// </summary>
        public int LoginIpPermitsPerWindow { get; set; } = 100;

        /// <summary>Login attempts per account (the email tried, whether it exists or not), from any address.</summary>
        public int LoginAccountPermitsPerWindow { get; set; } = 10;

        /// <summary>
        /// Two-factor codes (TOTP or recovery) an account may try, on any route and host: signing in with the second factor,
        /// disabling it, new recovery codes. A person needs one or two; 10 make guessing 6 digits a matter of years.
        /// </summary>
        public int TwoFactorPermitsPerWindow { get; set; } = 10;

        public int UserPermitsPerWindow { get; set; } = 600;
        public int WindowSeconds { get; set; } = 60;

        /// <summary>Prefix of the counters' Redis keys; separates deployments (or test runs) that share one Redis.</summary>
        public string KeyPrefix { get; set; } = "tasklane";
    }

    public static IServiceCollection AddTasklaneRateLimiting(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection("RateLimiting").Get<Settings>() ?? new Settings();
        services.AddSingleton(settings);
        services.AddSingleton<KeyedLimits>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.GlobalLimiter = new AnnouncingLimiter(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings))
            );
        });
        return services;
    }

    /// <summary>After authentication (the partition needs the user) and routing (it needs the endpoint's metadata).</summary>
    public static IApplicationBuilder UseTasklaneRateLimiting(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<Settings>().Enabled ? app.UseRateLimiter() : app;

    private static RateLimitPartition<string> Partition(HttpContext context, Settings settings)
    {
        // Health probes, metrics scrapes and the API reference are not the API.
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var (key, permits) = Bucket(context, settings);
        var services = context.RequestServices;
        return RateLimitPartition.Get(
            $"{settings.KeyPrefix}:{key}",
            partitionKey =>
                FixedWindow(
                    partitionKey,
                    permits,
                    settings,
                    services.GetRequiredService<IConnectionMultiplexer>(),
                    services.GetRequiredService<ILoggerFactory>()
                )
        );
    }

    private static (string Key, int Permits) Bucket(HttpContext context, Settings settings)
    {
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var metadata = context.GetEndpoint()?.Metadata;

        // Anonymous routes count per IP whatever token comes along: any valid token would otherwise buy a password
        // guesser the per-user allowance.
        if (metadata?.GetMetadata<IAllowAnonymous>() is not null)
        {
            return metadata.GetMetadata<LimitedPerAccountAttribute>() is null
                ? ($"anonymous:{ip}", settings.AnonymousPermitsPerWindow)
                : ($"login-ip:{ip}", settings.LoginIpPermitsPerWindow);
        }

        return context.User.Identity?.IsAuthenticated == true
            ? ($"user:{context.User.UserId()}", settings.UserPermitsPerWindow)
            : ($"ip:{ip}", settings.UserPermitsPerWindow);
    }

    /// <summary>
    /// A Redis fixed window of <paramref name="permits"/> under <paramref name="key"/>, letting requests through while Redis is down.
    /// </summary>
    internal static RateLimiter FixedWindow(
        string key,
        int permits,
        Settings settings,
        IConnectionMultiplexer redis,
        ILoggerFactory logs
    ) =>
        new FailOpenLimiter(
            new RedisFixedWindowRateLimiter<string>(
                key,
                new RedisFixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                    ConnectionMultiplexerFactory = () => redis,
                }
            ),
            logs.CreateLogger(typeof(RateLimiting))
        );

    /// <summary>
    /// The 429 answer of every limit: ProblemDetails, and Retry-After with the seconds until the window ends.
    /// <paramref name="what"/> names the limit that was reached.
    /// </summary>
    public static IResult TooManyRequests(RateLimitLease lease, string what) => TooManyRequests(RetryAfterSeconds(lease), what);

    /// <summary>The same for a limit that is not a rate (open streams): <paramref name="retryAfter"/> seconds is a guess.</summary>
    public static IResult TooManyRequests(int retryAfter, string what) => new TooManyRequestsResult(retryAfter, what);

    private static ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct) =>
        new(TooManyRequests(context.Lease, "The request limit for this caller is reached.").ExecuteAsync(context.HttpContext));

    private sealed class TooManyRequestsResult(int retryAfter, string what) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            // Results.Problem, not IProblemDetailsService.WriteAsync: that throws (a 500) when the client accepts no JSON,
            // as an EventSource does (Accept: text/event-stream).
            await Results
                .Problem(
                    new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"{what} Retry after {retryAfter} seconds.",
                    }
                )
                .ExecuteAsync(http);
        }
    }

    /// <summary>
    /// On an anonymous endpoint that limits each account itself (login): its per-IP count is only the high
    /// <see cref="Settings.LoginIpPermitsPerWindow"/> ceiling, so people sharing one address do not lock each other out.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class LimitedPerAccountAttribute : Attribute;

    private static int RetryAfterSeconds(RateLimitLease lease)
    {
        // RedisRateLimiting reports whole seconds under its own metadata name; the framework's limiters a TimeSpan.
        if (lease.TryGetMetadata(RateLimitMetadataName.RetryAfter.Name, out var value) && value is int seconds)
        {
            return Math.Max(seconds, 1);
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var span) ? Math.Max((int)Math.Ceiling(span.TotalSeconds), 1) : 1;
    }

    /// <summary>
    /// Writes the caller's standing from each counted lease into the response's RateLimit-* headers. The framework's
    /// middleware hands the lease only to OnRejected; a granted one is seen only here.
    /// </summary>
    private sealed class AnnouncingLimiter(PartitionedRateLimiter<HttpContext> inner) : PartitionedRateLimiter<HttpContext>
    {
        public override RateLimiterStatistics? GetStatistics(HttpContext resource) => inner.GetStatistics(resource);

        protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
            Announce(resource, inner.AttemptAcquire(resource, permitCount));

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken ct) =>
            Announce(resource, await inner.AcquireAsync(resource, permitCount, ct));

        private static RateLimitLease Announce(HttpContext http, RateLimitLease lease)
        {
            // Only a lease Redis counted has a limit: not the no-limiter of /health and /docs, not a fail-open grant,
            // not RedisRateLimiting's AttemptAcquire (always a bare refusal; the middleware then awaits AcquireAsync).
            if (
                lease.TryGetMetadata(RateLimitMetadataName.Limit, out var limit)
                && lease.TryGetMetadata(RateLimitMetadataName.Remaining, out var remaining)
            )
            {
                var reset = RetryAfterSeconds(lease).ToString(CultureInfo.InvariantCulture);
                var left = remaining.ToString(CultureInfo.InvariantCulture);
                // When the response starts, not now: the exception handler clears the headers before it writes a 500.
                http.Response.OnStarting(() =>
                {
                    var headers = http.Response.Headers;
                    headers[LimitHeader] = limit;
                    headers[RemainingHeader] = left;
                    headers[ResetHeader] = reset;
                    return Task.CompletedTask;
                });
            }

            return lease;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();
    }

    /// <summary>Availability over strictness: a Redis outage must not make every request fail.</summary>
    private sealed partial class FailOpenLimiter(RateLimiter inner, ILogger logger) : RateLimiter
    {
        public override TimeSpan? IdleDuration => inner.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken ct)
        {
            try
            {
                return await inner.AcquireAsync(permitCount, ct);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                LogRedisDown(logger, e.GetType().Name);
                return Granted.Instance;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        [LoggerMessage(LogLevel.Warning, "Rate limiting skipped: Redis is unavailable ({Error})")]
        private static partial void LogRedisDown(ILogger logger, string error);
    }

    internal sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
