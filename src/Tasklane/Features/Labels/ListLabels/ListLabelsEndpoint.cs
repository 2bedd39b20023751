using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Labels.ListLabels;

public static class ListLabelsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListLabelsEndpoint), "ListLabels.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The workspace's labels in creation order, a keyset page at a time.</summary>
    [WolverineGet("/workspaces/{workspaceId}/labels")]
    public static Task<Page<LabelResponse>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) => Paging.QueryAsync<LabelResponse>(reads, caller, Query, new { membership.WorkspaceId }, limit, after, l => l.Id, ct);
}
