using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Recurrences.RemoveRecurrence;

public static class RemoveRecurrenceEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(RemoveRecurrenceEndpoint), "RemoveRecurrence.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership, HttpRequest request) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? new FieldErrors().IfMatch(request).ToProblem();

    /// <summary>
    /// The task stops recurring: no further occurrence is created (the task itself stays). With <c>If-Match</c>, a stale
    /// version is 412.
    /// </summary>
    /// <remarks><c>[NotBody]</c>: a DELETE has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverineDelete("/tasks/{taskId}/recurrence")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Remove(
        Guid taskId,
        [NotBody] Membership membership,
        HttpRequest request,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        if (await RecurrenceRow.LockByTaskAsync(tx, taskId, ct) is not { } current)
        {
            return Results.Problem(Problems.NotFound("The recurrence"));
        }

        if (Preconditions.Stale(request, "The recurrence", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        // The scheduled message of its version finds no row and does nothing.
        await tx.ExecuteAsync(Delete, new { RecurrenceId = current.Id }, ct);
        tx.Publish(RemoveRecurrenceDecision.Decide(taskId, current, membership, clock.DbNow()));
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}

public static class RemoveRecurrenceDecision
{
    public static TaskRecurrenceRemoved Decide(Guid taskId, RecurrenceRow removed, Membership membership, DateTime now) =>
        new(Guid.CreateVersion7(), membership.WorkspaceId, membership.ProjectId!.Value, taskId, membership.UserId, now, removed.Id);
}
