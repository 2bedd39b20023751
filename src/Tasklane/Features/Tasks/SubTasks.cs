using Microsoft.AspNetCore.Mvc;
using Tasklane.Infrastructure.Caching;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Tasks;

/// <summary>
/// The one way to change a project's sub-task tree, which nests to <see cref="SubTaskSettings.MaxDepth"/> levels: a write
/// that gives a task a parent takes <see cref="LockTreeAsync"/> before it locks any task, then checks the place with
/// <see cref="CheckPlaceAsync"/>; and a write that adds, removes, completes or reopens a sub-task tells
/// <see cref="ProgressChanged"/>, because its parent's answer shows the progress of its sub-tasks.
/// </summary>
public static class SubTasks
{
    private static readonly string LockTree = Sql.Load(typeof(SubTasks), "LockProjectTree.sql");
    private static readonly string Tree = Sql.Load(typeof(SubTasks), "TaskTree.sql");

    /// <summary>Serialises tree changes in the project until the transaction ends; take it after the project guard, before task rows.</summary>
    public static Task LockTreeAsync(OutboxTransaction tx, Guid projectId, CancellationToken ct) =>
        tx.ExecuteAsync(LockTree, new { ProjectId = projectId }, ct);

    /// <summary>409 when <paramref name="parentId"/> is the task or one of its sub-tasks, or the task's deepest sub-task would nest too deep.</summary>
    public static async Task<ProblemDetails?> CheckPlaceAsync(
        OutboxTransaction tx,
        Guid taskId,
        Guid parentId,
        int maxDepth,
        CancellationToken ct
    ) => Decide(await tx.QuerySingleAsync<TreePlace>(Tree, new { Id = taskId, ParentId = parentId }, ct), maxDepth);

    /// <summary>Pure: the answer for a place in the tree.</summary>
    public static ProblemDetails? Decide(TreePlace place, int maxDepth) =>
        place.Cycle ? Problems.Conflict("A task cannot become a sub-task of itself or of one of its own sub-tasks.")
        : place.ParentDepth + 1 + place.Height > maxDepth
            ? Problems.Conflict(
                place.Height == 0
                    ? $"Sub-tasks nest at most {maxDepth} levels deep, and the parent is at the deepest level."
                    : $"Sub-tasks nest at most {maxDepth} levels deep: this task has {place.Height} levels of sub-tasks below it, which would go deeper."
            )
        : null;

    /// <summary>The parents whose sub-tasks changed: their cached answers (with the progress) go stale.</summary>
    public static void ProgressChanged(OutboxTransaction tx, params IEnumerable<Guid?> parents) =>
        tx.Invalidate(parents.OfType<Guid>().Select(CacheKeys.Task));
}

/// <summary>Where a task would sit: its parent's depth (0: top-level), whether that closes a cycle, and the levels below the task.</summary>
public sealed record TreePlace(int ParentDepth, bool Cycle, int Height);
