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
/// Over the limit: 429 ProblemDetails with Retry-After. When Redis is unreachable the limiter lets requests
/// through (and logs) rather than turning them into errors.
/// </summary>
public static partial class RateLimiting
{
    public sealed class Settings
    {
        public bool Enabled { get; set; } = true;
        public int AnonymousPermitsPerWindow { get; set; } = 10;
        public int UserPermitsPerWindow { get; set; } = 600;
        public int WindowSeconds { get; set; } = 60;

        /// <summary>Prefix of the counters' Redis keys; separates deployments (or test runs) that share one Redis.</summary>
        public string KeyPrefix { get; set; } = "tasklane";
    }

    public static IServiceCollection AddTasklaneRateLimiting(this IServiceCollection services, IConfiguration config)
    {
        var settings = config.GetSection("RateLimiting").Get<Settings>() ?? new Settings();
        services.AddSingleton(settings);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings));
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

        // Anonymous routes count per IP whatever token comes along: any valid token would otherwise buy a password
        // guesser the per-user allowance.
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (key, permits) = context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            ? ($"anonymous:{ip}", settings.AnonymousPermitsPerWindow)
            : context.User.Identity?.IsAuthenticated == true
                ? ($"user:{context.User.UserId()}", settings.UserPermitsPerWindow)
                : ($"ip:{ip}", settings.UserPermitsPerWindow);

        return RateLimitPartition.Get($"{settings.KeyPrefix}:{key}", partitionKey =>
        {
            var services = context.RequestServices;
            var limiter = new RedisFixedWindowRateLimiter<string>(partitionKey, new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromSeconds(settings.WindowSeconds),
                ConnectionMultiplexerFactory = services.GetRequiredService<IConnectionMultiplexer>,
            });
            return new FailOpenLimiter(limiter, services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting)));
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retryAfter = RetryAfterSeconds(context.Lease);
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The request limit for this caller is reached. Retry after {retryAfter} seconds.",
            },
        });
    }

    private static int RetryAfterSeconds(RateLimitLease lease)
    {
        // RedisRateLimiting reports whole seconds under its own metadata name; the framework's limiters a TimeSpan.
        if (lease.TryGetMetadata(RateLimitMetadataName.RetryAfter.Name, out var value) && value is int seconds)
        {
            return Math.Max(seconds, 1);
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var span) ? Math.Max((int)Math.Ceiling(span.TotalSeconds), 1) : 1;
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

    private sealed class Granted : RateLimitLease
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
