using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tasklane.Infrastructure.Http;

/// <summary>
/// Limits a slice counts itself, by a key only the request body holds (login: the account tried), with the global
/// limits' settings, Redis windows (shared by every host) and fail-open behaviour. Answer a refused lease with
/// <see cref="RateLimiting.TooManyRequests(RateLimitLease, string)"/>.
/// </summary>
public sealed class KeyedLimits(RateLimiting.Settings settings, IConnectionMultiplexer redis, ILoggerFactory logs)
{
    /// <summary>
    /// One permit from the window of <paramref name="value"/> under <paramref name="kind"/>. The value is hashed, so the
    /// counters' keys in Redis hold no email address.
    /// </summary>
    public async ValueTask<RateLimitLease> AcquireAsync(string kind, string value, int permits, CancellationToken ct)
    {
        if (!settings.Enabled)
        {
            return RateLimiting.Granted.Instance;
        }

        var key = $"{settings.KeyPrefix}:{kind}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))}";
        using var limiter = RateLimiting.FixedWindow(key, permits, settings, redis, logs);
        return await limiter.AcquireAsync(1, ct);
    }
}
