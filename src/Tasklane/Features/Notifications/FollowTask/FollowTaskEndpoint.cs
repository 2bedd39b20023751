using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.FollowTask;

public static class FollowTaskEndpoint
{
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
    public static async Task<IResult> Put(
        Guid taskId,
        [NotBody] Membership membership,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await TaskFollowing.SetAsync(db, taskId, membership.UserId, following: true, clock.DbNow(), ct);
        return Results.NoContent();
    }
}
