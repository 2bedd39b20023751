namespace Tasklane.Infrastructure.Caching;

/// <summary>Every key the hot-record cache uses, so writers and readers cannot disagree on one.</summary>
public static class CacheKeys
{
    /// <summary>A task as the API returns it.</summary>
    public static string Task(Guid taskId) => $"task:{taskId}";

    /// <summary>Which workspace and project a task belongs to, or none: changes only as the task enters or leaves the trash.</summary>
    public static string TaskHome(Guid taskId) => $"task-home:{taskId}";

    /// <summary>
    /// What a task entering or leaving the trash makes stale: whether it exists, so its response and its home (where every
    /// access check of the task, its comments and its attachments starts).
    /// </summary>
    public static IEnumerable<string> TaskExistence(IEnumerable<Guid> taskIds) =>
        taskIds.SelectMany(id => new[] { Task(id), TaskHome(id) });

    /// <summary>A project's workspace and its archived/deleted state, for access checks.</summary>
    public static string ProjectState(Guid projectId) => $"project-state:{projectId}";

    /// <summary>The user of a live session, by the token's hash (never the token); in each host's memory only.</summary>
    public static string Session(string tokenHash) => $"session:{tokenHash}";

    /// <summary>
    /// A user's role in a workspace with the workspace's two-factor requirement for them (<c>MemberFacts</c>), or none. Not
    /// "role:", where versions before the requirement cached the bare role: the entries would not read as the new type.
    /// </summary>
    public static string Role(Guid workspaceId, Guid userId) => $"member:{workspaceId}:{userId}";
}
