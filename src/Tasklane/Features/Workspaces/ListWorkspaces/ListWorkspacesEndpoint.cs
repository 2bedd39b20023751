using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
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
    public static async Task<Page<WorkspaceResponse>> Get(int? limit, string? after, ClaimsPrincipal caller, NpgsqlDataSource db, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<WorkspaceResponse>(new CommandDefinition(Query,
            new { userId = caller.UserId(), after = Paging.After(after), take = take + 1 }, cancellationToken: ct))).AsList();
        return Paging.ToPage(rows, take, w => w.Id);
    }
}
