using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Projects;

/// <summary>
/// For slices that change a project's tasks. <c>Access.DenyArchived</c> in Validate answers the common case;
/// this closes the race with an archive or delete committed in between, inside the writing transaction.
/// </summary>
public static class ProjectGuard
{
    private static readonly string State = Sql.Load(typeof(ProjectGuard), "ProjectGuard.sql");

    /// <summary>Share-locks the project until the transaction ends; 404 when deleted, 409 when archived, else null.</summary>
    public static async Task<ProblemDetails?> LockWritableAsync(OutboxTransaction tx, Guid projectId, CancellationToken ct) =>
        await tx.QuerySingleOrDefaultAsync<string>(State, new { projectId }, ct) switch
        {
            "active" => null,
            "archived" => Problems.Conflict("The project is archived and read-only. Unarchive it first."),
            _ => Problems.NotFound("The project"),
        };
}
