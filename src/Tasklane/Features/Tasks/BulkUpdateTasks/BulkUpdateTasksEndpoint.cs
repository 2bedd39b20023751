using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.CustomFields;
using Tasklane.Features.Projects;
using Tasklane.Features.Statuses;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.BulkUpdateTasks;

/// <summary>
/// An absent <see cref="AssigneeId"/> leaves the assignees as they are; otherwise the tasks' assignees become just that
/// user, or none when it is null. Labels are added and removed (not replaced), the common bulk edit. Custom fields named are
/// set (or cleared by null) on every task; the others keep their values.
/// </summary>
public sealed record BulkUpdateTasksRequest : StrictBody
{
    [MinLength(1), MaxLength(MaxTasks)]
    public Optional<Guid[]> TaskIds { get; init; }
    public Optional<StatusCategory> Status { get; init; }

    /// <summary>The column the tasks go to; or <see cref="Status"/> for the project's first status of that category.</summary>
    public Optional<Guid> StatusId { get; init; }

    /// <summary>Lets an admin or owner exceed the column's WIP limit.</summary>
    public Optional<bool> OverrideWipLimit { get; init; }

    public Optional<Guid?> AssigneeId { get; init; }

    [MaxLength(MaxLabels)]
    public Optional<Guid[]> AddLabelIds { get; init; }

    [MaxLength(MaxLabels)]
    public Optional<Guid[]> RemoveLabelIds { get; init; }

    /// <summary>Custom field values to set on every task, by field id; null clears a field.</summary>
    public Optional<Dictionary<Guid, JsonElement>> CustomFields { get; init; }

    public const int MaxTasks = 500;
    public const int MaxLabels = 50;

    public FieldErrors Validate()
    {
        var errors = RefuseUnknownFields(new FieldErrors());
        if (TaskIds.Value is not { } taskIds)
        {
            errors.Add("taskIds", TaskIds.IsMalformed ? "Must be an array of task ids (UUIDs)." : "Required: an array of task ids.");
        }
        else if (taskIds.Length is 0 or > MaxTasks)
        {
            errors.Add("taskIds", $"Must hold 1 to {MaxTasks} task ids.");
        }

        var labels = $"Must be an array of at most {MaxLabels} label ids (UUIDs).";
        errors
            .Typed("status", Status, "Must be a string.", nullable: false)
            .OneOf("status", Status)
            .Typed("statusId", StatusId, "Must be a status id (UUID).", nullable: false)
            .Typed("overrideWipLimit", OverrideWipLimit, "Must be true or false.", nullable: false)
            .Typed("assigneeId", AssigneeId, "Must be a user id (UUID) or null.", nullable: true)
            .Typed("addLabelIds", AddLabelIds, labels, nullable: false)
            .Check("addLabelIds", AddLabelIds.Value is not { Length: > MaxLabels }, labels)
            .Typed("removeLabelIds", RemoveLabelIds, labels, nullable: false)
            .Check("removeLabelIds", RemoveLabelIds.Value is not { Length: > MaxLabels }, labels)
            .Typed("customFields", CustomFields, "Must be an object of custom field ids to values.", nullable: false)
            .Check(
                "customFields",
                CustomFields.Value is not { Count: > CustomFieldValues.MaxPerWrite },
                $"At most {CustomFieldValues.MaxPerWrite}."
            );
        if (
            !errors.Any
            && !Status.IsPresent
            && !StatusId.IsPresent
            && !AssigneeId.IsPresent
            && AddLabelIds.Value is not { Length: > 0 }
            && RemoveLabelIds.Value is not { Length: > 0 }
            && CustomFields.Value is not { Count: > 0 }
        )
        {
            errors.Add("body", "Give at least one of status, statusId, assigneeId, addLabelIds, removeLabelIds, customFields.");
        }

        return errors;
    }

    /// <summary>Whether the tasks change column.</summary>
    public bool MovesTasks => Status.IsPresent || StatusId.IsPresent;

    /// <summary>The tasks named, each once.</summary>
    public Guid[] DistinctTaskIds() => (TaskIds.Value ?? []).Distinct().ToArray();
}

public sealed record BulkUpdateResponse(int Updated);

public sealed record BulkTaskRow(
    Guid Id,
    Guid WorkspaceId,
    Guid ProjectId,
    StatusCategory Status,
    Guid[] AssigneeIds,
    Guid[] LabelIds,
    double Position,
    int Version,
    Guid? ParentId = null,
    Guid StatusId = default,
    Dictionary<Guid, JsonElement>? CustomFields = null
);

public static class BulkUpdateTasksEndpoint
{
    private static readonly string Lock = Sql.Load(typeof(BulkUpdateTasksEndpoint), "LockTasks.sql");
    private static readonly string ColumnEnd = Sql.Load(typeof(BulkUpdateTasksEndpoint), "ColumnEnd.sql");
    private static readonly string Update = Sql.Load(typeof(BulkUpdateTasksEndpoint), "BulkUpdateTasks.sql");
    private static readonly string SaveLinks = Sql.Load(typeof(BulkUpdateTasksEndpoint), "SaveBulkLinks.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(BulkUpdateTasksRequest? request, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (request is null ? FieldErrors.MissingBody() : request.Validate().ToProblem());

    /// <summary>
    /// Sets status and/or assignee and adds/removes labels of up to 500 tasks of one project, all or nothing: any id that is not a
    /// task of this project refuses the whole request. One TaskUpdated per task that changed, in the same commit.
    /// </summary>
    [WolverinePost("/projects/{projectId}/tasks/bulk")]
    [ProducesResponseType<BulkUpdateResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        BulkUpdateTasksRequest request,
        Membership membership,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var taskIds = request.DistinctTaskIds();
        var projectId = membership.ProjectId!.Value;
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        StatusResponse? column = null;
        if (request.MovesTasks)
        {
            Guid? statusId = request.StatusId.IsPresent ? request.StatusId.Value : null;
            StatusCategory? category = request.Status.IsPresent ? request.Status.Value : null;
            column = await StatusRules.FindAsync(tx, projectId, statusId, category, ct);
            if (StatusRules.CheckColumn(statusId, category, column) is { } wrongColumn)
            {
                return Results.Problem(wrongColumn);
            }

            await ColumnLock.TakeAsync(tx, projectId, column!.Id, ct);
        }

        // The labels before the tasks (see ForeignLabelsAsync).
        var foreignLabels = await TaskLinks.ForeignLabelsAsync(tx, membership.WorkspaceId, request.AddLabelIds.Value ?? [], ct);
        if (foreignLabels.Count > 0)
        {
            return Results.Problem(
                new FieldErrors().Add("addLabelIds", $"Not labels of this workspace: {string.Join(", ", foreignLabels)}.").ToProblem()
            );
        }

        // The custom fields before the tasks, as the labels: a field's writer locks the field, then the tasks it rewrites.
        var (fieldValues, invalid) = await CustomFieldValues.ReadAsync(tx, membership.WorkspaceId, request.CustomFields.Value, ct);
        if (invalid is not null)
        {
            return Results.Problem(invalid);
        }

        var rows = (await tx.QueryAsync<BulkTaskRow>(Lock, new { ProjectId = projectId, ids = taskIds }, ct)).AsList();
        if (rows.Count != taskIds.Length)
        {
            // Ids of other projects or workspaces get the same answer as ids that do not exist.
            var missing = taskIds.Except(rows.Select(r => r.Id)).Take(10);
            return Results.Problem(
                new FieldErrors().Add("taskIds", $"Not tasks of this project: {string.Join(", ", missing)}.").ToProblem()
            );
        }

        if (
            request.AssigneeId.Value is { } assignee
            && (await TaskLinks.NonMembersAsync(tx, membership.WorkspaceId, [assignee], ct)).Count > 0
        )
        {
            return Results.Problem(new FieldErrors().Add("assigneeId", "Is not a member of this workspace.").ToProblem());
        }

        var columnEnd = 0.0;
        if (column is not null)
        {
            var arriving = rows.Count(r => r.StatusId != column.Id);
            if (await StatusRules.AdmitAsync(tx, column, arriving, request.OverrideWipLimit.Value, membership, ct) is { } full)
            {
                return Results.Problem(full);
            }

            columnEnd = await tx.ExecuteScalarAsync<double>(ColumnEnd, new { ProjectId = projectId, StatusId = column.Id }, ct);
        }

        var changes = BulkUpdateTasksDecision.Decide(rows, column, request, fieldValues, columnEnd, membership.UserId, clock.DbNow());
        if (changes.Count > 0)
        {
            var updated = changes.Select(c => c.Task).ToList();
            await tx.ExecuteAsync(
                Update,
                new
                {
                    ids = updated.Select(t => t.Id).ToArray(),
                    statuses = updated.Select(t => t.StatusId).ToArray(),
                    assignees = updated.Select(t => t.AssigneeIds.Length > 0 ? t.AssigneeIds[0] : (Guid?)null).ToArray(),
                    positions = updated.Select(t => t.Position).ToArray(),
                    versions = updated.Select(t => t.Version).ToArray(),
                    now = changes[0].Event.OccurredAt,
                },
                ct
            );
            var relinked = changes.Where(c => c.Event.Changes.AssigneeIds is not null).Select(c => c.Task).ToList();
            var relabelled = changes.Where(c => c.Event.Changes.LabelIds is not null).Select(c => c.Task).ToList();
            await tx.ExecuteAsync(
                SaveLinks,
                new
                {
                    assigneeTasks = relinked.Select(t => t.Id).ToArray(),
                    assigneePairTasks = relinked.SelectMany(t => t.AssigneeIds.Select(_ => t.Id)).ToArray(),
                    assigneePairUsers = relinked.SelectMany(t => t.AssigneeIds).ToArray(),
                    labelTasks = relabelled.Select(t => t.Id).ToArray(),
                    labelPairTasks = relabelled.SelectMany(t => t.LabelIds.Select(_ => t.Id)).ToArray(),
                    labelPairLabels = relabelled.SelectMany(t => t.LabelIds).ToArray(),
                },
                ct
            );
            var refielded = changes
                .Where(c => c.Event.Changes.CustomFields is not null)
                .Select(c => (c.Task.Id, c.Task.ProjectId))
                .ToList();
            if (refielded.Count > 0)
            {
                await CustomFieldValues.SaveAsync(tx, refielded, fieldValues, ct);
            }

            foreach (var change in changes)
            {
                tx.Publish(change.Event);
            }

            SubTasks.ProgressChanged(tx, changes.Where(c => c.Event.Changes.Status is not null).Select(c => c.Task.ParentId));
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
        IReadOnlyList<BulkTaskRow> tasks,
        StatusResponse? column,
        BulkUpdateTasksRequest request,
        IReadOnlyList<FieldValue> fieldValues,
        double columnEnd,
        Guid actorId,
        DateTime now
    )
    {
        var result = new List<(BulkTaskRow, TaskUpdated)>();
        var end = columnEnd;
        foreach (var task in tasks.OrderBy(t => t.Position).ThenBy(t => t.Id))
        {
            var changes = new TaskChanges();
            var next = task;
            if (column is not null && column.Id != task.StatusId)
            {
                changes = changes with
                {
                    Status = FieldChange<StatusCategory>.Between(task.Status, column.Category),
                    StatusId = new(task.StatusId, column.Id),
                };
                next = next with { Status = column.Category, StatusId = column.Id, Position = end += TaskRules.PositionStep };
            }

            if (request.AssigneeId.IsPresent)
            {
                Guid[] assignees = request.AssigneeId.Value is { } one ? [one] : [];
                if (TaskChanges.Between(task.AssigneeIds, assignees) is { } reassigned)
                {
                    changes = changes with { AssigneeIds = reassigned };
                    next = next with { AssigneeIds = assignees };
                }
            }

            var labels = task.LabelIds.Union(request.AddLabelIds.Value ?? []).Except(request.RemoveLabelIds.Value ?? []).Order().ToArray();
            if (TaskChanges.Between(task.LabelIds, labels) is { } relabelled)
            {
                changes = changes with { LabelIds = relabelled };
                next = next with { LabelIds = labels };
            }

            var (fields, fieldChanges) = CustomFieldValues.Apply(task.CustomFields ?? [], fieldValues);
            if (fieldChanges is not null)
            {
                changes = changes with { CustomFields = fieldChanges };
                next = next with { CustomFields = fields };
            }

            if (changes.Any)
            {
                next = next with { Version = task.Version + 1 };
                result.Add(
                    (
                        next,
                        new TaskUpdated(
                            Guid.CreateVersion7(),
                            task.WorkspaceId,
                            task.ProjectId,
                            task.Id,
                            actorId,
                            now,
                            next.Version,
                            changes
                        )
                    )
                );
            }
        }

        return result;
    }
}
