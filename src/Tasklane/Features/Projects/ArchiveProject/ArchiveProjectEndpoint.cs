using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Projects.ArchiveProject;

public static class ArchiveProjectEndpoint
{
    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects) ?? WolverineContinue.NoProblems;

    /// <summary>Makes the project read-only. 409 when it already is archived; 412 on a stale If-Match.</summary>
    [WolverinePost("/projects/{projectId}/archive")]
    [ProducesResponseType<ProjectResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid projectId,
        [NotBody] Membership membership,
        HttpContext context,
        ProjectWrites writes,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var (problem, project) = await writes.ChangeAsync(
            projectId,
            context.Request,
            current => ArchiveProjectDecision.Decide(current, membership.UserId, now),
            ct
        );
        return ProjectResults.From(problem, project, context.Response);
    }
}

public static class ArchiveProjectDecision
{
    public static ProjectOutcome Decide(ProjectRow current, Guid actorId, DateTime now)
    {
        if (current.DeletedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.NotFound("The project"), current);
        }

        if (current.ArchivedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.Conflict("The project is already archived."), current);
        }

        var next = current with { ArchivedAt = now, Version = current.Version + 1 };
        return ProjectOutcome.Change(
            next,
            new ProjectArchived(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version)
        );
    }
}
