using Dapper;
using Npgsql;
using Tasklane.Features.Members;
using Tasklane.Features.Projects;
using Tasklane.Features.Tasks;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Attributes;

namespace Tasklane.Features.Imports.AssignImportedTasks;

/// <summary>
/// Worker: someone an import invited has joined, so the tasks the import assigned to them (held in
/// invitation_assignments) become theirs, <see cref="BatchSize"/> per transaction: each task at a new version with its
/// <see cref="TaskUpdated"/>, so caches, the change feed, activity and webhooks see the change. The rows of a batch go in
/// the transaction that assigns them, so a message run again (redelivered, or after a crash) assigns only what is left.
/// The joining member is the actor: accepting the invitation is what assigns them, and they are not notified of each task.
/// </summary>
[StickyHandler(Queues.Jobs)]
public static class AssignImportedTasksHandler
{
    public const int BatchSize = 500;

    private static readonly string Projects = Sql.Load(typeof(AssignImportedTasksHandler), "HeldProjects.sql");
    private static readonly string Take = Sql.Load(typeof(AssignImportedTasksHandler), "TakeHeld.sql");
    private static readonly string Assign = Sql.Load(typeof(AssignImportedTasksHandler), "AssignHeld.sql");
    private static readonly string Drop = Sql.Load(typeof(AssignImportedTasksHandler), "DropHeld.sql");

    /// <summary>Only an invitation can hold imported tasks; a member who joined through a sign-in mapping has none.</summary>
    public static bool Takes(MemberJoined e) => e.InvitationId is not null;

    [ScheduleRetry(typeof(Exception), 1, 5, 30, 120, 600)]
    public static async Task Handle(MemberJoined e, NpgsqlDataSource db, Outbox outbox, TimeProvider clock, CancellationToken ct)
    {
        List<Guid> projects;
        await using (var connection = await db.OpenConnectionAsync(ct))
        {
            projects = (
                await connection.QueryAsync<Guid>(new CommandDefinition(Projects, new { e.InvitationId }, cancellationToken: ct))
            ).ToList();
        }

        if (projects.Count == 0)
        {
            return;
        }

        foreach (var projectId in projects)
        {
            while (await AssignBatchAsync(e, projectId, outbox, clock, ct)) { }
        }

        await using var tx = await outbox.BeginAsync(ct);
        await tx.ExecuteAsync(Drop, new { e.InvitationId, ProjectId = (Guid?)null }, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>One batch of the project's tasks; true when there may be more.</summary>
    private static async Task<bool> AssignBatchAsync(
        MemberJoined e,
        Guid projectId,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, projectId, ct) is not null)
        {
            // Archived or deleted: its tasks are read-only, so what was held for them is dropped.
            await tx.ExecuteAsync(Drop, new { e.InvitationId, ProjectId = (Guid?)projectId }, ct);
            await tx.CommitAsync(ct);
            return false;
        }

        var held = (
            await tx.QueryAsync<HeldTask>(
                Take,
                new
                {
                    e.InvitationId,
                    ProjectId = projectId,
                    Limit = BatchSize,
                },
                ct
            )
        ).ToList();
        if (held.Count == 0)
        {
            return false;
        }

        var now = clock.DbNow();
        var assignments = AssignImportedTasksDecision.Decide(held, e.UserId);
        await tx.ExecuteAsync(
            Assign,
            new
            {
                e.InvitationId,
                e.UserId,
                Now = now,
                HeldIds = held.Select(t => t.Id).ToArray(),
                TaskIds = assignments.Select(a => a.TaskId).ToArray(),
                Versions = assignments.Select(a => a.Version).ToArray(),
                FirstAssignees = assignments.Select(a => a.AssigneeIds.To[0]).ToArray(),
            },
            ct
        );
        foreach (var assignment in assignments)
        {
            tx.Publish(
                new TaskUpdated(
                    Guid.CreateVersion7(),
                    e.WorkspaceId,
                    projectId,
                    assignment.TaskId,
                    e.UserId,
                    now,
                    assignment.Version,
                    new TaskChanges { AssigneeIds = assignment.AssigneeIds }
                )
            );
        }

        await tx.CommitAsync(ct);
        return held.Count == BatchSize;
    }
}

/// <summary>A task waiting for the invitation, as locked: its version and sorted assignees.</summary>
public sealed record HeldTask(Guid Id, int Version, Guid[] AssigneeIds);

/// <summary>A task gaining the assignee: its next version and the change of its assignees.</summary>
public sealed record ImportedAssignment(Guid TaskId, int Version, FieldChange<Guid[]> AssigneeIds);

/// <remarks>Called by the handler inside its transaction, not routed as a message.</remarks>
public static class AssignImportedTasksDecision
{
    /// <summary>Each task gains the user, unless it has them already or has as many assignees as a task may.</summary>
    public static IReadOnlyList<ImportedAssignment> Decide(IEnumerable<HeldTask> tasks, Guid userId) =>
        tasks
            .Where(t => !t.AssigneeIds.Contains(userId) && t.AssigneeIds.Length < TaskRules.AssigneesMax)
            .Select(t => new ImportedAssignment(
                t.Id,
                t.Version + 1,
                new FieldChange<Guid[]>(t.AssigneeIds, TaskRules.IdSet([.. t.AssigneeIds, userId]))
            ))
            .ToList();
}
