using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

/// <summary>
/// The lock on one status column of a project's board (see LockColumn.sql): multi-row appends to the column take it so
/// two of them never compute the same positions. Take it before any row lock.
/// </summary>
public static class ColumnLock
{
    private static readonly string LockSql = Sql.Load(typeof(ColumnLock), "LockColumn.sql");

    /// <summary>Waits for the lock on the column of status <paramref name="statusId"/> of the project; held until the transaction ends.</summary>
    public static Task TakeAsync(OutboxTransaction tx, Guid projectId, Guid statusId, CancellationToken ct) =>
        tx.ExecuteAsync(LockSql, new { ProjectId = projectId, StatusId = statusId }, ct);
}
