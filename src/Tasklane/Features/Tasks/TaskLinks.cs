using Dapper;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

/// <summary>
/// Checks and stores what a task points at: assignees (workspace members), labels (of the same workspace) and
/// its parent (a task of the same project). Shared by create and update, run inside their transaction.
/// </summary>
public static class TaskLinks
{
    private static readonly string NonMembersSql = Sql.Load(typeof(TaskLinks), "NonMembers.sql");
    private static readonly string ForeignLabelsSql = Sql.Load(typeof(TaskLinks), "ForeignLabels.sql");
    private static readonly string LockParentSql = Sql.Load(typeof(TaskLinks), "LockParent.sql");
    private static readonly string SaveSql = Sql.Load(typeof(TaskLinks), "SaveTaskLinks.sql");

    /// <summary>
    /// 400 naming each assignee that is not a workspace member and each label of another workspace, 400 for a
    /// parent that is not a task of this project, 409 when the new parent is the task or one of its sub-tasks, or when
    /// sub-tasks would nest deeper than <paramref name="maxDepth"/>; null when all is well. Assignee errors are reported
    /// under <paramref name="assigneeField"/>, the field the client sent. Only the ids in
    /// <paramref name="addedAssignees"/>/<paramref name="addedLabels"/> are checked, so a task keeps an assignee who has
    /// since left. A new parent needs <see cref="SubTasks.LockTreeAsync"/> taken first; the parent row is locked (shared)
    /// so it cannot be deleted before this transaction commits.
    /// </summary>
    public static async Task<ProblemDetails?> CheckAsync(
        OutboxTransaction tx,
        TaskResponse task,
        Guid[] addedAssignees,
        Guid[] addedLabels,
        bool parentChanged,
        int maxDepth,
        CancellationToken ct,
        string assigneeField = "assigneeIds"
    )
    {
        var errors = new FieldErrors();
        foreach (var id in await NonMembersAsync(tx, task.WorkspaceId, addedAssignees, ct))
        {
            errors.Add(assigneeField, $"{id} is not a member of this workspace.");
        }

        foreach (var id in await ForeignLabelsAsync(tx, task.WorkspaceId, addedLabels, ct))
        {
            errors.Add("labelIds", $"{id} is not a label of this workspace.");
        }

        if (parentChanged && task.ParentId is { } parentId)
        {
            var parent = await tx.QuerySingleOrDefaultAsync<ParentRow>(LockParentSql, new { parentId, task.ProjectId }, ct);
            if (parentId == task.Id)
            {
                errors.Add("parentId", "A task cannot be its own parent.");
            }
            else if (parent is null)
            {
                errors.Add("parentId", $"{parentId} is not a task of this project.");
            }
            else if (!errors.Any && await SubTasks.CheckPlaceAsync(tx, task.Id, parentId, maxDepth, ct) is { } misplaced)
            {
                return misplaced;
            }
        }

        return errors.Any ? errors.ToProblem() : null;
    }

    /// <summary>The ids among <paramref name="userIds"/> that are not members of the workspace.</summary>
    public static async Task<IReadOnlyList<Guid>> NonMembersAsync(
        OutboxTransaction tx,
        Guid workspaceId,
        Guid[] userIds,
        CancellationToken ct
    ) =>
        userIds.Length == 0
            ? []
            : (await tx.QueryAsync<Guid>(NonMembersSql, new { WorkspaceId = workspaceId, ids = userIds }, ct)).AsList();

    /// <summary>
    /// The ids among <paramref name="labelIds"/> that are not labels of the workspace; the others stay locked (key share)
    /// until the transaction ends. Take this before any task row: a label's delete locks the label and then the tasks
    /// that carry it, so the other order can deadlock.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> ForeignLabelsAsync(
        OutboxTransaction tx,
        Guid workspaceId,
        Guid[] labelIds,
        CancellationToken ct
    ) =>
        labelIds.Length == 0
            ? []
            : (await tx.QueryAsync<Guid>(ForeignLabelsSql, new { WorkspaceId = workspaceId, ids = labelIds }, ct)).AsList();

    /// <summary>Makes the stored assignee and label sets equal to the task's.</summary>
    public static Task SaveAsync(OutboxTransaction tx, TaskResponse task, CancellationToken ct) =>
        tx.ExecuteAsync(
            SaveSql,
            new
            {
                task.Id,
                task.AssigneeIds,
                task.LabelIds,
            },
            ct
        );

    private sealed record ParentRow(Guid Id);
}
