using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Wolverine.Http;

namespace Tasklane.Features.Projects.DeleteProject;

public static class DeleteProjectEndpoint
{
    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Soft delete: the project and its tasks disappear (404) at once and can be restored for
    /// <see cref="Infrastructure.Retention.TrashRetention.Window"/>. Archived projects can be deleted too.
    /// </summary>
    [WolverineDelete("/projects/{projectId}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(
        Guid projectId,
        [NotBody] Membership membership,
        HttpContext context,
        ProjectWrites writes,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        var now = clock.DbNow();
        var (problem, _) = await writes.ChangeAsync(
            projectId,
            context.Request,
            current => DeleteProjectDecision.Decide(current, membership.UserId, now),
            ct
        );
        return problem is null ? Results.NoContent() : Results.Problem(problem);
    }
}

public static class DeleteProjectDecision
{
    public static ProjectOutcome Decide(ProjectRow current, Guid actorId, DateTime now)
    {
        if (current.DeletedAt is not null)
        {
            return ProjectOutcome.Refuse(Problems.NotFound("The project"), current);
        }

        var next = current with { DeletedAt = now, Version = current.Version + 1 };
        return ProjectOutcome.Change(
            next,
            new ProjectDeleted(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version)
        );
    }
}
