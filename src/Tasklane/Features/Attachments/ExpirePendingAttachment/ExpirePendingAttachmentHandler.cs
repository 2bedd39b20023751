using Npgsql;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Storage;
using Wolverine.Attributes;

namespace Tasklane.Features.Attachments.ExpirePendingAttachment;

/// <summary>
/// Worker: an upload never completed within the pending timeout is cleaned up: whatever was uploaded is
/// deleted first, then the row (which frees its quota). If the store is down the message is retried, and the
/// row stays until the object is gone, so nothing is left behind unrecorded.
/// </summary>
[StickyHandler(Queues.Housekeeping)]
public static class ExpirePendingAttachmentHandler
{
    private static readonly string Expire = Sql.Load(typeof(ExpirePendingAttachmentHandler), "ExpirePendingAttachment.sql");

    [ScheduleRetry(typeof(Exception), 2, 10, 60, 300, 1800, 3600, 3600, 3600, 3600, 3600, 3600, 3600, 3600)]
    public static async Task Handle(AttachmentUploadExpired e, NpgsqlDataSource db, ObjectStore store, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var key = await tx.QuerySingleOrDefaultAsync<string?>(Expire, e, ct);
        if (key is null)
        {
            return; // completed, deleted, or already expired by an earlier delivery
        }

        // Within the transaction: a failed delete rolls the row back and the retry tries both again.
        await store.DeleteAsync(key, ct);
        await tx.CommitAsync(ct);
    }
}
