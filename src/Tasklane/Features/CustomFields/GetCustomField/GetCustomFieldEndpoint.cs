using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.CustomFields.GetCustomField;

public static class GetCustomFieldEndpoint
{
    private static readonly string Query = CustomFieldRules.WithColumns(Sql.Load(typeof(GetCustomFieldEndpoint), "GetCustomField.sql"));

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The workspace") ?? WolverineContinue.NoProblems;

    /// <summary>One custom field with its version as ETag.</summary>
    [WolverineGet("/workspaces/{workspaceId}/custom-fields/{fieldId}")]
    [ProducesResponseType<CustomFieldResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid workspaceId, Guid fieldId, HttpResponse response, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var field = await connection.QuerySingleOrDefaultAsync<CustomFieldResponse>(
            new CommandDefinition(Query, new { workspaceId, fieldId }, cancellationToken: ct)
        );
        if (field is null)
        {
            return Results.Problem(Problems.NotFound("The custom field"));
        }

        response.Headers.ETag = field.ETag();
        return Results.Ok(field);
    }
}
