using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Infrastructure.Caching;

/// <summary>
/// Hot records (tasks, the access facts every request checks) in each host's memory (L1) over Redis (L2), through
/// HybridCache, which also lets only one caller per host load a missing key (stampede protection).
/// Writes invalidate through <see cref="InvalidateAsync"/> after their commit and before they answer: the keys go
/// from this host's memory and from Redis at once, and to every other host over Redis pub/sub, and the writer waits
/// until every host that received the message has confirmed it dropped them (<see cref="ConfirmWithin"/>), so the next
/// read anywhere, by anyone, sees the write: freshness does not depend on pub/sub arriving before the reply. Only API
/// hosts listen (workers read nothing cached); a host that hangs holds up each write for <see cref="ConfirmWithin"/>.
/// A read that loaded the old row just before the commit can still store it afterwards, so every invalidation is
/// repeated <see cref="RepeatAfter"/> later, which drops that copy; a load slower than that is bounded by the entry
/// lifetimes (<see cref="CacheSettings"/>).
/// </summary>
public sealed class HotCache(
    HybridCache cache,
    IConnectionMultiplexer redis,
    CacheSettings settings,
    RunningHost host,
    ILogger<HotCache> logger
) : ISingletonService, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("tasklane:cache:invalidate");

    /// <summary>Where the other hosts confirm this host's invalidations.</summary>
    private readonly RedisChannel _confirmations = RedisChannel.Literal($"tasklane:cache:confirm:{Guid.NewGuid():N}");

    private readonly ConcurrentDictionary<Guid, Confirmations> _awaited = new();

    /// <summary>
    /// How long a write waits for the hosts' confirmations: a round trip through Redis takes well under a millisecond;
    /// only a host that hangs (or a stray subscriber that never answers) makes a write wait this long.
    /// </summary>
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromSeconds(1);

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
        var value = await cache.GetOrCreateAsync(
            key,
            async token =>
            {
                loaded = true;
                return await load(token);
            },
            LookupOnly,
            cancellationToken: ct
        );
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

        await DropAsync(keys, confirmed: true);
        _ = RepeatLaterAsync([.. keys]);
    }

    private async Task RepeatLaterAsync(string[] keys)
    {
        await Task.Delay(RepeatAfter);
        try
        {
            await DropAsync(keys, confirmed: false);
        }
        catch (Exception e)
        {
            // Nobody awaits this; the entry lifetimes still bound what it would have dropped.
            logger.LogWarning(e, "Could not repeat the invalidation of {Count} cache keys", keys.Length);
        }
    }

    private async Task DropAsync(IReadOnlyCollection<string> keys, bool confirmed)
    {
        await cache.RemoveAsync(keys);
        var id = Guid.NewGuid();
        var confirmations = confirmed ? _awaited[id] = new Confirmations() : null;
        try
        {
            var message = new Invalidation([.. keys], confirmed ? _confirmations.ToString() : null, id);
            var receivers = await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(message));
            if (confirmations is not null && !await confirmations.AllOfAsync(receivers, ConfirmWithin))
            {
                logger.LogWarning(
                    "{Missing} of {Receivers} hosts did not confirm an invalidation within {Timeout}: they may serve a stale entry until it expires",
                    confirmations.MissingOf(receivers),
                    receivers,
                    ConfirmWithin
                );
            }
        }
        catch (RedisException e)
        {
            // Other hosts keep their copy until LocalSeconds: the price of Redis being down.
            logger.LogWarning(e, "Could not broadcast the invalidation of {Count} cache keys", keys.Count);
        }
        finally
        {
            _awaited.TryRemove(id, out _);
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
            var subscriber = redis.GetSubscriber();
            await subscriber.SubscribeAsync(
                _confirmations,
                (_, message) =>
                {
                    if (Guid.TryParse(message.ToString(), out var id) && _awaited.TryGetValue(id, out var confirmations))
                    {
                        confirmations.Received();
                    }
                }
            );

            // Only hosts that read the cache listen for invalidations, and so only they are waited for: a worker busy
            // with a backlog, or paused, must not hold up every write. A worker's own writes still wait for the API hosts.
            if (host.Role != HostRole.Api)
            {
                return;
            }

            await subscriber.SubscribeAsync(
                Channel,
                async (_, message) =>
                {
                    try
                    {
                        // Every receiver confirms, the sender too (its keys are gone already): the count to wait for is
                        // then exactly what PUBLISH answered.
                        var invalidation = JsonSerializer.Deserialize<Invalidation>(message.ToString());
                        if (invalidation?.Keys is null)
                        {
                            return;
                        }

                        if (invalidation.ConfirmTo != _confirmations.ToString())
                        {
                            // Also drops Redis's copy again: harmless, the writer already did.
                            await cache.RemoveAsync(invalidation.Keys);
                        }

                        if (invalidation.ConfirmTo is { } confirmTo)
                        {
                            await subscriber.PublishAsync(RedisChannel.Literal(confirmTo), invalidation.Id.ToString());
                        }
                    }
                    catch (Exception e)
                    {
                        // Not thrown on: the handler is async void, where an exception would end the process. The writer
                        // logs a host that did not confirm; a malformed message is dropped.
                        logger.LogWarning(e, "Could not handle a cache invalidation");
                    }
                }
            );
        }
        catch (RedisException e)
        {
            // The multiplexer subscribes again by itself once Redis is back.
            logger.LogWarning(e, "Could not subscribe to cache invalidations yet");
        }
    }

    /// <summary>What goes over the channel: the keys, and where to confirm (null: a repeat nobody waits for).</summary>
    private sealed record Invalidation(string[] Keys, string? ConfirmTo, Guid Id);

    /// <summary>The confirmations of one invalidation, counted as they arrive (before or after PUBLISH answers).</summary>
    private sealed class Confirmations
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _received;
        private long _expected = long.MaxValue;

        public void Received()
        {
            Interlocked.Increment(ref _received);
            Check();
        }

        public async Task<bool> AllOfAsync(long receivers, TimeSpan timeout)
        {
            Interlocked.Exchange(ref _expected, receivers);
            Check();
            try
            {
                await _all.Task.WaitAsync(timeout);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        public long MissingOf(long receivers) => Math.Max(0, receivers - Interlocked.Read(ref _received));

        private void Check()
        {
            if (Interlocked.Read(ref _received) >= Interlocked.Read(ref _expected))
            {
                _all.TrySetResult();
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
