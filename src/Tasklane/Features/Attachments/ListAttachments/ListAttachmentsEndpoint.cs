using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Attachments.ListAttachments;

public static class ListAttachmentsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListAttachmentsEndpoint), "ListAttachments.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The task") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>
    /// The task's completed attachments, oldest first, a keyset page at a time. Uploads not yet completed are not listed.
    /// </summary>
    [WolverineGet("/tasks/{taskId}/attachments")]
    public static Task<Page<AttachmentResponse>> Get(
        Guid taskId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<AttachmentResponse>(reads, caller, Query, new { taskId }, limit, after, a => a.Id, ct);
}
