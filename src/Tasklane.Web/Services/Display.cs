using System.Globalization;

namespace Tasklane.Web.Services;

/// <summary>How values read on screen. Statuses and priorities are the API's wire values; only this class gives them labels.</summary>
public static class Display
{
    /// <summary>The board's columns, in order: status value and label.</summary>
    public static readonly IReadOnlyList<(string Status, string Label)> Statuses = [("todo", "To do"), ("in_progress", "In progress"), ("done", "Done")];

    public static readonly IReadOnlyList<string> Priorities = ["low", "normal", "high", "urgent"];

    public const string DefaultPriority = "normal";

    public static string StatusLabel(string? status) =>
        Statuses.FirstOrDefault(s => s.Status == status) is { Label: { } label } ? label : status ?? "";

    /// <summary>A moment in the browser's time zone.</summary>
    public static string When(DateTimeOffset? at) =>
        at?.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string When(DateTime at) => When(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
    };

    /// <summary>An activity kind ("task.created") as words ("task created").</summary>
    public static string Kind(string? kind) => kind is null ? "" : kind.Replace('.', ' ');
}
