using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Projects.ListProjects;

public static class ListProjectsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListProjectsEndpoint), "ListProjects.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    // The query string is taken as text so "?archived=maybe" is a 400 naming the field.
    public static ProblemDetails Validate(string? archived, int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The workspace")
        ?? new FieldErrors().OneOf("archived", archived, ["true", "false"]).Page(limit, after).ToProblem();

    /// <summary>A workspace's active (or, with <c>?archived=true</c>, archived) projects with task counts, oldest first.</summary>
    [WolverineGet("/workspaces/{workspaceId}/projects")]
    public static async Task<Page<ProjectResponse>> Get(
        [AllowedValues("true", "false")] string? archived,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        Membership membership,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    )
    {
        var page = await Paging.QueryAsync<ProjectWithCounts>(
            reads,
            caller,
            Query,
            new { membership.WorkspaceId, archived = archived == "true" },
            limit,
            after,
            p => p.Id,
            ct
        );
        return new Page<ProjectResponse>(page.Items.Select(p => p.ToResponse()).ToList(), page.NextCursor);
    }
}
