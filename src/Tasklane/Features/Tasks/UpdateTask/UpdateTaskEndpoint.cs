using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine;
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
        Guid taskId, UpdateTaskRequest body, Membership membership, HttpContext context, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await outbox.BeginAsync(ct);
        // The labels before the task (see ForeignLabelsAsync); TaskLinks.CheckAsync reports any foreign one below.
        if (body.NewLabels().Value is { Length: > 0 } labelIds)
        {
            await TaskLinks.ForeignLabelsAsync(tx.Connection, tx.Transaction, membership.WorkspaceId, labelIds, ct);
        }

        var current = await tx.Connection.QuerySingleAsync<TaskResponse>(new CommandDefinition(Lock, new { taskId }, tx.Transaction, cancellationToken: ct));
        if (Preconditions.ExpectedVersion(context.Request) is { } expected && expected != current.Version)
        {
            context.Response.Headers.ETag = current.ETag();
            return Results.Problem(Preconditions.Stale("The task", expected, current.Version));
        }

        var (updated, changed) = UpdateTaskDecision.Decide(current, body, membership.UserId, clock.GetUtcNow().UtcDateTime);
        if (updated.StartAt > updated.DueAt)
        {
            return Results.Problem(new FieldErrors().Add("startAt", "Must not be after dueAt.").ToProblem());
        }

        if (changed is not null)
        {
            var problem = await TaskLinks.CheckAsync(tx.Connection, tx.Transaction, updated,
                updated.AssigneeIds.Except(current.AssigneeIds).ToArray(), updated.LabelIds.Except(current.LabelIds).ToArray(),
                parentChanged: updated.ParentId != current.ParentId, ct, body.AssigneeId.IsPresent ? "assigneeId" : "assigneeIds");
            if (problem is not null)
            {
                return Results.Problem(problem);
            }

            updated = updated with { Position = await tx.Connection.QuerySingleAsync<double>(new CommandDefinition(Update, updated, tx.Transaction, cancellationToken: ct)) };
            if (changed.Changes.ContainsKey("assigneeIds") || changed.Changes.ContainsKey("labelIds"))
            {
                await TaskLinks.SaveAsync(tx.Connection, tx.Transaction, updated, ct);
            }

            tx.Publish(changed);
            await tx.CommitAsync(ct);
        }

        context.Response.Headers.ETag = updated.ETag();
        return Results.Ok(updated);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class UpdateTaskDecision
{
    /// <summary>Applies the patch; returns the new row and the event, or no event when nothing changed.</summary>
    /// <remarks><paramref name="patch"/> has passed <see cref="UpdateTaskRequest.Validate"/>.</remarks>
    public static (TaskResponse Task, TaskUpdated? Changed) Decide(TaskResponse current, UpdateTaskRequest patch, Guid actorId, DateTime now)
    {
        var next = current with
        {
            Title = patch.Title.IsPresent ? patch.Title.Value!.Trim() : current.Title,
            Description = patch.Description.Or(current.Description),
            Status = patch.Status.Or(current.Status)!,
            Priority = patch.Priority.Or(current.Priority)!,
            StartAt = patch.StartAt.IsPresent ? patch.StartAt.Value?.UtcDateTime : current.StartAt,
            DueAt = patch.DueAt.IsPresent ? patch.DueAt.Value?.UtcDateTime : current.DueAt,
            Estimate = patch.Estimate.Or(current.Estimate),
            ParentId = patch.ParentId.Or(current.ParentId),
            AssigneeIds = patch.NewAssignees().Or(current.AssigneeIds)!,
            LabelIds = patch.NewLabels().Or(current.LabelIds)!,
        };
        next = next with { AssigneeId = next.AssigneeIds.Length > 0 ? next.AssigneeIds[0] : null };

        var changes = new Dictionary<string, FieldChange>();
        void Compare<T>(string field, T before, T after, Func<T, string?> text)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changes[field] = new FieldChange(text(before), text(after));
            }
        }

        Compare("title", current.Title, next.Title, v => v);
        Compare("description", current.Description, next.Description, v => v);
        Compare("status", current.Status, next.Status, v => v);
        Compare("priority", current.Priority, next.Priority, v => v);
        Compare("startAt", current.StartAt, next.StartAt, v => v?.ToString("O"));
        Compare("dueAt", current.DueAt, next.DueAt, v => v?.ToString("O"));
        Compare("estimate", current.Estimate, next.Estimate, v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("parentId", current.ParentId, next.ParentId, v => v?.ToString());
        // Sets compare by content (both sides are sorted); they travel as comma-separated sorted ids.
        Compare("assigneeIds", TaskRules.IdText(current.AssigneeIds), TaskRules.IdText(next.AssigneeIds), v => v);
        Compare("labelIds", TaskRules.IdText(current.LabelIds), TaskRules.IdText(next.LabelIds), v => v);
        if (changes.Count == 0)
        {
            return (current, null);
        }

        next = next with { Version = current.Version + 1, UpdatedAt = now };
        return (next, new TaskUpdated(Guid.CreateVersion7(), next.WorkspaceId, next.ProjectId, next.Id, actorId, now, next.Version, changes));
    }
}
