using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Tasks.ListTasks;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Tasks.RunView;

public static class RunViewEndpoint
{
    private static readonly string Query = Sql.Load(typeof(RunViewEndpoint), "ViewQuery.sql");

    public static Task<Membership?> LoadAsync(Guid viewId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToViewAsync(viewId, caller, ct);

    public static ProblemDetails Validate(int? limit, Membership? membership) =>
        Access.Deny(membership, "The view") ?? new FieldErrors().Limit(limit).ToProblem();

    /// <summary>
    /// One page of the view's tasks: its query run now, as <c>GET /projects/{projectId}/tasks</c> runs it, with this
    /// request's <c>limit</c> and <c>after</c> (the <c>nextCursor</c> of the previous page).
    /// </summary>
    [WolverineGet("/views/{viewId}/tasks")]
    [ProducesResponseType<Page<TaskResponse>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid viewId,
        [Range(1, Paging.MaxLimit)] int? limit,
        [MaxLength(Cursor.MaxLength)] string? after,
        [NotBody] Membership membership,
        HttpRequest request,
        ClaimsPrincipal caller,
        ReadDb reads,
        CancellationToken ct
    )
    {
        await using var connection = await reads.OpenAsync(caller, ct);
        var saved = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Query, new { viewId }, cancellationToken: ct));
        if (saved is null)
        {
            return Results.Problem(Problems.NotFound("The view"));
        }

        var query = TaskListQuery.Parse(SavedViewRules.RunQuery(saved, request.Query), out var errors);
        if (errors.Any)
        {
            // The view was saved valid; only this run's page can be wrong (a cursor of another sort).
            return Results.Problem(errors.ToProblem());
        }

        return Results.Ok(await ListTasksEndpoint.RunAsync(connection, membership.ProjectId!.Value, query, ct));
    }
}
