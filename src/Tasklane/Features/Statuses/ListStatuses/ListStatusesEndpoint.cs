using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Wolverine.Http;

namespace Tasklane.Features.Statuses.ListStatuses;

public static class ListStatusesEndpoint
{
    private static readonly string Query = Sql.Load(typeof(ListStatusesEndpoint), "ListStatuses.sql");

    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) => Access.Deny(membership, "The project") ?? WolverineContinue.NoProblems;

    /// <summary>The project's statuses (its board's columns) in order.</summary>
    [WolverineGet("/projects/{projectId}/statuses")]
    public static async Task<StatusList> Get(Guid projectId, ClaimsPrincipal caller, ReadDb reads, CancellationToken ct)
    {
        await using var connection = await reads.OpenAsync(caller, ct);
        var rows = await connection.QueryAsync<StatusResponse>(
            new CommandDefinition(Query, new { ProjectId = projectId }, cancellationToken: ct)
        );
        return new StatusList([.. rows]);
    }
}
