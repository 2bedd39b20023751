using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tokens.RevokeToken;

public static class RevokeTokenEndpoint
{
    private static readonly string Update = Sql.Load(typeof(RevokeTokenEndpoint), "RevokeToken.sql");

    public static ProblemDetails Validate(ClaimsPrincipal caller) => caller.DenyOutsideScope() ?? WolverineContinue.NoProblems;

    /// <summary>Revokes one of the caller's tokens; it stops working at once. Someone else's token is 404.</summary>
    [WolverineDelete("/me/tokens/{tokenId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Revoke(
        Guid tokenId,
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var revoked = await connection.ExecuteAsync(
            new CommandDefinition(
                Update,
                new
                {
                    tokenId,
                    userId = caller.UserId(),
                    now = clock.DbNow(),
                },
                cancellationToken: ct
            )
        );
        return revoked == 0 ? Results.Problem(Problems.NotFound("The token")) : Results.NoContent();
    }
}
