using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.GetView;

public static class GetViewEndpoint
{
    private static readonly string Query = SavedViewResponse.WithColumns(Sql.Load(typeof(GetViewEndpoint), "GetView.sql"));

    public static Task<Membership?> LoadAsync(Guid viewId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToViewAsync(viewId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The view") ?? WolverineContinue.NoProblems;

    /// <summary>A shared view, or one of the caller's own; another member's own view is 404.</summary>
    [WolverineGet("/views/{viewId}")]
    [ProducesResponseType<SavedViewResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid viewId,
        [NotBody] Membership membership,
        NpgsqlDataSource db,
        HttpResponse response,
        CancellationToken ct
    )
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var view = await connection.QuerySingleOrDefaultAsync<SavedViewResponse>(
            new CommandDefinition(Query, new { viewId }, cancellationToken: ct)
        );
        if (view is null)
        {
            return Results.Problem(Problems.NotFound("The view"));
        }

        response.Headers.ETag = view.ETag();
        return Results.Ok(view);
    }
}
