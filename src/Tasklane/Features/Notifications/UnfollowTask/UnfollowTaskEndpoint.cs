using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Notifications.UnfollowTask;

public static class UnfollowTaskEndpoint
{
    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The task") ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Stops comment notifications for the task, even for its creator, assignees and commenters (mentions and
    /// assignments still notify). Recorded as an explicit "not following", so it survives commenting again.
    /// </summary>
    /// <remarks>[NotBody]: a DELETE has no body; without it Wolverine would read the membership from one.</remarks>
    [WolverineDelete("/tasks/{taskId}/follow")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(
        Guid taskId,
        [NotBody] Membership membership,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await TaskFollowing.SetAsync(db, taskId, membership.UserId, following: false, clock.DbNow(), ct);
        return Results.NoContent();
    }
}
