using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.BulkUpdateTasks;

/// <summary>
/// The parsed body. <see cref="SetAssignee"/> false means "assigneeId" was absent (leave as is); with it true a
/// null <see cref="AssigneeId"/> clears the assignee. Parsed by hand because absent and null differ.
/// </summary>
public sealed record BulkUpdateRequest(IReadOnlyList<Guid> TaskIds, string? Status, bool SetAssignee, Guid? AssigneeId)
{
    public const int MaxTasks = 500;

    public static BulkUpdateRequest Parse(JsonElement body, FieldErrors errors)
    {
        var none = new BulkUpdateRequest([], null, false, null);
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "A JSON object is required.");
            return none;
        }

        foreach (var property in body.EnumerateObject().Where(p => p.Name is not ("taskIds" or "status" or "assigneeId")))
        {
            errors.Add(property.Name, "Unknown field. Fields: taskIds, status, assigneeId.");
        }

        var ids = new List<Guid>();
        if (!body.TryGetProperty("taskIds", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add("taskIds", "Required: an array of task ids.");
        }
        else if (list.GetArrayLength() is 0 or > MaxTasks)
        {
            errors.Add("taskIds", $"Must hold 1 to {MaxTasks} task ids.");
        }
        else
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.TryGetGuid(out var id))
                {
                    ids.Add(id);
                }
                else
                {
                    errors.Add("taskIds", "Every item must be a task id (UUID).");
                    break;
                }
            }
        }

        string? status = null;
        if (body.TryGetProperty("status", out var s))
        {
            if (s.ValueKind == JsonValueKind.String)
            {
                errors.OneOf("status", status = s.GetString(), TaskRules.Statuses);
            }
            else
            {
                errors.Add("status", "Must be a string.");
            }
        }

        var setAssignee = body.TryGetProperty("assigneeId", out var a);
        Guid? assigneeId = null;
        if (setAssignee && a.ValueKind == JsonValueKind.String && a.TryGetGuid(out var user))
        {
            assigneeId = user;
        }
        else if (setAssignee && a.ValueKind != JsonValueKind.Null)
        {
            errors.Add("assigneeId", "Must be a user id (UUID) or null.");
        }

        if (status is null && !setAssignee)
        {
            errors.Add("body", "Give at least one of status, assigneeId.");
        }

        return new BulkUpdateRequest(ids.Distinct().ToList(), status, setAssignee, assigneeId);
    }
}

public sealed record BulkUpdateResponse(int Updated);

public sealed record BulkTaskRow(Guid Id, Guid WorkspaceId, Guid ProjectId, string Status, Guid? AssigneeId, double Position, int Version);

public static class BulkUpdateTasksEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(BulkUpdateTasksEndpoint), "LockTasks.sql");
    private static readonly string ColumnEnd = Sql.Load(typeof(BulkUpdateTasksEndpoint), "ColumnEnd.sql");
    private static readonly string IsMember = Sql.Load(typeof(BulkUpdateTasksEndpoint), "IsMember.sql");
    private static readonly string Update = Sql.Load(typeof(BulkUpdateTasksEndpoint), "BulkUpdateTasks.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.WriteContent) ?? Access.DenyArchived(membership) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Sets status and/or assignee of up to 500 tasks of one project, all or nothing: any id that is not a
    /// task of this project refuses the whole request. One TaskUpdated per task that changed, in the same commit.
    /// </summary>
    [WolverinePost("/projects/{projectId}/tasks/bulk")]
    [ProducesResponseType<BulkUpdateResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        JsonElement body, Membership membership, Outbox outbox, IMessageContext bus, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = BulkUpdateRequest.Parse(body, errors);
        if (errors.Any)
        {
            return Results.Problem(errors.ToProblem());
        }

        var projectId = membership.ProjectId!.Value;
        await using var tx = await outbox.BeginAsync(bus, ct);
        if (await ProjectGuard.LockWritableAsync(tx.Connection, tx.Transaction, projectId, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        var rows = (await tx.Connection.QueryAsync<BulkTaskRow>(new CommandDefinition(Lock,
            new { ProjectId = projectId, ids = request.TaskIds.ToArray() }, tx.Transaction, cancellationToken: ct))).AsList();
        if (rows.Count != request.TaskIds.Count)
        {
            // Ids of other projects or workspaces get the same answer as ids that do not exist.
            var missing = request.TaskIds.Except(rows.Select(r => r.Id)).Take(10);
            return Results.Problem(new FieldErrors().Add("taskIds", $"Not tasks of this project: {string.Join(", ", missing)}.").ToProblem());
        }

        if (request is { SetAssignee: true, AssigneeId: { } assignee }
            && !await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(IsMember, new { membership.WorkspaceId, userId = assignee }, tx.Transaction, cancellationToken: ct)))
        {
            return Results.Problem(new FieldErrors().Add("assigneeId", "Is not a member of this workspace.").ToProblem());
        }

        var columnEnd = request.Status is null ? 0
            : await tx.Connection.ExecuteScalarAsync<double>(new CommandDefinition(ColumnEnd, new { ProjectId = projectId, request.Status }, tx.Transaction, cancellationToken: ct));
        var changes = BulkUpdateTasksHandler.Handle(rows, request, columnEnd, membership.UserId, clock.GetUtcNow().UtcDateTime);
        if (changes.Count > 0)
        {
            var updated = changes.Select(c => c.Task).ToList();
            await tx.Connection.ExecuteAsync(new CommandDefinition(Update, new
            {
                ids = updated.Select(t => t.Id).ToArray(),
                statuses = updated.Select(t => t.Status).ToArray(),
                assignees = updated.Select(t => t.AssigneeId).ToArray(),
                positions = updated.Select(t => t.Position).ToArray(),
                versions = updated.Select(t => t.Version).ToArray(),
                now = changes[0].Event.OccurredAt,
            }, tx.Transaction, cancellationToken: ct));
            foreach (var change in changes)
            {
                await tx.PublishAsync(change.Event);
            }

            await tx.CommitAsync(ct);
        }

        return Results.Ok(new BulkUpdateResponse(changes.Count));
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
[WolverineIgnore]
public static class BulkUpdateTasksHandler
{
    /// <summary>
    /// The tasks that change, each with its TaskUpdated. Tasks entering another status column join its end
    /// (after <paramref name="columnEnd"/>), in their current order; tasks already as requested are left alone.
    /// </summary>
    public static List<(BulkTaskRow Task, TaskUpdated Event)> Handle(
        IReadOnlyList<BulkTaskRow> tasks, BulkUpdateRequest request, double columnEnd, Guid actorId, DateTime now)
    {
        var result = new List<(BulkTaskRow, TaskUpdated)>();
        var end = columnEnd;
        foreach (var task in tasks.OrderBy(t => t.Position).ThenBy(t => t.Id))
        {
            var changes = new Dictionary<string, FieldChange>();
            var next = task;
            if (request.Status is { } status && status != task.Status)
            {
                changes["status"] = new FieldChange(task.Status, status);
                next = next with { Status = status, Position = end += TaskRules.PositionStep };
            }

            if (request.SetAssignee && request.AssigneeId != task.AssigneeId)
            {
                changes["assigneeId"] = new FieldChange(task.AssigneeId?.ToString(), request.AssigneeId?.ToString());
                next = next with { AssigneeId = request.AssigneeId };
            }

            if (changes.Count > 0)
            {
                next = next with { Version = task.Version + 1 };
                result.Add((next, new TaskUpdated(Guid.CreateVersion7(), task.WorkspaceId, task.ProjectId, task.Id, actorId, now, next.Version, changes)));
            }
        }

        return result;
    }
}
