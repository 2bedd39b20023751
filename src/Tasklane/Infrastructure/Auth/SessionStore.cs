using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;
using StackExchange.Redis;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// Opaque bearer sessions in Redis. The key is a SHA-256 of the token, so a Redis dump reveals no usable token.
/// Every authenticated request slides the expiry forward. Personal API tokens (<see cref="ApiTokenPrefix"/>)
/// are long-lived and revocable, so they live in Postgres instead (table <c>api_tokens</c>, also hashed).
/// </summary>
public sealed class SessionStore(
    IConnectionMultiplexer redis,
    NpgsqlDataSource db,
    IConfiguration config,
    HotCache cache,
    TimeProvider clock
) : ISingletonService
{
    /// <summary>Marks personal API tokens, so the lookup goes to the right store and secret scanners can spot them.</summary>
    public const string ApiTokenPrefix = "tl_pat_";
    public const int ApiTokenPrefixLength = 7;

    private static readonly string ApiTokenSql = Sql.Load(typeof(SessionStore), "ApiTokenUser.sql");

    public TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(config.GetValue("Auth:SessionMinutes", 7 * 24 * 60));

    public static bool IsApiToken(string token) => token.StartsWith(ApiTokenPrefix, StringComparison.Ordinal);

    /// <summary>256 random bits, base64url without padding.</summary>
    /// <summary>The length of <see cref="NewToken"/>: 32 random bytes in unpadded base64url.</summary>
    public const int TokenLength = 43;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The only form in which a token is stored (hex SHA-256); a token has 256 random bits, so no salt or KDF is needed.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<(string Token, DateTime ExpiresAt)> CreateAsync(Guid userId)
    {
        var token = NewToken();
        // The user's set of session hashes lets RevokeAllAsync find every session; it lives as long as the newest one
        // (and is kept alive while any is used, see SessionUserAsync). Members whose session ended are harmless.
        var batch = redis.GetDatabase().CreateBatch();
        var set = batch.StringSetAsync(Key(token), userId.ToString(), Lifetime);
        var add = batch.SetAddAsync(UserSessionsKey(userId), Hash(token));
        var expire = batch.KeyExpireAsync(UserSessionsKey(userId), Lifetime);
        batch.Execute();
        await Task.WhenAll(set, add, expire);
        return (token, clock.DbNow() + Lifetime);
    }

    /// <summary>
    /// Ends every session of <paramref name="userId"/> on every host (a password reset): the Redis keys go, and so
    /// do the hosts' cached answers for them (pub/sub invalidation), before this returns.
    /// </summary>
    public async Task RevokeAllAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        var hashes = (await db.SetMembersAsync(UserSessionsKey(userId))).Select(h => h.ToString()).ToList();
        if (hashes.Count == 0)
        {
            return;
        }

        await db.KeyDeleteAsync([.. hashes.Select(h => (RedisKey)("session:" + h)), UserSessionsKey(userId)]);
        await cache.InvalidateAsync(hashes.Select(CacheKeys.Session).ToList());
    }

    /// <summary>
    /// Returns the token's user and scope, or null for an unknown, expired or revoked token. A session's expiry slides
    /// forward (a session may do all its user may); an API token's last use is recorded instead.
    /// </summary>
    public async Task<TokenScope?> TouchAsync(string token)
    {
        if (IsApiToken(token))
        {
            await using var connection = await db.OpenConnectionAsync();
            return await connection.QuerySingleOrDefaultAsync<TokenScope>(ApiTokenSql, new { hash = Hash(token), now = clock.DbNow() });
        }

        // Every request asks this: each host answers a live session from memory for a few seconds (the hot-record
        // cache), and a miss reads Redis and slides the expiry forward. Logging out drops the cached answer on every
        // host. An unknown token is never cached: anyone can send any number of them.
        return await SessionUserAsync(token) is { } userId ? new TokenScope(userId, false, null) : null;
    }

    private async Task<Guid?> SessionUserAsync(string token) =>
        await cache.GetOrCreateFoundAsync(
            CacheKeys.Session(Hash(token)),
            async _ =>
            {
                var db = redis.GetDatabase();
                var value = await db.StringGetSetExpiryAsync(Key(token), Lifetime);
                if (!Guid.TryParse(value.ToString(), out var userId))
                {
                    return (Guid?)null;
                }

                // A session in use slides, so its user's set must outlive it too (fire and forget: no extra wait).
                await db.KeyExpireAsync(UserSessionsKey(userId), Lifetime, flags: StackExchange.Redis.CommandFlags.FireAndForget);
                return userId;
            },
            CancellationToken.None
        );

    public async Task DeleteAsync(string token)
    {
        await redis.GetDatabase().KeyDeleteAsync(Key(token));
        await cache.InvalidateAsync([CacheKeys.Session(Hash(token))]);
    }

    private static RedisKey Key(string token) => "session:" + Hash(token);

    private static RedisKey UserSessionsKey(Guid userId) => "user-sessions:" + userId.ToString("N");
}
