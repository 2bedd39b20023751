using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Tasklane.Infrastructure.Retention;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.RestoreTask;

/// <summary>A task as the trash holds it.</summary>
public sealed record TrashedTask(int Version, DateTime? DeletedAt, Guid? TrashedWith, Guid? ParentId, bool ParentTrashed);

public static class RestoreTaskEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(RestoreTaskEndpoint), "LockTrashedTask.sql");
    private static readonly string Restore = Sql.Load(typeof(RestoreTaskEndpoint), "RestoreTask.sql");
    private static readonly string Restored = TaskResponse.WithColumns(Sql.Load(typeof(RestoreTaskEndpoint), "RestoredTask.sql"));

    // The only task lookup that finds tasks in the trash.
    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskIncludingTrashedAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership, HttpRequest http) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? new FieldErrors().IfMatch(http).ToProblem();

    /// <summary>
    /// Brings back a task deleted less than 30 days ago, with the sub-tasks deleted with it, where they were. 409 when it is
    /// not in the trash, was deleted with its parent (restore that one), or its parent is in the trash (restore it first).
    /// </summary>
    [WolverinePost("/tasks/{taskId}/restore")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Post(
        Guid taskId,
        [NotBody] Membership membership,
        HttpContext context,
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

        if (await tx.QuerySingleOrDefaultAsync<TrashedTask>(Lock, new { taskId }, ct) is not { } trashed)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        var now = clock.DbNow();
        if (
            (RestoreTaskDecision.Refuse(taskId, trashed, now) ?? Preconditions.Stale(context.Request, "The task", trashed.Version)) is
            { } refused
        )
        {
            return Results.Problem(refused);
        }

        var restored = await tx.QueryAsync<Guid>(Restore, new { taskId }, ct);
        var task = await tx.QuerySingleAsync<TaskResponse>(Restored, new { taskId }, ct);
        tx.Publish(
            new TaskRestored(
                Guid.CreateVersion7(),
                task.WorkspaceId,
                task.ProjectId,
                taskId,
                membership.UserId,
                now,
                task.Version,
                restored.Where(id => id != taskId).Order().ToList()
            )
        );
        SubTasks.ProgressChanged(tx, task.ParentId);
        await tx.CommitAsync(ct);
        context.Response.Headers.ETag = task.ETag();
        return Results.Ok(task);
    }
}

public static class RestoreTaskDecision
{
    public static ProblemDetails? Refuse(Guid taskId, TrashedTask trashed, DateTime now) =>
        trashed switch
        {
            { DeletedAt: null } => Problems.Conflict("The task is not in the trash."),
            { TrashedWith: { } root } when root != taskId => Problems.Conflict(
                $"The task was deleted with its parent task {root}. Restore that one; this one comes back with it."
            ),
            { DeletedAt: { } deletedAt } when now - deletedAt > TrashRetention.Window => Problems.Conflict(
                $"The task was deleted more than {TrashRetention.Window.TotalDays:0} days ago and can no longer be restored."
            ),
            { ParentTrashed: true } => Problems.Conflict($"The task's parent task {trashed.ParentId} is in the trash. Restore it first."),
            _ => null,
        };
}
