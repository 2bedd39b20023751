using System.Data.Common;
using Dapper;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Tasks;

/// <summary>
/// The lock on one status column of a project's board (see LockColumn.sql): multi-row appends to the column take it so
/// two of them never compute the same positions. Take it before any row lock.
/// </summary>
public static class ColumnLock
{
    private static readonly string LockSql = Sql.Load(typeof(ColumnLock), "LockColumn.sql");

    /// <summary>Waits for the lock on <paramref name="status"/>'s column of the project; held until the transaction ends.</summary>
    public static Task TakeAsync(DbConnection connection, DbTransaction transaction, Guid projectId, string status, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(LockSql, new { ProjectId = projectId, Status = status }, transaction, cancellationToken: ct));
}
