using System.Buffers.Binary;
using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Infrastructure.Retention;

/// <summary>What one purge removed from one table.</summary>
public sealed record PurgeResult(string Table, int Rows, int Batches, TimeSpan Took);

/// <summary>
/// Deletes what has outlived its retention (<see cref="RetentionSettings"/>): old activity entries, read notifications,
/// finished webhook deliveries, the trash (<see cref="TrashPurge"/>) and Wolverine's dead letters. Worker hosts only: once at start, then
/// every
/// <see cref="RetentionSettings.IntervalMinutes"/>. Each statement deletes at most <see cref="RetentionSettings.BatchSize"/>
/// rows in its own transaction, so a purge locks no more than those rows at a time and never a table; rows another
/// worker is deleting are skipped. It keeps no state: a worker stopped half-way leaves the rest to the next run on any
/// worker, and what is gone is not deleted twice.
/// </summary>
public sealed class RetentionPurge(
    NpgsqlDataSource db,
    TrashPurge trash,
    RetentionSettings settings,
    TimeProvider clock,
    ILogger<RetentionPurge> logger
) : BackgroundService
{
    private static readonly string Activity = Sql.Load(typeof(RetentionPurge), "PurgeActivity.sql");
    private static readonly string ReadNotifications = Sql.Load(typeof(RetentionPurge), "PurgeReadNotifications.sql");
    private static readonly string WebhookDeliveries = Sql.Load(typeof(RetentionPurge), "PurgeWebhookDeliveries.sql");
    private static readonly string Changes = Sql.Load(typeof(RetentionPurge), "PurgeChanges.sql");
    private static readonly string MailDeliveries = Sql.Load(typeof(RetentionPurge), "PurgeMailDeliveries.sql");
    private static readonly string UserTokens = Sql.Load(typeof(RetentionPurge), "PurgeUserTokens.sql");
    private static readonly string DeadLetterTables = Sql.Load(typeof(RetentionPurge), "DeadLetterTables.sql");
    private static readonly string DeadLetters = Sql.Load(typeof(RetentionPurge), "PurgeDeadLetters.sql");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(settings.IntervalMinutes), clock);
        try
        {
            do
            {
                await PurgeAsync(stoppingToken);
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the batch in flight rolled back and the next run, on any worker, deletes it.
        }
    }

    /// <summary>One purge of every table, each to its own cutoff. A table that fails is logged and left for the next run.</summary>
    public async Task<IReadOnlyList<PurgeResult>> PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var results = new List<PurgeResult>
        {
            await PurgeTableAsync("activity", Activity, now.AddDays(-settings.ActivityDays), ct),
            await PurgeTableAsync("notifications", ReadNotifications, now.AddDays(-settings.ReadNotificationDays), ct),
            await PurgeTableAsync("webhook_deliveries", WebhookDeliveries, now.AddDays(-settings.WebhookDeliveryDays), ct),
            await PurgeTableAsync("changes", Changes, now.AddDays(-settings.ChangeDays), ct),
            await PurgeTableAsync("mail_deliveries", MailDeliveries, now.AddDays(-settings.MailDays), ct),
            await PurgeTableAsync("user_tokens", UserTokens, now.AddDays(-settings.MailDays), ct),
        };
        try
        {
            results.AddRange(await trash.PurgeAsync(now, ct));
        }
        catch (Exception e) when (e is DbException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            logger.LogError(e, "Retention: emptying the trash failed; the next run goes on.");
        }

        List<string> deadLetterTables;
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            deadLetterTables = (
                await connection.QueryAsync<string>(new CommandDefinition(DeadLetterTables, cancellationToken: ct))
            ).AsList();
        }
        catch (DbException e)
        {
            logger.LogError(e, "Retention: could not list the dead-letter tables; the next run tries again.");
            return results;
        }

        foreach (var table in deadLetterTables)
        {
            results.Add(await PurgeTableAsync(table, DeadLetters.Replace("{table}", table), now.AddDays(-settings.DeadLetterDays), ct));
        }

        return results;
    }

    /// <summary>The lowest UUIDv7 of <paramref name="at"/>'s millisecond: every UUIDv7 made earlier sorts below it.</summary>
    public static Guid FirstIdAt(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        // The first 48 bits are the Unix time in milliseconds; everything after them is zero.
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.ToUnixTimeMilliseconds() << 16);
        return new Guid(bytes, bigEndian: true);
    }

    private async Task<PurgeResult> PurgeTableAsync(string table, string sql, DateTimeOffset cutoff, CancellationToken ct)
    {
        var parameters = new
        {
            cutoff,
            before = FirstIdAt(cutoff),
            batch = settings.BatchSize,
        };
        var started = Stopwatch.GetTimestamp();
        var (rows, batches) = (0, 0);
        try
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            int deleted;
            do
            {
                deleted = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
                rows += deleted;
                batches++;
            } while (deleted == settings.BatchSize);
        }
        catch (DbException e)
        {
            logger.LogError(e, "Retention: purging {Table} failed after {Rows} rows; the next run goes on.", table, rows);
        }

        var took = Stopwatch.GetElapsedTime(started);
        if (rows > 0)
        {
            logger.LogInformation(
                "Retention: deleted {Rows} rows from {Table} older than {Cutoff:O} in {Batches} batches, {Milliseconds} ms",
                rows,
                table,
                cutoff.UtcDateTime,
                batches,
                (long)took.TotalMilliseconds
            );
        }

        return new PurgeResult(table, rows, batches, took);
    }
}
