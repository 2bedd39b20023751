using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Projects.UnarchiveProject;

public static class UnarchiveProjectEndpoint
{
    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects) ?? WolverineContinue.NoProblems;

    /// <summary>Makes an archived project writable again. 409 when it is not archived; 412 on a stale If-Match.</summary>
    [WolverinePost("/projects/{projectId}/unarchive")]
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
            current => UnarchiveProjectDecision.Decide(current, membership.UserId, now),
            ct
        );
        return ProjectResults.From(problem, project, context.Response);
    }
}

public static class UnarchiveProjectDecision
{
    public static ProjectOutcome Decide(ProjectRow current, Guid actorId, DateTime now)
    {
        if (current.DeletedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.NotFound("The project"), current);
        }

        if (current.ArchivedAt is null)
        {
            return ProjectOutcome.Refuse(Problems.Conflict("The project is not archived."), current);
        }

        var next = current with { ArchivedAt = null, Version = current.Version + 1 };
        return ProjectOutcome.Change(
            next,
            new ProjectUnarchived(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version)
        );
    }
}
