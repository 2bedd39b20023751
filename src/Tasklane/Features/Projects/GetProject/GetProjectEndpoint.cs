using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Projects.GetProject;

public static class GetProjectEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetProjectEndpoint), "GetProject.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The project") ?? WolverineContinue.NoProblems;

    /// <summary>
    /// One project with its task counts and its version as ETag. No 304: the counts change without the
    /// project's version changing.
    /// </summary>
    [WolverineGet("/projects/{projectId}")]
    [ProducesResponseType<ProjectResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Membership membership, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ProjectWithCounts>(
            new CommandDefinition(Query, new { membership.ProjectId }, cancellationToken: ct)
        );
        if (row is null)
        {
            return Results.Problem(Problems.NotFound("The project"));
        }

        var project = row.ToResponse();
        response.Headers.ETag = project.ETag();
        return Results.Ok(project);
    }
}
