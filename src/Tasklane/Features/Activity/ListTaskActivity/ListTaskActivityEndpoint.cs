using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Activity.ListTaskActivity;

public static class ListTaskActivityEndpoint
{
    private static readonly string Query = ActivityFeed.Query(typeof(ListTaskActivityEndpoint), "ListTaskActivity.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The task") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The task's activity feed (its changes and its comments), newest first.</summary>
    [WolverineGet("/tasks/{taskId}/activity")]
    public static Task<Page<ActivityEntry>> Get(
        Guid taskId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<ActivityEntry>(reads, caller, Query, new { taskId }, limit, after, a => a.Id, ct);
}
