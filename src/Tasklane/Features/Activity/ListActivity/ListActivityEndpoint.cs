using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Activity.ListActivity;

public static class ListActivityEndpoint
{
    private static readonly string Query = ActivityFeed.Query(typeof(ListActivityEndpoint), "ListActivity.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The workspace's activity feed, newest first.</summary>
    [WolverineGet("/workspaces/{workspaceId}/activity")]
    public static Task<Page<ActivityEntry>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<ActivityEntry>(reads, caller, Query, new { membership.WorkspaceId }, limit, after, a => a.Id, ct);
}
