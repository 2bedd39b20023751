using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Tasklane.Infrastructure.Caching;

/// <summary>
/// HybridCache's second level on the Redis connection every host already has. Fails open: while Redis is down a
/// read is a miss and a write is skipped, so requests fall through to Postgres instead of failing.
/// </summary>
public sealed class RedisL2Cache(IConnectionMultiplexer redis) : IDistributedCache
{
    private const string Prefix = "cache:";

    public byte[]? Get(string key) => Try(() => (byte[]?)redis.GetDatabase().StringGet(Prefix + key));

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        await TryAsync(async () => (byte[]?)await redis.GetDatabase().StringGetAsync(Prefix + key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        Try(() => redis.GetDatabase().StringSet(Prefix + key, value, Expiry(options) ?? TimeSpan.FromMinutes(5)));

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        TryAsync(() => redis.GetDatabase().StringSetAsync(Prefix + key, value, Expiry(options) ?? TimeSpan.FromMinutes(5)));

    public void Refresh(string key) { }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => Try(() => redis.GetDatabase().KeyDelete(Prefix + key));

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        TryAsync(() => redis.GetDatabase().KeyDeleteAsync(Prefix + key));

    private static TimeSpan? Expiry(DistributedCacheEntryOptions options) =>
        options.AbsoluteExpirationRelativeToNow
        ?? options.SlidingExpiration
        ?? (options.AbsoluteExpiration is { } at ? at - DateTimeOffset.UtcNow : null);

    private static T? Try<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (RedisException)
        {
            return default;
        }
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RedisException)
        {
            return default;
        }
    }
}
