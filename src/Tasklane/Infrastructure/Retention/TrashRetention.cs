namespace Tasklane.Infrastructure.Retention;

/// <summary>How long deleted tasks and projects wait in the trash: restorable until then, purged by the worker after.</summary>
public static class TrashRetention
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>When something deleted at <paramref name="deletedAt"/> leaves the trash for good.</summary>
    public static DateTime PurgeAt(DateTime deletedAt) => deletedAt + Window;
}
