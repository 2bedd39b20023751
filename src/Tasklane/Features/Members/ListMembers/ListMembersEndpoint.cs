using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Members.ListMembers;

public static class ListMembersEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListMembersEndpoint), "ListMembers.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The workspace's members with their roles, ordered by user id (UUIDv7, so roughly by sign-up).</summary>
    [WolverineGet("/workspaces/{workspaceId}/members")]
    public static Task<Page<MemberResponse>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<MemberResponse>(reads, caller, Query, new { membership.WorkspaceId }, limit, after, m => m.UserId, ct);
}
