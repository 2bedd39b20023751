using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Database;

namespace Tasklane.Features.Notifications;

/// <summary>The caller's explicit choice to follow a task or not, shared by the follow and unfollow slices.</summary>
public static class TaskFollowing
{
    private static readonly string Set = Sql.Load(typeof(TaskFollowing), "SetFollowing.sql");

    public static async Task SetAsync(NpgsqlDataSource db, Guid taskId, Guid userId, bool following, DateTime now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(
            new CommandDefinition(
                Set,
                new
                {
                    taskId,
                    UserId = userId,
                    following,
                    now,
                },
                cancellationToken: ct
            )
        );
    }
}
