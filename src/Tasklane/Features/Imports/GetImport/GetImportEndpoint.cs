using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Imports.GetImport;

public static class GetImportEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetImportEndpoint), "GetImport.sql");

    public static Task<Membership?> LoadAsync(Guid importId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToImportAsync(importId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The import", Permission.ManageProjects) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// The import job, for the workspace's admins and owners: poll it until <c>status</c> is succeeded or failed.
    /// <c>processed</c> of <c>total</c> rows are done; <c>errors</c> lists bad rows, <c>preview</c> what is created.
    /// </summary>
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [WolverineGet("/imports/{importId}")]
    [ProducesResponseType<ImportResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid importId, NpgsqlDataSource db, HttpResponse response, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ImportJobRow>(
            new CommandDefinition(Query, new { ImportId = importId }, cancellationToken: ct)
        );
        if (row is null)
        {
            return Results.Problem(Problems.NotFound("The import"));
        }

        // The body changes while the job runs: never cached.
        response.Headers.CacheControl = "no-store";
        return Results.Ok(row.ToResponse());
    }
}
