using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Relations.RemoveRelation;

public sealed record RemovedRelation(string Kind, bool Leads, Guid OtherTaskId);

public static class RemoveRelationEndpoint
{
    private static readonly string Delete = Sql.Load(typeof(RemoveRelationEndpoint), "RemoveRelation.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The task", Permission.WriteContent) ?? Access.DenyArchived(membership) ?? WolverineContinue.NoProblems;

    /// <summary>Removes one of the task's relations, for both tasks.</summary>
    /// <remarks><c>[NotBody]</c>: a DELETE has no body; without it Wolverine reads the loaded membership from one.</remarks>
    [WolverineDelete("/tasks/{taskId}/relations/{relationId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Remove(
        Guid taskId,
        Guid relationId,
        [NotBody] Membership membership,
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

        var removed = await tx.QuerySingleOrDefaultAsync<RemovedRelation>(Delete, new { TaskId = taskId, RelationId = relationId }, ct);
        if (removed is null)
        {
            return Results.Problem(Problems.NotFound("The relation"));
        }

        tx.Publish(RemoveRelationDecision.Decide(taskId, relationId, removed, membership, clock.DbNow()));
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }
}

public static class RemoveRelationDecision
{
    public static TaskRelationRemoved Decide(Guid taskId, Guid relationId, RemovedRelation removed, Membership membership, DateTime now) =>
        new(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.ProjectId!.Value,
            taskId,
            membership.UserId,
            now,
            relationId,
            RelationType.Of(removed.Kind, removed.Leads),
            removed.OtherTaskId
        );
}
