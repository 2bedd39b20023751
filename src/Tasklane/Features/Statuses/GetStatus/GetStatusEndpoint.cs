using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Statuses.GetStatus;

public static class GetStatusEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetStatusEndpoint), "GetStatus.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The project") ?? WolverineContinue.NoProblems;

    /// <summary>One status of the project, with its ETag.</summary>
    [WolverineGet("/projects/{projectId}/statuses/{statusId}")]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid projectId, Guid statusId, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var status = await connection.QuerySingleOrDefaultAsync<StatusResponse>(
            new CommandDefinition(Query, new { ProjectId = projectId, StatusId = statusId }, cancellationToken: ct)
        );
        if (status is null)
        {
            return Results.Problem(Problems.NotFound("The status"));
        }

        response.Headers.ETag = status.ETag();
        return Results.Ok(status);
    }
}
