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
using Wolverine.Http;

namespace Tasklane.Features.Tasks.BulkUpdateTasks;

/// <summary>
/// The parsed body. <see cref="SetAssignee"/> false means "assigneeId" was absent (leave as is); with it true the
/// task's assignees become just <see cref="AssigneeId"/>, or none when it is null. Labels are added and removed
/// (not replaced), the common bulk edit. Parsed by hand because absent and null differ.
/// </summary>
public sealed record BulkUpdateRequest(
    IReadOnlyList<Guid> TaskIds, string? Status, bool SetAssignee, Guid? AssigneeId, IReadOnlyList<Guid> AddLabelIds, IReadOnlyList<Guid> RemoveLabelIds)
{
    public const int MaxTasks = 500;
    public const int MaxLabels = 50;
    /// <summary>The fields of the body; public for the fuzz test, as the OpenAPI document sees only a JsonElement.</summary>
    public static readonly IReadOnlyList<string> Fields = ["taskIds", "status", "assigneeId", "addLabelIds", "removeLabelIds"];

    public static BulkUpdateRequest Parse(JsonElement body, FieldErrors errors)
    {
        var none = new BulkUpdateRequest([], null, false, null, [], []);
        if (!JsonBody.TryReadObject(body, Fields, errors))
        {
            return none;
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

        var addLabels = LabelIds(body, "addLabelIds", errors);
        var removeLabels = LabelIds(body, "removeLabelIds", errors);
        if (status is null && !setAssignee && addLabels.Count == 0 && removeLabels.Count == 0)
        {
            errors.Add("body", "Give at least one of status, assigneeId, addLabelIds, removeLabelIds.");
        }

        return new BulkUpdateRequest(ids.Distinct().ToList(), status, setAssignee, assigneeId, addLabels, removeLabels);
    }

    private static List<Guid> LabelIds(JsonElement body, string field, FieldErrors errors)
    {
        var ids = new List<Guid>();
        if (!body.TryGetProperty(field, out var list))
        {
            return ids;
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxLabels)
        {
            errors.Add(field, $"Must be an array of at most {MaxLabels} label ids.");
            return ids;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.TryGetGuid(out var id))
            {
                ids.Add(id);
            }
            else
            {
                errors.Add(field, "Every item must be a label id (UUID).");
                break;
            }
        }

        return ids.Distinct().ToList();
    }
}

public sealed record BulkUpdateResponse(int Updated);

public sealed record BulkTaskRow(Guid Id, Guid WorkspaceId, Guid ProjectId, string Status, Guid[] AssigneeIds, Guid[] LabelIds, double Position, int Version);

public static class BulkUpdateTasksEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(BulkUpdateTasksEndpoint), "LockTasks.sql");
    private static readonly string ColumnEnd = Sql.Load(typeof(BulkUpdateTasksEndpoint), "ColumnEnd.sql");
    private static readonly string Update = Sql.Load(typeof(BulkUpdateTasksEndpoint), "BulkUpdateTasks.sql");
    private static readonly string SaveLinks = Sql.Load(typeof(BulkUpdateTasksEndpoint), "SaveBulkLinks.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.WriteContent) ?? Access.DenyArchived(membership) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Sets status and/or assignee and adds/removes labels of up to 500 tasks of one project, all or nothing: any id that is not a
    /// task of this project refuses the whole request. One TaskUpdated per task that changed, in the same commit.
    /// </summary>
    [WolverinePost("/projects/{projectId}/tasks/bulk")]
    [ProducesResponseType<BulkUpdateResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        JsonElement body, Membership membership, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var request = BulkUpdateRequest.Parse(body, errors);
        if (errors.Any)
        {
            return Results.Problem(errors.ToProblem());
        }

        var projectId = membership.ProjectId!.Value;
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        if (request.Status is { } status)
        {
            await ColumnLock.TakeAsync(tx, projectId, status, ct);
        }

        // The labels before the tasks (see ForeignLabelsAsync).
        var foreignLabels = await TaskLinks.ForeignLabelsAsync(tx, membership.WorkspaceId, [.. request.AddLabelIds], ct);
        if (foreignLabels.Count > 0)
        {
            return Results.Problem(new FieldErrors().Add("addLabelIds", $"Not labels of this workspace: {string.Join(", ", foreignLabels)}.").ToProblem());
        }

        var rows = (await tx.QueryAsync<BulkTaskRow>(Lock,
            new { ProjectId = projectId, ids = request.TaskIds.ToArray() }, ct)).AsList();
        if (rows.Count != request.TaskIds.Count)
        {
            // Ids of other projects or workspaces get the same answer as ids that do not exist.
            var missing = request.TaskIds.Except(rows.Select(r => r.Id)).Take(10);
            return Results.Problem(new FieldErrors().Add("taskIds", $"Not tasks of this project: {string.Join(", ", missing)}.").ToProblem());
        }

        if (request is { SetAssignee: true, AssigneeId: { } assignee }
            && (await TaskLinks.NonMembersAsync(tx, membership.WorkspaceId, [assignee], ct)).Count > 0)
        {
            return Results.Problem(new FieldErrors().Add("assigneeId", "Is not a member of this workspace.").ToProblem());
        }

        var columnEnd = request.Status is null ? 0
            : await tx.ExecuteScalarAsync<double>(ColumnEnd, new { ProjectId = projectId, request.Status }, ct);
        var changes = BulkUpdateTasksDecision.Decide(rows, request, columnEnd, membership.UserId, clock.DbNow());
        if (changes.Count > 0)
        {
            var updated = changes.Select(c => c.Task).ToList();
            await tx.ExecuteAsync(Update, new
            {
                ids = updated.Select(t => t.Id).ToArray(),
                statuses = updated.Select(t => t.Status).ToArray(),
                assignees = updated.Select(t => t.AssigneeIds.Length > 0 ? t.AssigneeIds[0] : (Guid?)null).ToArray(),
                positions = updated.Select(t => t.Position).ToArray(),
                versions = updated.Select(t => t.Version).ToArray(),
                now = changes[0].Event.OccurredAt,
            }, ct);
            var relinked = changes.Where(c => c.Event.Changes.AssigneeIds is not null).Select(c => c.Task).ToList();
            var relabelled = changes.Where(c => c.Event.Changes.LabelIds is not null).Select(c => c.Task).ToList();
            await tx.ExecuteAsync(SaveLinks, new
            {
                assigneeTasks = relinked.Select(t => t.Id).ToArray(),
                assigneePairTasks = relinked.SelectMany(t => t.AssigneeIds.Select(_ => t.Id)).ToArray(),
                assigneePairUsers = relinked.SelectMany(t => t.AssigneeIds).ToArray(),
                labelTasks = relabelled.Select(t => t.Id).ToArray(),
                labelPairTasks = relabelled.SelectMany(t => t.LabelIds.Select(_ => t.Id)).ToArray(),
                labelPairLabels = relabelled.SelectMany(t => t.LabelIds).ToArray(),
            }, ct);
            foreach (var change in changes)
            {
                tx.Publish(change.Event);
            }

            await tx.CommitAsync(ct);
        }

        return Results.Ok(new BulkUpdateResponse(changes.Count));
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class BulkUpdateTasksDecision
{
    /// <summary>
    /// The tasks that change, each with its TaskUpdated. Tasks entering another status column join its end
    /// (after <paramref name="columnEnd"/>), in their current order; tasks already as requested are left alone.
    /// </summary>
    public static List<(BulkTaskRow Task, TaskUpdated Event)> Decide(
        IReadOnlyList<BulkTaskRow> tasks, BulkUpdateRequest request, double columnEnd, Guid actorId, DateTime now)
    {
        var result = new List<(BulkTaskRow, TaskUpdated)>();
        var end = columnEnd;
        foreach (var task in tasks.OrderBy(t => t.Position).ThenBy(t => t.Id))
        {
            var changes = new TaskChanges();
            var next = task;
            if (request.Status is { } status && status != task.Status)
            {
                changes = changes with { Status = new(task.Status, status) };
                next = next with { Status = status, Position = end += TaskRules.PositionStep };
            }

            if (request.SetAssignee)
            {
                Guid[] assignees = request.AssigneeId is { } one ? [one] : [];
                if (TaskChanges.Between(task.AssigneeIds, assignees) is { } reassigned)
                {
                    changes = changes with { AssigneeIds = reassigned };
                    next = next with { AssigneeIds = assignees };
                }
            }

            var labels = task.LabelIds.Union(request.AddLabelIds).Except(request.RemoveLabelIds).Order().ToArray();
            if (TaskChanges.Between(task.LabelIds, labels) is { } relabelled)
            {
                changes = changes with { LabelIds = relabelled };
                next = next with { LabelIds = labels };
            }

            if (changes.Any)
            {
                next = next with { Version = task.Version + 1 };
                result.Add((next, new TaskUpdated(Guid.CreateVersion7(), task.WorkspaceId, task.ProjectId, task.Id, actorId, now, next.Version, changes)));
            }
        }

        return result;
    }
}
