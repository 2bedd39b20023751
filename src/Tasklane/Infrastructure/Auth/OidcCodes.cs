using StackExchange.Redis;

namespace Tasklane.Infrastructure.Auth;

/// <summary>
/// What the OpenID Connect callback hands the web app instead of a session: a code that is worth one session for
/// <see cref="Lifetime"/>, exchanged once with a POST (<c>/auth/oidc/session</c>). So no session token is ever in a URL
/// (history, proxy logs, Referer). Kept in the shared Redis under the code's SHA-256 only, so any host exchanges it.
/// </summary>
public sealed class OidcCodes(IConnectionMultiplexer redis) : ISingletonService
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<string> CreateAsync(Guid userId)
    {
        var code = SessionStore.NewToken();
        await redis.GetDatabase().StringSetAsync(Key(code), userId.ToString("N"), Lifetime);
        return code;
    }

    /// <summary>The user the code was made for, once: GETDEL makes the first exchange the only one.</summary>
    public async Task<Guid?> SpendAsync(string code) =>
        Guid.TryParse((await redis.GetDatabase().StringGetDeleteAsync(Key(code))).ToString(), out var userId) ? userId : null;

    private static RedisKey Key(string code) => "oidc-code:" + SessionStore.Hash(code);
}
