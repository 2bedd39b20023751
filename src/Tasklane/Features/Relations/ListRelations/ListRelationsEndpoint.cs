using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Relations.ListRelations;

/// <summary>A stored relation read from one of its tasks: <see cref="Leads"/> when that task is its <c>from_task_id</c>.</summary>
public sealed record RelationListRow(
    Guid Id,
    string Kind,
    bool Leads,
    Guid TaskId,
    Guid ProjectId,
    string Title,
    StatusCategory Status,
    DateTime CreatedAt
)
{
    public RelationResponse ToResponse() => new(Id, RelationType.Of(Kind, Leads), TaskId, ProjectId, Title, Status, CreatedAt);
}

public static class ListRelationsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListRelationsEndpoint), "ListRelations.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The task") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The task's relations, as the task sees them ("blocked_by" the other task, …), oldest first.</summary>
    [WolverineGet("/tasks/{taskId}/relations")]
    public static async Task<Page<RelationResponse>> Get(
        Guid taskId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    )
    {
        var page = await Paging.QueryAsync<RelationListRow>(reads, caller, Query, new { TaskId = taskId }, limit, after, r => r.Id, ct);
        return new Page<RelationResponse>(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
