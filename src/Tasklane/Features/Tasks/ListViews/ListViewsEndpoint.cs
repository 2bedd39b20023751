using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.ListViews;

public static class ListViewsEndpoint
{
    private static readonly string Query = SavedViewResponse.WithColumns(Sql.Load(typeof(ListViewsEndpoint), "ListViews.sql"));

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The project") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The project's shared views and the caller's own, oldest first.</summary>
    [WolverineGet("/projects/{projectId}/views")]
    public static Task<Page<SavedViewResponse>> Get(
        Guid projectId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) =>
        Paging.QueryAsync<SavedViewResponse>(
            reads,
            caller,
            Query,
            new { ProjectId = projectId, UserId = caller.UserId() },
            limit,
            after,
            v => v.Id,
            ct
        );
}
