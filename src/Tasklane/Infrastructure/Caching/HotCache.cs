using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Tasklane.Infrastructure.Caching;

/// <summary>
/// Hot records (tasks, the access facts every request checks) in each host's memory (L1) over Redis (L2), through
/// HybridCache, which also lets only one caller per host load a missing key (stampede protection).
/// Writes invalidate through <see cref="InvalidateAsync"/> after their commit and before they answer: the keys go
/// from this host's memory and from Redis at once, and to every other host over Redis pub/sub, so the next read
/// anywhere, by anyone, sees the write. A read that loaded the old row just before the commit can still store it
/// afterwards, so every invalidation is repeated <see cref="RepeatAfter"/> later, which drops that copy; a load slower
/// than that is bounded by the entry lifetimes (<see cref="CacheSettings"/>).
/// </summary>
public sealed class HotCache(HybridCache cache, IConnectionMultiplexer redis, CacheSettings settings, ILogger<HotCache> logger)
    : ISingletonService, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("tasklane:cache:invalidate");

    /// <summary>Longer than loading a cached record takes (one indexed row), even on a busy host.</summary>
    public static readonly TimeSpan RepeatAfter = TimeSpan.FromSeconds(2);

    private static readonly HybridCacheEntryOptions LookupOnly = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCache,
    };

    private readonly HybridCacheEntryOptions _entry = new()
    {
        LocalCacheExpiration = TimeSpan.FromSeconds(settings.LocalSeconds),
        Expiration = TimeSpan.FromSeconds(settings.DistributedSeconds),
    };

    private readonly HybridCacheEntryOptions _localEntry = new()
    {
        LocalCacheExpiration = TimeSpan.FromSeconds(settings.LocalSeconds),
        Expiration = TimeSpan.FromSeconds(settings.LocalSeconds),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>Off (<c>Cache:Enabled=false</c>): every read goes to Postgres, and should do so in one round trip.</summary>
    public bool Enabled => settings.Enabled;

    /// <summary>
    /// The cached value, or <paramref name="load"/>'s, stored for the next caller on any host. A null ("no such
    /// thing", "not a member") is a value too and comes back as null from Redis; strings cannot promise that
    /// (HybridCache stores a null string as an empty one), so they are refused: cache a record or an enum instead.
    /// </summary>
    public ValueTask<T> GetOrCreateAsync<T>(string key, Func<CancellationToken, ValueTask<T>> load, CancellationToken ct)
    {
        if (typeof(T) == typeof(string))
        {
            throw new NotSupportedException($"{nameof(HotCache)} does not cache strings: a null string comes back from Redis as \"\".");
        }

        return settings.Enabled ? cache.GetOrCreateAsync(key, load, _entry, cancellationToken: ct) : load(ct);
    }

    /// <summary>
    /// The value found for <paramref name="key"/>, kept in this host's memory only, or null, which is never kept. For
    /// lookups by a value anyone can send (a bearer token): caching each miss would let a stream of random values
    /// fill every host's memory and Redis. Not in Redis, as the record loaded is one Redis read away anyway.
    /// <see cref="InvalidateAsync"/> drops it on every host like any other key.
    /// </summary>
    public async ValueTask<T?> GetOrCreateFoundAsync<T>(string key, Func<CancellationToken, ValueTask<T?>> load, CancellationToken ct)
        where T : struct
    {
        if (!settings.Enabled)
        {
            return await load(ct);
        }

        // Read memory, store nothing; then store only what was found. A caller that joined another's load (stampede
        // protection) did not load, and leaves storing to that one.
        var loaded = false;
        var value = await cache.GetOrCreateAsync(key, async token =>
        {
            loaded = true;
            return await load(token);
        }, LookupOnly, cancellationToken: ct);
        if (loaded && value is not null)
        {
            await cache.SetAsync(key, value, _localEntry, cancellationToken: ct);
        }

        return value;
    }

    /// <summary>
    /// Drops the keys here, in Redis and on every other host, now and again after <see cref="RepeatAfter"/>. Call it
    /// after the commit that changed them.
    /// </summary>
    public async Task InvalidateAsync(IReadOnlyCollection<string> keys)
    {
        if (!settings.Enabled || keys.Count == 0)
        {
            return;
        }

        await DropAsync(keys);
        _ = RepeatLaterAsync([.. keys]);
    }

    private async Task RepeatLaterAsync(string[] keys)
    {
        await Task.Delay(RepeatAfter);
        try
        {
            await DropAsync(keys);
        }
        catch (Exception e)
        {
            // Nobody awaits this; the entry lifetimes still bound what it would have dropped.
            logger.LogWarning(e, "Could not repeat the invalidation of {Count} cache keys", keys.Length);
        }
    }

    private async Task DropAsync(IReadOnlyCollection<string> keys)
    {
        await cache.RemoveAsync(keys);
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(keys));
        }
        catch (RedisException e)
        {
            // Other hosts keep their copy until LocalSeconds: the price of Redis being down.
            logger.LogWarning(e, "Could not broadcast the invalidation of {Count} cache keys", keys.Count);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
            {
                if (JsonSerializer.Deserialize<string[]>(message.ToString()) is { Length: > 0 } keys)
                {
                    // Also drops Redis's copy again: harmless, the writer already did.
                    _ = cache.RemoveAsync(keys).AsTask();
                }
            });
        }
        catch (RedisException e)
        {
            // The multiplexer subscribes again by itself once Redis is back.
            logger.LogWarning(e, "Could not subscribe to cache invalidations yet");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
