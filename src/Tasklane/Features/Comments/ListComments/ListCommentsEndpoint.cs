using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Comments.ListComments;

public static class ListCommentsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListCommentsEndpoint), "ListComments.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The task") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The task's comments, oldest first, a keyset page at a time.</summary>
    [WolverineGet("/tasks/{taskId}/comments")]
    public static Task<Page<CommentResponse>> Get(
        Guid taskId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<CommentResponse>(reads, caller, Query, new { taskId }, limit, after, c => c.Id, ct);
}
