using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.ListTasks;

public static class ListTasksEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListTasksEndpoint), "ListTasks.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(string? status, int? limit, string? after, Membership? membership) =>
        Access.Deny(membership, "The project")
        ?? new FieldErrors().OneOf("status", status, TaskRules.Statuses).Page(limit, after).ToProblem();

    /// <summary>A project's tasks in creation order, optionally of one status, a keyset page at a time.</summary>
    [WolverineGet("/projects/{projectId}/tasks")]
    public static async Task<Page<TaskResponse>> Get(string? status, int? limit, string? after, Membership membership, NpgsqlDataSource db, CancellationToken ct)
    {
        var take = limit ?? Paging.DefaultLimit;
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<TaskResponse>(new CommandDefinition(Query,
            new { membership.ProjectId, status, after = Paging.After(after), take = take + 1 }, cancellationToken: ct))).AsList();
        return Paging.ToPage(rows, take, t => t.Id);
    }
}
