using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// Opaque bearer sessions in Redis. The key is a SHA-256 of the token, so a Redis dump reveals no usable token.
/// Every authenticated request slides the expiry forward.
/// </summary>
public sealed class SessionStore(IConnectionMultiplexer redis, IConfiguration config) : ISingletonService
{
    public TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(config.GetValue("Auth:SessionMinutes", 7 * 24 * 60));

    public async Task<(string Token, DateTime ExpiresAt)> CreateAsync(Guid userId)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await redis.GetDatabase().StringSetAsync(Key(token), userId.ToString(), Lifetime);
        return (token, DateTime.UtcNow + Lifetime);
    }

    /// <summary>Returns the session's user and extends its expiry, or null for an unknown or expired token.</summary>
    public async Task<Guid?> TouchAsync(string token)
    {
        var value = await redis.GetDatabase().StringGetSetExpiryAsync(Key(token), Lifetime);
        return Guid.TryParse(value.ToString(), out var userId) ? userId : null;
    }

    public Task DeleteAsync(string token) => redis.GetDatabase().KeyDeleteAsync(Key(token));

    private static RedisKey Key(string token) =>
        "session:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
