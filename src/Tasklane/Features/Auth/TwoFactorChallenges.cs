using StackExchange.Redis;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Auth;

/// <summary>
/// What a right password earns an account with two-factor authentication: a challenge, to be completed with a code within
/// <see cref="Lifetime"/> on any host (it lives in the shared Redis, under the SHA-256 of its value only). It is spent by
/// the sign-in it completes, and dies after <see cref="MaxFailures"/> wrong codes.
/// </summary>
public sealed class TwoFactorChallenges(IConnectionMultiplexer redis, TimeProvider clock) : ISingletonService
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    public const int MaxFailures = 5;

    // Counts a wrong code; the challenge goes with the last allowed one. Nothing is written for a challenge that is gone,
    // so a late wrong code cannot leave a key without an expiry behind.
    private const string FailScript = """
        if redis.call('exists', KEYS[1]) == 0 then return -1 end
        local failures = redis.call('hincrby', KEYS[1], 'failures', 1)
        if failures >= tonumber(ARGV[1]) then redis.call('del', KEYS[1]) end
        return failures
        """;

    public async Task<(string Challenge, DateTime ExpiresAt)> CreateAsync(Guid userId)
    {
        var challenge = SessionStore.NewToken();
        var db = redis.GetDatabase();
        var key = Key(challenge);
        var transaction = db.CreateTransaction();
        _ = transaction.HashSetAsync(key, [new HashEntry("user", userId.ToString("N")), new HashEntry("failures", 0)]);
        _ = transaction.KeyExpireAsync(key, Lifetime);
        await transaction.ExecuteAsync();
        return (challenge, clock.DbNow() + Lifetime);
    }

    /// <summary>The user a live challenge is for, or null when it is unknown, spent, expired or dead of wrong codes.</summary>
    public async Task<Guid?> UserAsync(string challenge) =>
        Guid.TryParse((await redis.GetDatabase().HashGetAsync(Key(challenge), "user")).ToString(), out var userId) ? userId : null;

    /// <summary>Counts a wrong code against the challenge; the <see cref="MaxFailures"/>th ends it.</summary>
    public Task FailAsync(string challenge) =>
        redis.GetDatabase().ScriptEvaluateAsync(FailScript, new[] { Key(challenge) }, new RedisValue[] { MaxFailures });

    /// <summary>Ends the challenge; true for the one caller that ended it, so a challenge completes one sign-in only.</summary>
    public Task<bool> SpendAsync(string challenge) => redis.GetDatabase().KeyDeleteAsync(Key(challenge));

    private static RedisKey Key(string challenge) => "two-factor-challenge:" + SessionStore.Hash(challenge);
}
