using System.Diagnostics;
using System.Text;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine;
using Wolverine.Attributes;

namespace Tasklane.Features.Exports.RunExport;

/// <summary>
/// Worker: streams a project from one database snapshot into the store as a multipart upload, so memory stays at
/// one part whatever the project's size. A run that dies (worker killed, store down) is simply run again from the
/// start: the durable inbox hands the message to a live worker, the new attempt aborts the dead one's upload, and
/// the attempt number fences the dead one out, so the job finishes exactly once.
/// </summary>
[StickyHandler(Queues.Jobs)]
public static class RunExportHandler
{
    /// <summary>Runs before a failing job is marked failed: the first plus one per ScheduleRetry delay below.</summary>
    public const int Attempts = 4;

    private const int ProgressEveryRows = 500;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private static readonly string Start = Sql.Load(typeof(RunExportHandler), "StartAttempt.sql");
    private static readonly string Snapshot = Sql.Load(typeof(RunExportHandler), "Snapshot.sql");
    private static readonly string Count = Sql.Load(typeof(RunExportHandler), "CountTasks.sql");
    private static readonly string Project = Sql.Load(typeof(RunExportHandler), "ProjectJson.sql");
    private static readonly string TasksJson = Sql.Load(typeof(RunExportHandler), "TasksJson.sql");
    private static readonly string TasksCsv = Sql.Load(typeof(RunExportHandler), "TasksCsv.sql");
    private static readonly string SaveUpload = Sql.Load(typeof(RunExportHandler), "SaveUpload.sql");
    private static readonly string Progress = Sql.Load(typeof(RunExportHandler), "ReportProgress.sql");
    private static readonly string Finish = Sql.Load(typeof(RunExportHandler), "FinishExport.sql");
    private static readonly string Fail = Sql.Load(typeof(RunExportHandler), "FailExport.sql");

    private sealed record Job(int Attempt, string? PreviousUploadId, Guid ProjectId, string Format, string ObjectKey);

    [MessageTimeout(3 * 3600)]
    [ScheduleRetry(typeof(Exception), 30, 120, 600)]
    public static async Task Handle(
        ExportRequested request,
        Envelope envelope,
        NpgsqlDataSource db,
        ReadDb reads,
        ObjectStore store,
        ExportSettings settings,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        Job? job;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            job = await connection.QuerySingleOrDefaultAsync<Job>(
                new CommandDefinition(Start, new { request.ExportId, Now = clock.DbNow() }, cancellationToken: ct)
            );
        }

        if (job is null)
        {
            return;
        }

        if (job.PreviousUploadId is { } abandoned)
        {
            await store.AbortUploadAsync(job.ObjectKey, abandoned);
        }

        try
        {
            var (size, tasks) = await WriteAsync(request, job, db, reads, store, settings, clock, ct);
            if (size is null)
            {
                return; // superseded by a newer attempt
            }

            var now = clock.DbNow();
            var expiresAt = now.AddHours(settings.RetentionHours);
            await using var tx = await outbox.BeginAsync(ct);
            var finished = await tx.ExecuteAsync(
                Finish,
                new
                {
                    request.ExportId,
                    job.Attempt,
                    Size = size,
                    TaskCount = tasks,
                    Now = now,
                    ExpiresAt = expiresAt,
                },
                ct
            );
            if (finished == 1)
            {
                // Stored by this commit: the file is deleted when its retention ends, even across restarts.
                tx.Schedule(new ExportExpired(request.ExportId, request.WorkspaceId), new DateTimeOffset(expiresAt));
            }

            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (envelope.Attempts >= Attempts && e is not OperationCanceledException)
        {
            // The last retry failed too: say so on the job instead of leaving it "running" for ever.
            await using var connection = await db.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                new CommandDefinition(
                    Fail,
                    new
                    {
                        request.ExportId,
                        job.Attempt,
                        Now = clock.DbNow(),
                        Error = ExportRules.WriteFailed,
                    }
                )
            );
        }
    }

    /// <summary>Streams the file into the store; the size and task count, or nulls when a newer attempt took over.</summary>
    private static async Task<(long? Size, long Tasks)> WriteAsync(
        ExportRequested request,
        Job job,
        NpgsqlDataSource db,
        ReadDb reads,
        ObjectStore store,
        ExportSettings settings,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        // The long read goes to the replica once it has every edit made before the export was requested.
        await using var read = await reads.OpenCaughtUpAsync(ct);
        await using var snapshot = await read.BeginTransactionAsync(ct);
        await snapshot.ExecuteAsync(Snapshot, null, ct);
        var total = await snapshot.ExecuteScalarAsync<long>(Count, new { job.ProjectId }, ct);
        var projectJson = await snapshot.ExecuteScalarAsync<string>(Project, new { job.ProjectId }, ct) ?? "null";

        await using var report = await db.OpenConnectionAsync(ct);
        await using var upload = await store.StartUploadAsync(
            job.ObjectKey,
            ExportRules.ContentType(job.Format),
            settings.PartSizeBytes,
            ct
        );
        if (
            !await OwnsAsync(
                report,
                SaveUpload,
                new
                {
                    request.ExportId,
                    job.Attempt,
                    upload.UploadId,
                },
                ct
            )
        )
        {
            return (null, 0);
        }

        await using var writer = new StreamWriter(upload, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var file = ExportFile.For(job.Format, writer);
        var query = new CommandDefinition(
            job.Format == "csv" ? TasksCsv : TasksJson,
            new { job.ProjectId, AttachmentsPath = ApiRoutes.Path("attachments/") },
            snapshot,
            commandTimeout: 600,
            cancellationToken: ct
        );
        long rows = 0;
        await using (var reader = await read.ExecuteReaderAsync(query))
        {
            await file.BeginAsync(projectJson, clock.DbNow(), reader);
            var sinceReport = Stopwatch.StartNew();
            while (await reader.ReadAsync(ct))
            {
                await file.WriteRowAsync(reader, rows == 0);
                rows++;
                if (rows % ProgressEveryRows == 0 && sinceReport.Elapsed >= ProgressInterval)
                {
                    sinceReport.Restart();
                    // Just under 1: only the finish says the file is complete.
                    var progress = Math.Min(0.99, (double)rows / Math.Max(total, 1));
                    if (
                        !await OwnsAsync(
                            report,
                            Progress,
                            new
                            {
                                request.ExportId,
                                job.Attempt,
                                Progress = progress,
                            },
                            ct
                        )
                    )
                    {
                        return (null, 0);
                    }
                }
            }
        }

        await file.EndAsync();
        await writer.FlushAsync(ct);
        await upload.CompleteAsync(ct);
        return (upload.Length, rows);
    }

    private static async Task<bool> OwnsAsync(NpgsqlConnection connection, string sql, object args, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct)) == 1;
}
