using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Tasklane.Features.Tasks.GetTask;

/// <summary>A task's response as cached: its version (the ETag) and its JSON, so a hit neither queries nor serializes.</summary>
[System.ComponentModel.ImmutableObject(true)] // HybridCache hands out the cached instance instead of deserializing a copy per read
public sealed record CachedTask(int Version, string Json);

/// <summary>A task the caller may see, with their membership of its workspace.</summary>
public sealed record VisibleTask(Membership Membership, CachedTask Task);

public static class GetTaskEndpoint
{
    private static readonly string Query = TaskResponse.WithColumns(Sql.Load(typeof(GetTaskEndpoint), "GetTask.sql"));
    private static readonly string ById = TaskResponse.WithColumns(Sql.Load(typeof(GetTaskEndpoint), "TaskById.sql"));

    /// <summary>
    /// From memory when the access facts and the task are cached (any host's write drops them); otherwise the task and
    /// the caller's membership come from one query.
    /// </summary>
    public static async Task<VisibleTask?> LoadAsync(
        Guid taskId,
        ClaimsPrincipal caller,
        Access access,
        HotCache cache,
        NpgsqlDataSource db,
        IOptions<HttpJsonOptions> json,
        CancellationToken ct
    )
    {
        var userId = caller.UserId();
        if (!cache.Enabled)
        {
            return await ReadAsync(db, taskId, userId, json.Value.SerializerOptions, ct);
        }

        if (await access.ToTaskAsync(taskId, caller, ct) is not { } membership)
        {
            return null;
        }

        // Filled without the caller: a caller removed a moment ago must not store "not found" for everyone else.
        var task = await cache.GetOrCreateAsync(
            CacheKeys.Task(taskId),
            async c =>
            {
                await using var connection = await db.OpenConnectionAsync(c);
                var row = await connection.QuerySingleOrDefaultAsync<TaskResponse>(
                    new CommandDefinition(ById, new { taskId }, cancellationToken: c)
                );
                return row is null ? null : new CachedTask(row.Version, JsonSerializer.Serialize(row, json.Value.SerializerOptions));
            },
            ct
        );
        return task is null ? null : new VisibleTask(membership, task);
    }

    public static ProblemDetails Validate(VisibleTask? task) => Access.Deny(task?.Membership, "The task") ?? WolverineContinue.NoProblems;

    /// <summary>One task, with its version as ETag; 304 when the client's copy (If-None-Match) is current.</summary>
    [WolverineGet("/tasks/{taskId}")]
    [ProducesResponseType<TaskResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    public static IResult Get(VisibleTask task, HttpContext context)
    {
        var etag = $"\"{task.Task.Version}\"";
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(task.Task.Json, "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<VisibleTask?> ReadAsync(
        NpgsqlDataSource db,
        Guid taskId,
        Guid userId,
        JsonSerializerOptions json,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CallerRow, TaskResponse, VisibleTask>(
            new CommandDefinition(Query, new { taskId, userId }, cancellationToken: ct),
            (caller, task) =>
                new VisibleTask(
                    new Membership(task.WorkspaceId, task.ProjectId, userId, WorkspaceRoles.Parse(caller.Role), caller.ProjectArchived),
                    new CachedTask(task.Version, JsonSerializer.Serialize(task, json))
                ),
            splitOn: "id"
        );
        return rows.SingleOrDefault();
    }

    private sealed record CallerRow(string Role, bool ProjectArchived);
}
