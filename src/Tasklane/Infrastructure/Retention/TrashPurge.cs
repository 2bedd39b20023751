using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Storage;

namespace Tasklane.Infrastructure.Retention;

/// <summary>
/// Empties the trash of what has been there longer than <see cref="TrashRetention.Window"/>: tasks, with their comments and
/// attachments (objects first, then rows), comments, and deleted projects with all their tasks. Each batch is one transaction that
/// locks its rows while their objects are deleted, so a worker killed half-way leaves rows whose objects may be gone
/// already: the next run deletes them again (deleting a missing object succeeds) and then the rows. Nothing is kept
/// between runs, and nothing restorable is touched: a restore is refused past the same window.
/// </summary>
public sealed class TrashPurge(NpgsqlDataSource db, ObjectStore store, RetentionSettings settings, ILogger<TrashPurge> logger)
    : ISingletonService
{
    /// <summary>Tasks per transaction: it holds their locks while their objects are deleted one by one.</summary>
    public const int BatchSize = 500;

    private static readonly string ClaimExpired = Sql.Load(typeof(TrashPurge), "ClaimExpiredTasks.sql");
    private static readonly string ClaimProject = Sql.Load(typeof(TrashPurge), "ClaimProjectTasks.sql");
    private static readonly string DeleteRows = Sql.Load(typeof(TrashPurge), "DeleteTaskRows.sql");
    private static readonly string Comments = Sql.Load(typeof(TrashPurge), "PurgeTrashedComments.sql");
    private static readonly string ExpiredProjects = Sql.Load(typeof(TrashPurge), "ExpiredProjects.sql");
    private static readonly string DeleteProject = Sql.Load(typeof(TrashPurge), "DeleteProject.sql");

    private sealed record ClaimedRow(Guid Id, string? ObjectKey);

    public async Task<IReadOnlyList<PurgeResult>> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - TrashRetention.Window;
        var started = Stopwatch.GetTimestamp();
        var (tasks, batches) = await PurgeTasksAsync(cutoff, projectId: null, ct);
        var results = new List<PurgeResult> { new("task_rows (trash)", tasks, batches, Stopwatch.GetElapsedTime(started)) };

        started = Stopwatch.GetTimestamp();
        var (comments, commentBatches, deleted) = (0, 0, 0);
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            do
            {
                deleted = await connection.ExecuteAsync(
                    new CommandDefinition(Comments, new { cutoff, batch = BatchSize }, cancellationToken: ct)
                );
                comments += deleted;
                commentBatches++;
            } while (deleted == BatchSize);
        }

        results.Add(new PurgeResult("comment_rows (trash)", comments, commentBatches, Stopwatch.GetElapsedTime(started)));

        started = Stopwatch.GetTimestamp();
        var (projects, projectBatches) = (0, 0);
        List<Guid> expired;
        do
        {
            await using (var connection = await db.OpenConnectionAsync(ct))
            {
                expired = (
                    await connection.QueryAsync<Guid>(
                        new CommandDefinition(ExpiredProjects, new { cutoff, batch = settings.BatchSize }, cancellationToken: ct)
                    )
                ).AsList();
            }

            foreach (var projectId in expired)
            {
                var (_, projectTaskBatches) = await PurgeTasksAsync(cutoff, projectId, ct);
                await using var connection = await db.OpenConnectionAsync(ct);
                projects += await connection.ExecuteAsync(
                    new CommandDefinition(DeleteProject, new { projectId, cutoff }, cancellationToken: ct)
                );
                projectBatches += projectTaskBatches + 1;
            }
        } while (expired.Count == settings.BatchSize);

        results.Add(new PurgeResult("projects (trash)", projects, projectBatches, Stopwatch.GetElapsedTime(started)));
        foreach (var result in results.Where(r => r.Rows > 0))
        {
            logger.LogInformation(
                "Retention: purged {Rows} {Table} deleted before {Cutoff:O} in {Batches} batches",
                result.Rows,
                result.Table,
                cutoff.UtcDateTime,
                result.Batches
            );
        }

        return results;
    }

    private async Task<(int Rows, int Batches)> PurgeTasksAsync(DateTimeOffset cutoff, Guid? projectId, CancellationToken ct)
    {
        var (rows, batches) = (0, 0);
        int claimed;
        do
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var claimedRows = (
                await tx.QueryAsync<ClaimedRow>(
                    projectId is null ? ClaimExpired : ClaimProject,
                    new
                    {
                        cutoff,
                        projectId,
                        batch = BatchSize,
                    },
                    ct
                )
            ).AsList();
            foreach (var key in claimedRows.Select(r => r.ObjectKey).OfType<string>())
            {
                await store.DeleteAsync(key, ct);
            }

            var ids = claimedRows.Select(r => r.Id).Distinct().ToArray();
            claimed = ids.Length;
            rows += await tx.ExecuteAsync(DeleteRows, new { ids }, ct);
            await tx.CommitAsync(ct);
            batches++;
        } while (claimed == BatchSize);

        return (rows, batches);
    }
}
