using System.Security.Claims;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.MarkAllNotificationsRead;

public sealed record MarkAllReadResponse(int Marked);

public static class MarkAllNotificationsReadEndpoint
{
    private static readonly string Mark = Sql.Load(typeof(MarkAllNotificationsReadEndpoint), "MarkAllNotificationsRead.sql");

    /// <summary>Marks all the caller's unread notifications read; answers how many were unread.</summary>
    [WolverinePost("/me/notifications/read-all")]
    public static async Task<MarkAllReadResponse> Post(
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var marked = await connection.ExecuteAsync(
            new CommandDefinition(
                Mark,
                new
                {
                    userId = caller.UserId(),
                    now = clock.DbNow(),
                    scope = caller.WorkspaceScope(),
                },
                cancellationToken: ct
            )
        );
        return new MarkAllReadResponse(marked);
    }
}
