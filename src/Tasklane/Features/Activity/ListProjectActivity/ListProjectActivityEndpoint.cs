using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Activity.ListProjectActivity;

public static class ListProjectActivityEndpoint
{
    private static readonly string Query = ActivityFeed.Query(typeof(ListProjectActivityEndpoint), "ListProjectActivity.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The project") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The project's activity feed (its tasks and their comments), newest first.</summary>
    [WolverineGet("/projects/{projectId}/activity")]
    public static Task<Page<ActivityEntry>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<ActivityEntry>(reads, caller, Query, new { membership.ProjectId }, limit, after, a => a.Id, ct);
}
