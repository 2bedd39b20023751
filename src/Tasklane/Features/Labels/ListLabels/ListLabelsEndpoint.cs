using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
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
    public static async Task<Page<LabelResponse>> Get(int? limit, string? after, Membership membership, NpgsqlDataSource db, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<LabelResponse>(new CommandDefinition(Query,
            new { membership.WorkspaceId, after = Paging.After(after), take = take + 1 }, cancellationToken: ct))).AsList();
        return Paging.ToPage(rows, take, l => l.Id);
    }
}
