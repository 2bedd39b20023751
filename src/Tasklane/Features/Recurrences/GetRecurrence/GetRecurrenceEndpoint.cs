using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Recurrences.GetRecurrence;

public static class GetRecurrenceEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetRecurrenceEndpoint), "GetRecurrence.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The task") ?? WolverineContinue.NoProblems;

    /// <summary>
    /// How the task recurs, with its version as ETag; 404 when it does not (any more: the recurrence moves to each new
    /// occurrence).
    /// </summary>
    [WolverineGet("/tasks/{taskId}/recurrence")]
    [ProducesResponseType<RecurrenceResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid taskId, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RecurrenceRow>(
            new CommandDefinition(Query, new { TaskId = taskId }, cancellationToken: ct)
        );
        if (row is null)
        {
            return Results.Problem(Problems.NotFound("The recurrence"));
        }

        response.Headers.ETag = row.ETag();
        return Results.Ok(row.ToResponse());
    }
}
