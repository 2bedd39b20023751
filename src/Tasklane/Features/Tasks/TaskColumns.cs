using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

/// <summary>Serialises multi-row appends to a project's status column (see LockColumn.sql). Take it before any row lock.</summary>
public static class TaskColumns
{
    private static readonly string LockSql = Sql.Load(typeof(TaskColumns), "LockColumn.sql");

    public static Task LockAsync(OutboxTransaction tx, Guid projectId, string status, CancellationToken ct) =>
        tx.ExecuteAsync(LockSql, new { ProjectId = projectId, Status = status }, ct);
}
