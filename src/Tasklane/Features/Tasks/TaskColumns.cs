using System.Data.Common;
using Dapper;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Tasks;

/// <summary>Serialises multi-row appends to a project's status column (see LockColumn.sql). Take it before any row lock.</summary>
public static class TaskColumns
{
    private static readonly string LockSql = Sql.Load(typeof(TaskColumns), "LockColumn.sql");

    public static Task LockAsync(DbConnection connection, DbTransaction transaction, Guid projectId, string status, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(LockSql, new { ProjectId = projectId, Status = status }, transaction, cancellationToken: ct));
}
