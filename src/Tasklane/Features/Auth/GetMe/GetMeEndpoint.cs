using System.Security.Claims;
using Dapper;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Auth.GetMe;

public static class GetMeEndpoint
{
    private static readonly string FindUser = Sql.Load(typeof(GetMeEndpoint), "GetMe.sql");

    [WolverineGet("/me")]
    public static async Task<UserResponse> Get(ClaimsPrincipal caller, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<UserResponse>(
            new CommandDefinition(FindUser, new { id = caller.UserId() }, cancellationToken: ct)
        );
    }
}
