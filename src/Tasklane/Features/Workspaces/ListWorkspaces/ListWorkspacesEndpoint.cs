using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Workspaces.ListWorkspaces;

public static class ListWorkspacesEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListWorkspacesEndpoint), "ListWorkspaces.sql");

    public static ProblemDetails Validate(int? limit, string? after) => new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The workspaces the caller is a member of, oldest first.</summary>
    [WolverineGet("/workspaces")]
    public static Task<Page<WorkspaceResponse>> Get(
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.Length)] string? after,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    ) =>
        Paging.QueryAsync<WorkspaceResponse>(
            reads,
            caller,
            Query,
            new { userId = caller.UserId(), scope = caller.WorkspaceScope() },
            limit,
            after,
            w => w.Id,
            ct
        );
}
