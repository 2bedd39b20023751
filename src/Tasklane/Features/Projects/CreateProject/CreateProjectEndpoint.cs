using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Projects.CreateProject;

public sealed record CreateProjectRequest(
    [property: MaxLength(ProjectRules.NameMax)] string? Name,
    [property: MaxLength(ProjectRules.DescriptionMax)] string? Description
);

public static class CreateProjectEndpoint
{
    private static readonly string Insert = Sql.Load(typeof(CreateProjectEndpoint), "CreateProject.sql");

    public static Task<Membership?> LoadAsync(Guid workspaceId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToWorkspaceAsync(workspaceId, caller, ct);

    public static ProblemDetails Validate(CreateProjectRequest? request, Membership? membership) =>
        Access.Deny(membership, "The workspace", Permission.ManageProjects)
        ?? (
            request is null
                ? FieldErrors.MissingBody()
                : new FieldErrors()
                    .Required("name", request.Name, ProjectRules.NameMax)
                    .MaxLength("description", request.Description, ProjectRules.DescriptionMax)
                    .ToProblem()
        );

    [WolverinePost("/workspaces/{workspaceId}/projects")]
    [ProducesResponseType<ProjectResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        CreateProjectRequest request,
        Membership membership,
        Outbox outbox,
        HttpResponse response,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var project = new ProjectRow(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            request.Name!.Trim(),
            request.Description,
            1,
            null,
            null,
            now
        );

        await using var tx = await outbox.BeginAsync(ct);
        await tx.ExecuteAsync(
            Insert,
            new
            {
                project.Id,
                project.WorkspaceId,
                project.Name,
                project.Description,
                project.Version,
                project.CreatedAt,
                CreatedBy = membership.UserId,
            },
            ct
        );
        tx.Publish(new ProjectCreated(Guid.CreateVersion7(), project.WorkspaceId, project.Id, membership.UserId, now, project.Name));
        await tx.CommitAsync(ct);

        var body = project.ToResponse(TaskCounts.None);
        response.Headers.ETag = body.ETag();
        return Results.Created(ApiRoutes.Path($"projects/{project.Id}"), body);
    }
}
