using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Statuses.DeleteStatus;

public static class DeleteStatusEndpoint
{
    private static readonly string Count = Sql.Load(typeof(DeleteStatusEndpoint), "CountTasks.sql");
    private static readonly string Move = Sql.Load(typeof(DeleteStatusEndpoint), "MoveTasks.sql");
    private static readonly string Remove = Sql.Load(typeof(DeleteStatusEndpoint), "DeleteStatus.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Guid statusId, Guid? moveTo, HttpRequest http, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects)
        ?? Access.DenyArchived(membership)
        ?? new FieldErrors().Check("moveTo", moveTo != statusId, "Cannot be the status being deleted.").IfMatch(http).ToProblem();

    /// <summary>
    /// Deletes a status. Its tasks, if it has any, move in the same transaction to <c>moveTo</c> (required then), whatever
    /// that status' WIP limit. 409 for the last status of a category; 412 on a stale If-Match.
    /// </summary>
    /// <remarks>[NotBody]: a DELETE has no body; without it Wolverine would read the membership from one.</remarks>
    [WolverineDelete("/projects/{projectId}/statuses/{statusId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Delete(
        Guid projectId,
        Guid statusId,
        Guid? moveTo,
        [NotBody] Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        var current = await StatusRules.LockAsync(tx, projectId, statusId, ct);
        if (current is null)
        {
            return Results.Problem(Problems.NotFound("The status"));
        }

        if (Preconditions.Stale(context.Request, "The status", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        if (await StatusRules.KeepsCategoryAsync(tx, current, ct) is { } last)
        {
            return Results.Problem(last);
        }

        var ids = new
        {
            ProjectId = projectId,
            StatusId = statusId,
            MoveTo = moveTo,
            Now = now,
        };
        var held = await tx.QuerySingleAsync<int>(Count, ids, ct);
        if (held > 0)
        {
            if (moveTo is null)
            {
                return Results.Problem(
                    Problems.Conflict(
                        $"\"{current.Name}\" holds {held} tasks (in the trash included): name the status to move them to in moveTo."
                    )
                );
            }

            if (await StatusRules.LockAsync(tx, projectId, moveTo.Value, ct) is null)
            {
                return Results.Problem(new FieldErrors().Add("moveTo", "Must be another status of the project.").ToProblem());
            }

            await StatusRules.RewriteTasksAsync(tx, Move, ids, ct);
        }

        await tx.ExecuteAsync(Remove, ids, ct);
        tx.Publish(
            new StatusDeleted(
                Guid.CreateVersion7(),
                membership.WorkspaceId,
                projectId,
                statusId,
                membership.UserId,
                now,
                current.Name,
                held > 0 ? moveTo : null,
                held
            )
        );
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}
