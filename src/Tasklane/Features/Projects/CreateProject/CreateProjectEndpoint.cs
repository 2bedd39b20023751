using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Npgsql;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Projects.CreateProject;

public sealed record CreateProjectRequest(string? Name, string? Description);

public static class CreateProjectEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateProjectEndpoint), "CreateProject.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateProjectRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (request is null
            ? FieldErrors.MissingBody()
            : new FieldErrors().Required("name", request.Name, 100).MaxLength("description", request.Description, 10_000).ToProblem());

    [WolverinePost("/workspaces/{workspaceId}/projects")]
    [ProducesResponseType<ProjectResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(CreateProjectRequest request, Membership membership, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var project = new ProjectResponse(Guid.CreateVersion7(), membership.WorkspaceId, request.Name!.Trim(), request.Description, clock.GetUtcNow().UtcDateTime);
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Insert,
            new { project.Id, project.WorkspaceId, project.Name, project.Description, project.CreatedAt, CreatedBy = membership.UserId },
            cancellationToken: ct));
        return Results.Created($"/api/v1/projects/{project.Id}", project);
    }
}
