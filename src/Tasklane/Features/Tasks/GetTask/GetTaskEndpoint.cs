using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.GetTask;

/// <summary>A task's response as cached: its version (the ETag) and its JSON, so a hit neither queries nor serializes.</summary>
public sealed record CachedTask(int Version, string Json);

public static class GetTaskEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetTaskEndpoint), "GetTask.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The task") ?? WolverineContinue.NoProblems;

    /// <summary>One task, with its version as ETag; 304 when the client's copy (If-None-Match) is current.</summary>
    [WolverineGet("/tasks/{taskId}")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public static async Task<IResult> Get(
        Guid taskId, HttpContext context, HotCache cache, NpgsqlDataSource db, IOptions<HttpJsonOptions> json, CancellationToken ct)
    {
        var task = await cache.GetOrCreateAsync(CacheKeys.Task(taskId), async c =>
        {
            await using var connection = await db.OpenConnectionAsync(c);
            var row = await connection.QuerySingleOrDefaultAsync<TaskResponse>(new CommandDefinition(Query, new { taskId }, cancellationToken: c));
            return row is null ? null : new CachedTask(row.Version, JsonSerializer.Serialize(row, json.Value.SerializerOptions));
        }, ct);
        if (task is null)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        var etag = $"\"{task.Version}\"";
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(task.Json, "application/json; charset=utf-8", Encoding.UTF8);
    }
}
