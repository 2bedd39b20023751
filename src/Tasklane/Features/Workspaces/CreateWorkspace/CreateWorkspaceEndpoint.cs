using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Workspaces.CreateWorkspace;

public sealed record CreateWorkspaceRequest([property: MaxLength(WorkspaceRules.NameMax)] string? Name);

public static class CreateWorkspaceEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateWorkspaceEndpoint), "CreateWorkspace.sql");

    public static ProblemDetails Validate(CreateWorkspaceRequest? request, ClaimsPrincipal caller) =>
        caller.DenyOutsideScope()
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors().Required("name", request.Name, WorkspaceRules.NameMax).ToProblem()
        );

    /// <summary>Creates a workspace with the caller as its owner.</summary>
    [WolverinePost("/workspaces")]
    [ProducesResponseType<WorkspaceResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateWorkspaceRequest request,
        ClaimsPrincipal caller,
        NpgsqlDataSource db,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var workspace = new WorkspaceResponse(Guid.CreateVersion7(), request.Name!.Trim(), WorkspaceRole.Owner, clock.DbNow(), false);
        await using var connection = await db.OpenConnectionAsync(ct);
        // One statement (a data-modifying CTE) writes the workspace and the owner membership atomically.
        await connection.ExecuteAsync(
            new CommandDefinition(
                Insert,
                new
                {
                    workspace.Id,
                    workspace.Name,
                    workspace.CreatedAt,
                    UserId = caller.UserId(),
                },
                cancellationToken: ct
            )
        );
        return Results.Created(ApiRoutes.Path($"workspaces/{workspace.Id}"), workspace);
    }
}
