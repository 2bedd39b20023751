using StackExchange.Redis;
using Tasklane.Infrastructure;

namespace Tasklane.Features.Changes.StreamChanges;

/// <summary>
/// Each user's open streams, counted across every host in Redis: a sorted set of leases scored by when they expire.
/// A stream renews its lease whenever it rechecks access; a host that dies leaves leases that expire by themselves.
/// </summary>
public sealed class StreamConnections(IConnectionMultiplexer redis, StreamSettings settings, TimeProvider clock) : ISingletonService
{
    // Expired leases go first, then a new one is added only below the limit: one atomic step on every host.
    private static readonly LuaScript Open = LuaScript.Prepare(
        """
        redis.call('ZREMRANGEBYSCORE', @key, '-inf', @now)
        if redis.call('ZCARD', @key) >= tonumber(@limit) then return 0 end
        redis.call('ZADD', @key, @expires, @id)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """
    );

    private TimeSpan LeaseTime => TimeSpan.FromSeconds(settings.RecheckSeconds * 3 + 5);

    /// <summary>A lease for one more stream of <paramref name="userId"/>, or null when they have as many as allowed.</summary>
    public async Task<string?> OpenAsync(Guid userId)
    {
        var id = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var opened = (int)
            await redis
                .GetDatabase()
                .ScriptEvaluateAsync(
                    Open,
                    new
                    {
                        key = Key(userId),
                        now = now.ToUnixTimeMilliseconds(),
                        expires = (now + LeaseTime).ToUnixTimeMilliseconds(),
                        id,
                        limit = settings.ConnectionsPerUser,
                        ttl = (long)LeaseTime.TotalMilliseconds,
                    }
                );
        return opened == 1 ? id : null;
    }

    public Task RenewAsync(Guid userId, string lease) =>
        BestEffort(() =>
            redis
                .GetDatabase()
                .SortedSetAddAsync(Key(userId), lease, (clock.GetUtcNow() + LeaseTime).ToUnixTimeMilliseconds(), SortedSetWhen.Exists)
        );

    public Task CloseAsync(Guid userId, string lease) => BestEffort(() => redis.GetDatabase().SortedSetRemoveAsync(Key(userId), lease));

    /// <summary>An open stream outlives a Redis outage: a lease not renewed or not removed expires by itself.</summary>
    private static async Task BestEffort(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RedisException) { }
    }

    private static RedisKey Key(Guid userId) => $"tasklane:streams:{userId:N}";
}
