namespace Tasklane.Features.Notifications;

public static class NotificationKinds
{
    public const string Assignment = "assignment";
    public const string Mention = "mention";
    public const string Comment = "comment";
    public const string Reminder = "reminder";

    public static readonly string[] All = [Assignment, Mention, Comment, Reminder];

    /// <summary>Titles and excerpts are cut to this many characters: a notification points at the task, it does not copy it.</summary>
    public const int TextMax = 200;

    public static string? Cut(string? text) =>
        text is null ? null
        : text.Length <= TextMax ? text
        : string.Concat(text.AsSpan(0, TextMax - 1), "…");
}
