using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.MarkNotificationRead;

public static class MarkNotificationReadEndpoint
{
    private static readonly string Mark = Sql.Load(typeof(MarkNotificationReadEndpoint), "MarkNotificationRead.sql");

    /// <summary>
    /// Marks one of the caller's notifications read (again is fine: the first time is kept). Anyone else's
    /// notification, or one of a workspace the caller has left, is not found.
    /// </summary>
    [WolverinePost("/me/notifications/{notificationId}/read")]
    [ProducesResponseType<NotificationResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid notificationId,
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var marked = await connection.QuerySingleOrDefaultAsync<NotificationResponse>(
            new CommandDefinition(
                Mark,
                new
                {
                    notificationId,
                    userId = caller.UserId(),
                    now = clock.DbNow(),
                    scope = caller.WorkspaceScope(),
                },
                cancellationToken: ct
            )
        );
        return marked is null ? Results.Problem(Problems.NotFound("The notification")) : Results.Ok(marked);
    }
}
