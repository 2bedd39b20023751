using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.CreateTask;

public sealed record CreateTaskRequest(string? Title, string? Description, string? Status, string? Priority, DateTimeOffset? DueAt, Guid? AssigneeId);

public static class CreateTaskEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateTaskEndpoint), "CreateTask.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(CreateTaskRequest? request, Membership? membership) =>
        Access.Deny(membership, "The project", Permission.WriteContent)
        ?? (request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors()
                .Required("title", request.Title, TaskRules.TitleMax)
                .MaxLength("description", request.Description, TaskRules.DescriptionMax)
                .OneOf("status", request.Status, TaskRules.Statuses)
                .OneOf("priority", request.Priority, TaskRules.Priorities)
                .ToProblem());

    [WolverinePost("/projects/{projectId}/tasks")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateTaskRequest request, Membership membership, Outbox outbox, IMessageContext bus, HttpResponse response, TimeProvider clock, CancellationToken ct)
    {
        var (task, created) = CreateTaskHandler.Handle(request, membership, clock.GetUtcNow().UtcDateTime);

        await using var tx = await outbox.BeginAsync(bus, ct);
        var position = await tx.Connection.QuerySingleOrDefaultAsync<double?>(new CommandDefinition(Insert, task, tx.Transaction, cancellationToken: ct));
        if (position is null)
        {
            return Results.Problem(new FieldErrors().Add("assigneeId", "Is not a member of this workspace.").ToProblem());
        }

        task = task with { Position = position.Value };

        await tx.PublishAsync(created);
        await tx.CommitAsync(ct);

        response.Headers.ETag = task.ETag();
        return Results.Created($"/api/v1/tasks/{task.Id}", task);
    }
}

/// <remarks>Called by the endpoint inside its transaction, not routed as a message.</remarks>
[WolverineIgnore]
public static class CreateTaskHandler
{
    /// <summary>The new task and the event announcing it; pure, so the rules are testable without a database.</summary>
    public static (TaskResponse Task, TaskCreated Created) Handle(CreateTaskRequest request, Membership membership, DateTime now)
    {
        var task = new TaskResponse(
            Id: Guid.CreateVersion7(),
            WorkspaceId: membership.WorkspaceId,
            ProjectId: membership.ProjectId!.Value,
            Title: request.Title!.Trim(),
            Description: request.Description,
            Status: request.Status ?? "todo",
            Priority: request.Priority ?? "normal",
            DueAt: request.DueAt?.UtcDateTime,
            AssigneeId: request.AssigneeId,
            Position: 0, // the end of the status column, assigned by the insert
            Version: 1,
            CreatedBy: membership.UserId,
            CreatedAt: now,
            UpdatedAt: now);
        var created = new TaskCreated(Guid.CreateVersion7(), task.WorkspaceId, task.ProjectId, task.Id, membership.UserId, now, task.Title, task.Status, task.Priority);
        return (task, created);
    }
}
