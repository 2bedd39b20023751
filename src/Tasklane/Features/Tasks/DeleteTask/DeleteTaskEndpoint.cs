using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.DeleteTask;

public static class DeleteTaskEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(DeleteTaskEndpoint), "LockTask.sql");
    private static readonly string Trash = Sql.Load(typeof(DeleteTaskEndpoint), "TrashTask.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership, HttpRequest http) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? new FieldErrors().IfMatch(http).ToProblem();

    /// <summary>
    /// Moves the task to the trash with its sub-tasks (any depth): they disappear at once (404, gone from lists, search and
    /// exports) and can be restored together for 30 days (<c>POST /tasks/{id}/restore</c>); then the worker purges them with
    /// their comments and attachments. An archived project's tasks are read-only (409).
    /// </summary>
    /// <remarks><c>[NotBody]</c>: a DELETE has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverineDelete("/tasks/{taskId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Delete(
        Guid taskId,
        [NotBody] Membership membership,
        HttpRequest http,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } blocked)
        {
            return Results.Problem(blocked);
        }

        if (await tx.QuerySingleOrDefaultAsync<(int Version, Guid? ParentId)?>(Lock, new { taskId }, ct) is not { } row)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        var (version, parentId) = row;

        if (Preconditions.Stale(http, "The task", version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var now = clock.DbNow();
        var trashed = await tx.QueryAsync<Guid>(
            Trash,
            new
            {
                taskId,
                now,
                actorId = membership.UserId,
            },
            ct
        );
        tx.Publish(DeleteTaskDecision.Decide(membership, taskId, version, trashed, now));
        SubTasks.ProgressChanged(tx, parentId);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}

public static class DeleteTaskDecision
{
    public static TaskDeleted Decide(Membership membership, Guid taskId, int version, IEnumerable<Guid> trashed, DateTime now) =>
        new(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.ProjectId!.Value,
            taskId,
            membership.UserId,
            now,
            version + 1,
            trashed.Where(id => id != taskId).Order().ToList()
        );
}
