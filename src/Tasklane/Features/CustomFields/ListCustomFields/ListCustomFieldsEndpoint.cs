using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.CustomFields.ListCustomFields;

public static class ListCustomFieldsEndpoint
{
    private static readonly string Query = CustomFieldRules.WithColumns(Sql.Load(typeof(ListCustomFieldsEndpoint), "ListCustomFields.sql"));

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The workspace") ?? WolverineContinue.NoProblems;

    /// <summary>The workspace's custom fields in order.</summary>
    [WolverineGet("/workspaces/{workspaceId}/custom-fields")]
    public static async Task<CustomFieldList> Get(Guid workspaceId, ClaimsPrincipal caller, ReadDb reads, CancellationToken ct)
    {
        await using var connection = await reads.OpenAsync(caller, ct);
        var rows = await connection.QueryAsync<CustomFieldResponse>(
            new CommandDefinition(Query, new { workspaceId }, cancellationToken: ct)
        );
        return new CustomFieldList([.. rows]);
    }
}
