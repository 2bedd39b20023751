using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
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

namespace Tasklane.Features.Tasks.CreateTask;

/// <summary>
/// The task's column is <c>statusId</c>, or else the project's first status of the category <c>status</c> (default todo); with
/// both, <c>status</c> must be <c>statusId</c>'s category. <c>overrideWipLimit</c> lets an admin or owner exceed the column's
/// WIP limit.
/// </summary>
/// <remarks>
/// <c>assigneeId</c> is the single-assignee form kept for older clients: it means <c>assigneeIds: [id]</c>. <c>customFields</c>
/// are values by field id, as PATCH takes them (a null is no value).
/// </remarks>
public sealed record CreateTaskRequest(
    [property: MaxLength(TaskRules.TitleMax)] string? Title,
    [property: MaxLength(TaskRules.DescriptionMax)] string? Description,
    StatusCategory? Status,
    TaskPriority? Priority,
    DateTimeOffset? DueAt,
    Guid? AssigneeId,
    [property: MaxLength(TaskRules.AssigneesMax)] Guid[]? AssigneeIds = null,
    [property: MaxLength(TaskRules.LabelsMax)] Guid[]? LabelIds = null,
    DateTimeOffset? StartAt = null,
    [property: Range(0, TaskRules.EstimateMax)] int? Estimate = null,
    Guid? ParentId = null,
    Guid? StatusId = null,
    bool? OverrideWipLimit = null,
    Dictionary<Guid, JsonElement>? CustomFields = null
);

public static class CreateTaskEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateTaskEndpoint), "CreateTask.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(CreateTaskRequest? request, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .Required("title", request.Title, TaskRules.TitleMax)
                    .MaxLength("description", request.Description, TaskRules.DescriptionMax)
                    .OneOf("status", request.Status)
                    .OneOf("priority", request.Priority)
                    .Check(
                        "assigneeId",
                        request.AssigneeId is null || request.AssigneeIds is null,
                        "Send assigneeIds or assigneeId, not both."
                    )
                    .Check(
                        "assigneeIds",
                        request.AssigneeIds is null || request.AssigneeIds.Length <= TaskRules.AssigneesMax,
                        $"At most {TaskRules.AssigneesMax} assignees."
                    )
                    .Check(
                        "labelIds",
                        request.LabelIds is null || request.LabelIds.Length <= TaskRules.LabelsMax,
                        $"At most {TaskRules.LabelsMax} labels."
                    )
                    .Check(
                        "estimate",
                        request.Estimate is null or (>= 0 and <= TaskRules.EstimateMax),
                        $"Must be minutes between 0 and {TaskRules.EstimateMax}."
                    )
                    .Check(
                        "customFields",
                        request.CustomFields is not { Count: > CustomFieldValues.MaxPerWrite },
                        $"At most {CustomFieldValues.MaxPerWrite}."
                    )
                    .Check(
                        "startAt",
                        request.StartAt is null || request.DueAt is null || request.StartAt <= request.DueAt,
                        "Must not be after dueAt."
                    )
                    .ToProblem()
        );

    [WolverinePost("/projects/{projectId}/tasks")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateTaskRequest request,
        Membership membership,
        Outbox outbox,
        SubTaskSettings subTasks,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var (task, created) = CreateTaskDecision.Decide(request, membership, clock.DbNow());

        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        if (task.ParentId is not null)
        {
            await SubTasks.LockTreeAsync(tx, task.ProjectId, ct);
        }

        if (
            await TaskLinks.CheckAsync(
                tx,
                task,
                task.AssigneeIds,
                task.LabelIds,
                parentChanged: true,
                subTasks.MaxDepth,
                ct,
                request.AssigneeIds is null && request.AssigneeId is not null ? "assigneeId" : "assigneeIds"
            ) is
            { } problem
        )
        {
            return Results.Problem(problem);
        }

        var column = await StatusRules.FindAsync(tx, task.ProjectId, request.StatusId, task.Status, ct);
        if (StatusRules.CheckColumn(request.StatusId, request.Status, column) is { } wrongColumn)
        {
            return Results.Problem(wrongColumn);
        }

        if (await StatusRules.AdmitAsync(tx, column!, 1, request.OverrideWipLimit == true, membership, ct) is { } full)
        {
            return Results.Problem(full);
        }

        var (fieldValues, invalid) = await CustomFieldValues.ReadAsync(tx, membership.WorkspaceId, request.CustomFields, ct);
        if (invalid is not null)
        {
            return Results.Problem(invalid);
        }

        var fields = CustomFieldValues.Apply(new Dictionary<Guid, JsonElement>(), fieldValues).Next;
        task = task with { StatusId = column!.Id, Status = column.Category, CustomFields = fields };
        created = created with { StatusId = column.Id, Status = column.Category, CustomFields = fields.Count > 0 ? fields : null };
        task = task with { Position = await tx.QuerySingleAsync<double>(Insert, task, ct) };
        if (task.AssigneeIds.Length > 0 || task.LabelIds.Length > 0)
        {
            await TaskLinks.SaveAsync(tx, task, ct);
        }

        if (fields.Count > 0)
        {
            await CustomFieldValues.SaveAsync(tx, [(task.Id, task.ProjectId)], fieldValues, ct);
        }

        tx.Publish(created);
        SubTasks.ProgressChanged(tx, task.ParentId);
        await tx.CommitAsync(ct);

        response.Headers.ETag = task.ETag();
        return Results.Created(ApiRoutes.Path($"tasks/{task.Id}"), task);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
public static class CreateTaskDecision
{
    /// <summary>The new task and the event announcing it; pure, so the rules are testable without a database.</summary>
    public static (TaskResponse Task, TaskCreated Created) Decide(CreateTaskRequest request, Membership membership, DateTime now)
    {
        var assignees = TaskRules.IdSet(request.AssigneeIds ?? (request.AssigneeId is { } one ? [one] : []));
        var task = new TaskResponse(
            Id: Guid.CreateVersion7(),
            WorkspaceId: membership.WorkspaceId,
            ProjectId: membership.ProjectId!.Value,
            ParentId: request.ParentId,
            Title: request.Title!.Trim(),
            Description: request.Description,
            Status: request.Status ?? StatusCategory.Todo,
            Priority: request.Priority ?? TaskPriority.Normal,
            StartAt: request.StartAt?.UtcDateTime.AtDbPrecision(),
            DueAt: request.DueAt?.UtcDateTime.AtDbPrecision(),
            Estimate: request.Estimate,
            AssigneeId: assignees.Length > 0 ? assignees[0] : null,
            AssigneeIds: assignees,
            LabelIds: TaskRules.IdSet(request.LabelIds ?? []),
            Position: 0, // the end of the status column, assigned by the insert
            Version: 1,
            CreatedBy: membership.UserId,
            CreatedAt: now,
            UpdatedAt: now
        );
        var created = new TaskCreated(
            Guid.CreateVersion7(),
            task.WorkspaceId,
            task.ProjectId,
            task.Id,
            membership.UserId,
            now,
            task.Title,
            task.Status,
            task.Priority,
            task.DueAt,
            task.AssigneeIds
        );
        return (task, created);
    }
}
