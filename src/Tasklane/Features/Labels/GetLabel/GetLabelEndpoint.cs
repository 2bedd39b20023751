using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Labels.GetLabel;

public static class GetLabelEndpoint
{
    private static readonly string Query = Sql.Load(typeof(GetLabelEndpoint), "GetLabel.sql");

    /// <summary>One label with its version as ETag.</summary>
    [WolverineGet("/labels/{labelId}")]
    [ProducesResponseType<LabelResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid labelId,
        ClaimsPrincipal caller,
        HttpResponse response,
        NpgsqlDataSource db,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var label = await connection.QuerySingleOrDefaultAsync<LabelResponse>(
            new CommandDefinition(
                Query,
                new
                {
                    labelId,
                    userId = caller.UserId(),
                    scope = caller.WorkspaceScope(),
                },
                cancellationToken: ct
            )
        );
        if (label is null)
        {
            return Results.Problem(Problems.NotFound("The label"));
        }

        response.Headers.ETag = label.ETag();
        return Results.Ok(label);
    }
}
