using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Projects;

/// <summary>
/// The one way a write to a project's tasks, comments or attachments makes sure the project is still writable (an
/// architecture test checks that each of them calls it). <c>Access.DenyArchived</c> in Validate answers the common
/// case; this closes the race with an archive or delete committed in between: the share lock makes an archive or
/// delete wait for the writes that hold it, and a write that comes after a committed archive is refused, so nothing is
/// ever written into an archived project.
/// </summary>
public static class ProjectGuard
{
    private static readonly string State = Sql.Load(typeof(ProjectGuard), "ProjectGuard.sql");

    /// <summary>
    /// Share-locks the project until the transaction ends; 404 when deleted, 409 when archived, else null. Call it first in
    /// the transaction, before anything locks a task, comment or attachment: a share lock asked for while holding such a
    /// row can queue behind an archive waiting for another writer, which waits for that row (a deadlock).
    /// </summary>
    public static async Task<ProblemDetails?> LockWritableAsync(OutboxTransaction tx, Guid projectId, CancellationToken ct) =>
        await tx.QuerySingleOrDefaultAsync<string>(State, new { projectId }, ct) switch
        {
            "active" => null,
            "archived" => Problems.Conflict("The project is archived and read-only. Unarchive it first."),
            _ => Problems.NotFound("The project"),
        };
}
