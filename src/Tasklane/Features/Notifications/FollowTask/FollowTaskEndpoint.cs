using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.FollowTask;

public static class FollowTaskEndpoint
{
    private static readonly string Follow = Sql.Load(typeof(FollowTaskEndpoint), "FollowTask.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The task") ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Follows the task: the caller is told about new comments on it. Creator, assignees and commenters follow
    /// without this; it undoes an earlier unfollow. Anyone who can see the task may follow it.
    /// </summary>
    /// <remarks>[NotBody]: the PUT has no body; without it Wolverine would read the membership from one.</remarks>
    [WolverinePut("/tasks/{taskId}/follow")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Put(Guid taskId, [NotBody] Membership membership, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Follow, new { taskId, membership.UserId, following = true, now = clock.DbNow() }, cancellationToken: ct));
        return Results.NoContent();
    }
}
