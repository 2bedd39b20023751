using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Projects;

/// <summary>
/// The one write path of the slices that change a project (rename, archive, delete, restore): lock the row,
/// honour <c>If-Match</c>, let the slice's pure …Decision decide, then write the row and its events in one transaction.
/// </summary>
public sealed class ProjectWrites(Outbox outbox) : ISingletonService
{
    private static readonly string Lock = Sql.Load(typeof(ProjectWrites), "LockProject.sql");
    private static readonly string Write = Sql.Load(typeof(ProjectWrites), "WriteProject.sql");
    private static readonly string Count = Sql.Load(typeof(ProjectWrites), "CountTasks.sql");

    /// <summary>The project after the change, or the problem to answer with (400 If-Match, 404, 409, 412).</summary>
    public async Task<(ProblemDetails? Problem, ProjectResponse? Project)> ChangeAsync(
        Guid projectId,
        HttpRequest request,
        Func<ProjectRow, ProjectOutcome> decide,
        CancellationToken ct
    )
    {
        // Here rather than in each slice's Validate: every project write comes through this method.
        if (new FieldErrors().IfMatch(request) is { Any: true } malformed)
        {
            return (malformed.ToProblem(), null);
        }

        await using var tx = await outbox.BeginAsync(ct);
        var current = await tx.QuerySingleOrDefaultAsync<ProjectRow>(Lock, new { projectId }, ct);
        if (current is null)
        {
            return (Problems.NotFound("The project"), null);
        }

        if (Preconditions.Stale(request, "The project", current.Version) is { } stale)
        {
            return (stale, null);
        }

        var decision = decide(current);
        if (decision.Refused is not null)
        {
            return (decision.Refused, null);
        }

        if (decision.Events.Count > 0)
        {
            await tx.ExecuteAsync(Write, decision.Next, ct);
            foreach (var e in decision.Events)
            {
                tx.Publish(e);
            }
        }

        var counts = await CountTasksAsync(tx, projectId, ct);
        await tx.CommitAsync(ct);
        return (null, decision.Next.ToResponse(counts));
    }

    public static Task<TaskCounts> CountTasksAsync(OutboxTransaction tx, Guid projectId, CancellationToken ct) =>
        tx.QuerySingleAsync<TaskCounts>(Count, new { projectId }, ct);
}
