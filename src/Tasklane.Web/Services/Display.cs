using System.Globalization;
using Tasklane.Client.Models;

namespace Tasklane.Web.Services;

/// <summary>How values read on screen. Statuses and priorities are the typed client's enums; only this class gives them labels.</summary>
public static class Display
{
    /// <summary>The board's columns, in order: status and label.</summary>
    public static readonly IReadOnlyList<(StatusCategory Status, string Label)> Statuses =
    [
        (StatusCategory.Todo, "To do"),
        (StatusCategory.In_progress, "In progress"),
        (StatusCategory.Done, "Done"),
    ];

    public static readonly IReadOnlyList<TaskPriority> Priorities = Enum.GetValues<TaskPriority>();

    public const TaskPriority DefaultPriority = TaskPriority.Normal;

    public static string StatusLabel(StatusCategory? status) =>
        Statuses.FirstOrDefault(s => s.Status == status) is { Label: { } label } ? label : Wire(status);

    /// <summary>A status as the event stream carries it, which is untyped JSON: its wire value.</summary>
    public static string StatusLabel(string? wire) =>
        Statuses.FirstOrDefault(s => Wire(s.Status) == wire) is { Label: { } label } ? label : wire ?? "";

    /// <summary>
    /// The API's value of a client enum ("in_progress"): Kiota names each member after its value with the first letter
    /// capitalised. Page markup (test ids, CSS classes) uses these, so they read as the API does.
    /// </summary>
    public static string Wire(Enum? value) => value?.ToString().ToLowerInvariant() ?? "";

    /// <summary>A moment in the browser's time zone.</summary>
    public static string When(DateTimeOffset? at) => at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string When(DateTime at) => When(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));

    public static string Size(long? bytes) =>
        bytes switch
        {
            null => "",
            < 1024 => $"{bytes} B",
            < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        };

    /// <summary>A day (a due date) in the browser's time zone.</summary>
    public static string Day(DateTimeOffset? at) => at?.ToLocalTime().ToString("MMM d", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Due before now and not done.</summary>
    public static bool IsOverdue(TaskResponse task) =>
        task.DueAt is { } due && due < DateTimeOffset.UtcNow && task.Status != StatusCategory.Done;

    /// <summary>A member as people read them: their display name, else their email.</summary>
    public static string Name(MemberResponse member) => member.DisplayName is { Length: > 0 } name ? name : member.Email ?? "";

    /// <summary>Up to two letters for an avatar: the initials of the name's first two words ("Ada Lovelace": "AL").</summary>
    public static string Initials(MemberResponse member) =>
        string.Concat(
            Name(member)
                .Split([' ', '.', '@', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
                .Take(2)
                .Select(word => char.ToUpperInvariant(word[0]))
        )
            is { Length: > 0 } initials
            ? initials
            : "?";

    /// <summary>An activity kind ("task.created") as words ("task created").</summary>
    public static string Kind(string? kind) => kind is null ? "" : kind.Replace('.', ' ');
}
