using System.Security.Claims;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.CountUnreadNotifications;

public sealed record UnreadCountResponse(int Count);

public static class CountUnreadNotificationsEndpoint
{
    private static readonly string Count = Sql.Load(typeof(CountUnreadNotificationsEndpoint), "CountUnreadNotifications.sql");

    /// <summary>How many of the caller's notifications are unread (for a badge), counting only workspaces they are in.</summary>
    [WolverineGet("/me/notifications/unread-count")]
    public static async Task<UnreadCountResponse> Get(ClaimsPrincipal caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return new UnreadCountResponse(
            await connection.ExecuteScalarAsync<int>(
                new CommandDefinition(Count, new { userId = caller.UserId(), scope = caller.WorkspaceScope() }, cancellationToken: ct)
            )
        );
    }
}
