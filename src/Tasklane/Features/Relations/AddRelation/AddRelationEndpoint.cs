using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Relations.AddRelation;

/// <summary>How the task in the path relates to the task <c>taskId</c>: <c>type</c> is "blocks", "blocked_by", … from its side.</summary>
public sealed record AddRelationRequest(RelationType? Type, Guid? TaskId);

public sealed record RelatedTask(Guid Id, Guid ProjectId, string Title, StatusCategory Status);

public sealed record RelationRow(
    Guid Id,
    Guid WorkspaceId,
    string Kind,
    Guid FromTaskId,
    Guid ToTaskId,
    Guid CreatedBy,
    DateTime CreatedAt
);

public static class AddRelationEndpoint
{
    private static readonly string LockTasks = Sql.Load(typeof(AddRelationEndpoint), "LockTasks.sql");
    private static readonly string LockWorkspaceBlocks = Sql.Load(typeof(AddRelationEndpoint), "LockWorkspaceBlocks.sql");
    private static readonly string WouldCycle = Sql.Load(typeof(AddRelationEndpoint), "WouldCycle.sql");
    private static readonly string CountRelations = Sql.Load(typeof(AddRelationEndpoint), "CountRelations.sql");
    private static readonly string Insert = Sql.Load(typeof(AddRelationEndpoint), "AddRelation.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Guid taskId, AddRelationRequest? request, Membership? membership) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .Check("type", request.Type is not null, "Required.")
                    .OneOf("type", request.Type)
                    .Check("taskId", request.TaskId is not null, "Required.")
                    .Check("taskId", request.TaskId != taskId, "A task cannot be related to itself.")
                    .ToProblem()
        );

    /// <summary>
    /// Relates the task to another task of its workspace, in any of its projects. 409 when the two are already related
    /// that way, when "blocks" would close a cycle (A blocks B blocks … blocks A), or at the most relations a task may have (<c>RelationRules.PerTaskMax</c>)
    /// relations.
    /// </summary>
    [WolverinePost("/tasks/{taskId}/relations")]
    [ProducesResponseType<RelationResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid taskId,
        AddRelationRequest request,
        Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var otherId = request.TaskId!.Value;
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        var tasks = (
            await tx.QueryAsync<RelatedTask>(
                LockTasks,
                new
                {
                    TaskId = taskId,
                    OtherTaskId = otherId,
                    membership.WorkspaceId,
                },
                ct
            )
        ).ToList();
        if (tasks.Find(t => t.Id == taskId) is null)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        if (tasks.Find(t => t.Id == otherId) is not { } other)
        {
            return Results.Problem(new FieldErrors().Add("taskId", "No such task in this task's workspace.").ToProblem());
        }

        var (row, added) = AddRelationDecision.Decide(taskId, request.Type!.Value, other, membership, clock.DbNow());
        if (row.Kind == RelationType.Blocks.Kind)
        {
            await tx.ExecuteAsync(LockWorkspaceBlocks, new { membership.WorkspaceId }, ct);
            if (await tx.QuerySingleAsync<bool>(WouldCycle, new { From = row.FromTaskId, To = row.ToTaskId }, ct))
            {
                return Results.Problem(
                    Problems.Conflict(
                        "The relation would close a cycle: the other task already blocks this one, directly or through others."
                    )
                );
            }
        }

        if (await tx.QuerySingleAsync<int>(CountRelations, new { TaskId = taskId }, ct) >= RelationRules.PerTaskMax)
        {
            return Results.Problem(Problems.Conflict($"A task can have at most {RelationRules.PerTaskMax} relations."));
        }

        if (await tx.ExecuteAsync(Insert, row, ct) == 0)
        {
            return Results.Problem(Problems.Conflict("The two tasks are already related that way."));
        }

        tx.Publish(added);
        await tx.CommitAsync(ct);
        return Results.Created(
            ApiRoutes.Path($"tasks/{taskId}/relations"),
            new RelationResponse(row.Id, added.Type, other.Id, other.ProjectId, other.Title, other.Status, row.CreatedAt)
        );
    }
}

public static class AddRelationDecision
{
    /// <summary>The stored row (from the task that leads: the blocker, the duplicate) and the event.</summary>
    public static (RelationRow Row, TaskRelationAdded Added) Decide(
        Guid taskId,
        RelationType type,
        RelatedTask other,
        Membership membership,
        DateTime now
    )
    {
        var leads = type.Leads;
        var id = Guid.CreateVersion7();
        var row = new RelationRow(
            id,
            membership.WorkspaceId,
            type.Kind,
            leads ? taskId : other.Id,
            leads ? other.Id : taskId,
            membership.UserId,
            now
        );
        var added = new TaskRelationAdded(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            membership.ProjectId!.Value,
            taskId,
            membership.UserId,
            now,
            id,
            type,
            other.Id
        );
        return (row, added);
    }
}
