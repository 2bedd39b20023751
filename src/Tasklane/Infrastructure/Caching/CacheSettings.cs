using Microsoft.Extensions.Configuration;

namespace Tasklane.Infrastructure.Caching;

/// <summary>The <c>Cache</c> configuration section; every value has a default.</summary>
public sealed class CacheSettings : ISingletonService
{
    public CacheSettings(IConfiguration config)
    {
        config.GetSection("Cache").Bind(this);
    }

    /// <summary>Off: every read goes to Postgres (the "cold" line of bench.sh, or to rule the cache out).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Lifetime in each host's memory (L1). Invalidation reaches every host at once over Redis pub/sub; this bounds how
    /// long a host can serve a stale entry if it missed that message (Redis down, reconnecting).
    /// </summary>
    public double LocalSeconds { get; set; } = 30;

    /// <summary>Lifetime in Redis (L2): also the bound on the rare read-before-commit race (see HotCache).</summary>
    public double DistributedSeconds { get; set; } = 120;
}
