using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Retention;
using Wolverine.Http;

namespace Tasklane.Features.Projects.RestoreProject;

public static class RestoreProjectEndpoint
{
    // The only lookup that finds deleted projects.
    public static Task<Membership?> LoadAsync(Guid projectId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToProjectIncludingDeletedAsync(projectId, caller, ct);

    public static ProblemDetails Validate(Membership? membership) =>
        Access.Deny(membership, "The project", Permission.ManageProjects) ?? WolverineContinue.NoProblems;

    /// <summary>Brings back a project deleted less than 30 days ago, with its tasks and archived state. 409 otherwise.</summary>
    [WolverinePost("/projects/{projectId}/restore")]
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
            current => RestoreProjectDecision.Decide(current, membership.UserId, now),
            ct
        );
        return ProjectResults.From(problem, project, context.Response);
    }
}

public static class RestoreProjectDecision
{
    public static ProjectOutcome Decide(ProjectRow current, Guid actorId, DateTime now)
    {
        if (current.DeletedAt is not { } deletedAt)
        {
            return ProjectOutcome.Refuse(Problems.Conflict("The project is not deleted."), current);
        }

        if (now - deletedAt > TrashRetention.Window)
        {
            return ProjectOutcome.Refuse(
                Problems.Conflict(
                    $"The project was deleted more than {TrashRetention.Window.TotalDays:0} days ago and can no longer be restored."
                ),
                current
            );
        }

        var next = current with { DeletedAt = null, Version = current.Version + 1 };
        return ProjectOutcome.Change(
            next,
            new ProjectRestored(Guid.CreateVersion7(), current.WorkspaceId, current.Id, actorId, now, next.Version)
        );
    }
}
