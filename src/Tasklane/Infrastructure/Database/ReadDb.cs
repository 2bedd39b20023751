using System.Net.Sockets;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;
using Tasklane.Infrastructure.Auth;

namespace Tasklane.Infrastructure.Database;

/// <summary>
/// Connections for reads that tolerate slight staleness (lists, search, activity, exports): the streaming read
/// replica (<c>ConnectionStrings:PostgresReplica</c>) when one is configured, the primary otherwise.
/// Read-your-writes: after a caller's successful write the API records the primary's WAL position for that caller
/// in Redis (<see cref="ReadYourWrites.UseReadYourWrites"/>), and the caller's reads stay on the primary until the replica has
/// replayed past it. Any failure to reach the replica (or Redis, which holds those positions) sends the read to the
/// primary, and a failed replica is left alone for <see cref="Settings.ReplicaRetrySeconds"/>.
/// </summary>
public sealed partial class ReadDb
{
    public sealed class Settings
    {
        /// <summary>How long a caller's last write position is kept; a replica lagging longer than this serves them stale reads.</summary>
        public int ReadYourWritesSeconds { get; set; } = 300;

        public int ReplicaRetrySeconds { get; set; } = 5;

        /// <summary>How long an export waits for the replica to catch up before reading the primary instead.</summary>
        public int CatchUpMilliseconds { get; set; } = 2000;
    }

    private static readonly string PrimaryLsnSql = Sql.Load(typeof(ReadDb), "PrimaryWalLsn.sql");
    private static readonly string ReplayedLsnSql = Sql.Load(typeof(ReadDb), "ReplayedWalLsn.sql");

    private readonly NpgsqlDataSource _primary;
    private readonly NpgsqlDataSource? _replica;
    private readonly IConnectionMultiplexer _redis;
    private readonly Settings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private long _replicaDownUntilTicks;

    public ReadDb(
        NpgsqlDataSource primary,
        ReplicaDataSource replica,
        IConnectionMultiplexer redis,
        Settings settings,
        TimeProvider clock,
        ILogger<ReadDb> logger
    )
    {
        _primary = primary;
        _replica = replica.DataSource;
        _redis = redis;
        _settings = settings;
        _clock = clock;
        _logger = logger;
    }

    public bool HasReplica => _replica is not null;

    /// <summary>A connection for a read that may be slightly stale, except that it always sees the caller's own writes.</summary>
    public async Task<NpgsqlConnection> OpenAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!ReplicaUsable())
        {
            return await _primary.OpenConnectionAsync(ct);
        }

        ulong mustSee = 0;
        if (caller.Identity?.IsAuthenticated == true)
        {
            try
            {
                var recorded = await _redis.GetDatabase().StringGetAsync(Key(caller.UserId()));
                if (recorded.HasValue && NpgsqlLogSequenceNumber.TryParse(recorded.ToString(), out var lsn))
                {
                    mustSee = (ulong)lsn;
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Without the record there is no telling whether the replica has the caller's writes.
                LogRedisUnavailable(_logger, e.GetType().Name);
                return await _primary.OpenConnectionAsync(ct);
            }
        }

        return await OpenReplicaAtAsync(mustSee, ct) ?? await _primary.OpenConnectionAsync(ct);
    }

    /// <summary>
    /// For a reader with no caller that must still see everything committed before it started (an export requested
    /// right after edits): the replica once it has replayed the primary's current position, else the primary.
    /// </summary>
    public async Task<NpgsqlConnection> OpenCaughtUpAsync(CancellationToken ct)
    {
        if (!ReplicaUsable())
        {
            return await _primary.OpenConnectionAsync(ct);
        }

        ulong target;
        await using (var primary = await _primary.OpenConnectionAsync(ct))
        {
            target = ParseLsn(await primary.ExecuteScalarAsync<string>(new CommandDefinition(PrimaryLsnSql, cancellationToken: ct)));
        }

        var deadline = _clock.GetUtcNow().AddMilliseconds(_settings.CatchUpMilliseconds);
        while (true)
        {
            if (await OpenReplicaAtAsync(target, ct) is { } replica)
            {
                return replica;
            }

            if (!ReplicaUsable() || _clock.GetUtcNow() >= deadline)
            {
                return await _primary.OpenConnectionAsync(ct);
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>Remembers the primary's position after <paramref name="userId"/>'s write, so their next reads see it.</summary>
    public async Task RecordWriteAsync(Guid userId, CancellationToken ct)
    {
        if (_replica is null)
        {
            return;
        }

        try
        {
            await using var connection = await _primary.OpenConnectionAsync(ct);
            var lsn = await connection.ExecuteScalarAsync<string>(new CommandDefinition(PrimaryLsnSql, cancellationToken: ct));
            await _redis.GetDatabase().StringSetAsync(Key(userId), lsn, TimeSpan.FromSeconds(_settings.ReadYourWritesSeconds));
        }
        catch (Exception e) when (e is RedisException or TimeoutException or NpgsqlException)
        {
            // The write is committed; failing its answer now would invite a duplicate retry.
            LogRecordFailed(_logger, e.GetType().Name);
        }
    }

    private bool ReplicaUsable() => _replica is not null && _clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _replicaDownUntilTicks);

    /// <summary>An open replica connection that has replayed at least <paramref name="mustSee"/>, or null.</summary>
    private async Task<NpgsqlConnection?> OpenReplicaAtAsync(ulong mustSee, CancellationToken ct)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _replica!.OpenConnectionAsync(ct);
            // Also proves the pooled connection still works: a replica restarted since leaves dead ones in the pool.
            var replayed = ParseLsn(
                await connection.ExecuteScalarAsync<string>(new CommandDefinition(ReplayedLsnSql, cancellationToken: ct))
            );
            if (replayed == 0)
            {
                return connection; // not in recovery: a promoted replica is current
            }

            if (replayed >= mustSee)
            {
                return connection;
            }

            await connection.DisposeAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException && !ct.IsCancellationRequested)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            Interlocked.Exchange(ref _replicaDownUntilTicks, _clock.GetUtcNow().AddSeconds(_settings.ReplicaRetrySeconds).UtcTicks);
            _replica!.Clear(); // the other idle connections died with it
            LogReplicaDown(_logger, _settings.ReplicaRetrySeconds, e.Message);
            return null;
        }
    }

    private static ulong ParseLsn(string? text) => text is not null && NpgsqlLogSequenceNumber.TryParse(text, out var lsn) ? (ulong)lsn : 0;

    private static string Key(Guid userId) => $"tasklane:last-write:{userId}";

    [LoggerMessage(LogLevel.Warning, "Read replica unavailable, reading from the primary for {Seconds} s: {Error}")]
    private static partial void LogReplicaDown(ILogger logger, int seconds, string error);

    [LoggerMessage(LogLevel.Warning, "Reading from the primary: Redis is unavailable ({Error})")]
    private static partial void LogRedisUnavailable(ILogger logger, string error);

    [LoggerMessage(LogLevel.Warning, "Could not record a write position for read-your-writes ({Error})")]
    private static partial void LogRecordFailed(ILogger logger, string error);
}

/// <summary>The read replica's own data source (and pool), or none when <c>ConnectionStrings:PostgresReplica</c> is not set.</summary>
public sealed class ReplicaDataSource(NpgsqlDataSource? dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource? DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class ReadYourWrites
{
    /// <summary>
    /// After authentication: a caller's successful non-GET request records their write position before the response
    /// starts, so no read the client sends after seeing the answer can miss the write.
    /// </summary>
    public static IApplicationBuilder UseReadYourWrites(this IApplicationBuilder app)
    {
        var reads = app.ApplicationServices.GetRequiredService<ReadDb>();
        if (!reads.HasReplica)
        {
            return app;
        }

        return app.Use(
            async (context, next) =>
            {
                var method = context.Request.Method;
                if (
                    context.User.Identity?.IsAuthenticated == true
                    && !HttpMethods.IsGet(method)
                    && !HttpMethods.IsHead(method)
                    && !HttpMethods.IsOptions(method)
                )
                {
                    var userId = context.User.UserId();
                    context.Response.OnStarting(() =>
                        context.Response.StatusCode >= 400 ? Task.CompletedTask : reads.RecordWriteAsync(userId, CancellationToken.None)
                    );
                }

                await next(context);
            }
        );
    }
}
