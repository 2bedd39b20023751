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

    /// <summary>An activity kind ("task.created") as words ("task created").</summary>
    public static string Kind(string? kind) => kind is null ? "" : kind.Replace('.', ' ');
}
