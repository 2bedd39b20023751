namespace Tasklane.Infrastructure.Caching;

/// <summary>Every key the hot-record cache uses, so writers and readers cannot disagree on one.</summary>
public static class CacheKeys
{
    /// <summary>A task as the API returns it.</summary>
    public static string Task(Guid taskId) => $"task:{taskId}";

    /// <summary>Which workspace and project a task belongs to: never changes, so only expiry removes it.</summary>
    public static string TaskHome(Guid taskId) => $"task-home:{taskId}";

    /// <summary>A project's workspace and its archived/deleted state, for access checks.</summary>
    public static string ProjectState(Guid projectId) => $"project-state:{projectId}";

    /// <summary>The user of a live session, by the token's hash (never the token); in each host's memory only.</summary>
    public static string Session(string tokenHash) => $"session:{tokenHash}";

    /// <summary>A user's role in a workspace, or none.</summary>
    public static string Role(Guid workspaceId, Guid userId) => $"role:{workspaceId}:{userId}";
}
