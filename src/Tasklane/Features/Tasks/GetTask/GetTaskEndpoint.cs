using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.GetTask;

public static class GetTaskEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetTaskEndpoint), "GetTask.sql");

    /// <summary>One task, with its version as ETag; 304 when the client's copy (If-None-Match) is current.</summary>
    [WolverineGet("/tasks/{taskId}")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public static async Task<IResult> Get(Guid taskId, ClaimsPrincipal caller, HttpContext context, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var task = await connection.QuerySingleOrDefaultAsync<TaskResponse>(
            new CommandDefinition(Query, new { taskId, userId = caller.UserId() }, cancellationToken: ct));
        if (task is null)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        context.Response.Headers.ETag = task.ETag();
        return context.Request.Headers.IfNoneMatch == task.ETag() ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Ok(task);
    }
}
