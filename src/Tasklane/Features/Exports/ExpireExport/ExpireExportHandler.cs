using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine.Attributes;

namespace Tasklane.Features.Exports.ExpireExport;

/// <summary>
/// Worker: when an export's retention ends its file is deleted and the job says "expired" (no download any more).
/// The row is marked only after the object is gone; while the store is down the message is retried.
/// </summary>
[StickyHandler(Queues.Housekeeping)]
public static class ExpireExportHandler
{
    private static readonly string Lock = Sql.Load(typeof(ExpireExportHandler), "ExpireExport.sql");
    private static readonly string Mark = Sql.Load(typeof(ExpireExportHandler), "MarkExpired.sql");

    [ScheduleRetry(typeof(Exception), 10, 60, 300, 1800, 3600, 3600, 3600, 3600)]
    public static async Task Handle(ExportExpired e, NpgsqlDataSource db, ObjectStore store, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var key = await tx.QuerySingleOrDefaultAsync<string?>(Lock, e, ct);
        if (key is null)
        {
            return;
        }

        await store.DeleteAsync(key, ct);
        await tx.ExecuteAsync(Mark, e, ct);
        await tx.CommitAsync(ct);
    }
}
