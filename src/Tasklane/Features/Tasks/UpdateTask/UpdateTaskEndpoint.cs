using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.CustomFields;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.UpdateTask;

public static class UpdateTaskEndpoint
{
    private static readonly string Lock = TaskResponse.WithColumns(Sql.Load(typeof(UpdateTaskEndpoint), "LockTask.sql"));
    private static readonly string Update = Sql.Load(typeof(UpdateTaskEndpoint), "UpdateTask.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(UpdateTaskRequest? body, Membership? membership, HttpRequest request) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (body is null ? FieldErrors.MissingBody() : body.Validate().IfMatch(request).ToProblem());

    /// <summary>
    /// Partial update: only the fields present in the body change; <c>null</c> clears an optional field.
    /// With <c>If-Match</c>, a stale version is refused with 412 instead of overwriting someone else's change.
    /// </summary>
    [WolverinePatch("/tasks/{taskId}")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Patch(
        Guid taskId,
        UpdateTaskRequest body,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        SubTaskSettings subTasks,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        if (body.ParentId.Value is not null)
        {
            await SubTasks.LockTreeAsync(tx, membership.ProjectId.Value, ct);
        }

        // The labels before the task (see ForeignLabelsAsync); TaskLinks.CheckAsync reports any foreign one below.
        if (body.NewLabels().Value is { Length: > 0 } labelIds)
        {
            await TaskLinks.ForeignLabelsAsync(tx, membership.WorkspaceId, labelIds, ct);
        }

        // The custom fields before the task, as the labels: a field's writer locks the field, then the tasks it rewrites.
        var (fieldValues, invalid) = await CustomFieldValues.ReadAsync(tx, membership.WorkspaceId, body.CustomFields.Value, ct);
        if (invalid is not null)
        {
            return Results.Problem(invalid);
        }

        var current = await tx.QuerySingleAsync<TaskResponse>(Lock, new { taskId }, ct);
        if (Preconditions.Stale(context.Request, "The task", current.Version) is { } stale)
        {
            return Results.Problem(stale);
        }

        var (updated, changed) = UpdateTaskDecision.Decide(current, body, fieldValues, membership.UserId, clock.DbNow());
        if (updated.StartAt > updated.DueAt)
        {
            return Results.Problem(new FieldErrors().Add("startAt", "Must not be after dueAt.").ToProblem());
        }

        if (changed is not null)
        {
            var problem = await TaskLinks.CheckAsync(
                tx,
                updated,
                updated.AssigneeIds.Except(current.AssigneeIds).ToArray(),
                updated.LabelIds.Except(current.LabelIds).ToArray(),
                parentChanged: updated.ParentId != current.ParentId,
                subTasks.MaxDepth,
                ct,
                body.AssigneeId.IsPresent ? "assigneeId" : "assigneeIds"
            );
            if (problem is not null)
            {
                return Results.Problem(problem);
            }

            // A new category takes the task to the project's first status of it (0026_project_statuses.sql).
            var place = await tx.QuerySingleAsync<TaskPlace>(Update, updated, ct);
            updated = updated with { Position = place.Position, StatusId = place.StatusId };
            if (place.StatusId != current.StatusId)
            {
                changed = changed with { Changes = changed.Changes with { StatusId = new(current.StatusId, place.StatusId) } };
            }

            if (changed.Changes is { AssigneeIds: not null } or { LabelIds: not null })
            {
                await TaskLinks.SaveAsync(tx, updated, ct);
            }

            if (changed.Changes.CustomFields is not null)
            {
                await CustomFieldValues.SaveAsync(tx, [(updated.Id, updated.ProjectId)], fieldValues, ct);
            }

            tx.Publish(changed);
            if (changed.Changes.ParentId is not null || changed.Changes.Status is not null)
            {
                SubTasks.ProgressChanged(tx, current.ParentId, updated.ParentId);
            }

            await tx.CommitAsync(ct);
        }

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <summary>Where the update left the task: its position and column.</summary>
public sealed record TaskPlace(double Position, Guid StatusId);

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class UpdateTaskDecision
{
    /// <summary>Applies the patch; returns the new row and the event, or no event when nothing changed.</summary>
    /// <remarks><paramref name="patch"/> has passed <see cref="UpdateTaskRequest.Validate"/>; <paramref name="fieldValues"/> are its custom field values, checked.</remarks>
    public static (TaskResponse Task, TaskUpdated? Changed) Decide(
        TaskResponse current,
        UpdateTaskRequest patch,
        IReadOnlyList<FieldValue> fieldValues,
        Guid actorId,
        DateTime now
    )
    {
        var next = current with
        {
            Title = patch.Title.IsPresent ? patch.Title.Value!.Trim() : current.Title,
            Description = patch.Description.Or(current.Description),
            Status = patch.Status.Or(current.Status),
            Priority = patch.Priority.Or(current.Priority),
            StartAt = patch.StartAt.IsPresent ? patch.StartAt.Value?.UtcDateTime.AtDbPrecision() : current.StartAt,
            DueAt = patch.DueAt.IsPresent ? patch.DueAt.Value?.UtcDateTime.AtDbPrecision() : current.DueAt,
            Estimate = patch.Estimate.Or(current.Estimate),
            ParentId = patch.ParentId.Or(current.ParentId),
            AssigneeIds = patch.NewAssignees().Or(current.AssigneeIds)!,
            LabelIds = patch.NewLabels().Or(current.LabelIds)!,
        };
        var (fields, fieldChanges) = CustomFieldValues.Apply(current.CustomFields, fieldValues);
        next = next with { AssigneeId = next.AssigneeIds.Length > 0 ? next.AssigneeIds[0] : null, CustomFields = fields };

        var changes = new TaskChanges
        {
            Title = FieldChange<string>.Between(current.Title, next.Title),
            Description = FieldChange<string?>.Between(current.Description, next.Description),
            Status = FieldChange<StatusCategory>.Between(current.Status, next.Status),
            Priority = FieldChange<TaskPriority>.Between(current.Priority, next.Priority),
            StartAt = FieldChange<DateTime?>.Between(current.StartAt, next.StartAt),
            DueAt = FieldChange<DateTime?>.Between(current.DueAt, next.DueAt),
            Estimate = FieldChange<int?>.Between(current.Estimate, next.Estimate),
            ParentId = FieldChange<Guid?>.Between(current.ParentId, next.ParentId),
            AssigneeIds = TaskChanges.Between(current.AssigneeIds, next.AssigneeIds),
            LabelIds = TaskChanges.Between(current.LabelIds, next.LabelIds),
            CustomFields = fieldChanges,
        };
        if (!changes.Any)
        {
            return (current, null);
        }

        next = next with { Version = current.Version + 1, UpdatedAt = now };
        return (
            next,
            new TaskUpdated(Guid.CreateVersion7(), next.WorkspaceId, next.ProjectId, next.Id, actorId, now, next.Version, changes)
        );
    }
}
