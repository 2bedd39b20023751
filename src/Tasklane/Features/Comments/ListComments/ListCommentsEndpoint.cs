using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Comments.ListComments;

public static class ListCommentsEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListCommentsEndpoint), "ListComments.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The task") ?? new FieldErrors().Page(limit, after).ToProblem();

    /// <summary>The task's comments, oldest first, a keyset page at a time.</summary>
    [WolverineGet("/tasks/{taskId}/comments")]
    public static async Task<Page<CommentResponse>> Get(Guid taskId, int? limit, string? after, NpgsqlDataSource db, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<CommentResponse>(new CommandDefinition(Query,
            new { taskId, after = Paging.After(after), take = take + 1 }, cancellationToken: ct))).AsList();
        return Paging.ToPage(rows, take, c => c.Id);
    }
}
