using System.Text.RegularExpressions;

namespace Tasklane.Features.Recurrences;

/// <summary>The time zones a rule may name: IANA ids the host's time zone database knows ("Europe/Berlin", "UTC").</summary>
public static partial class RecurrenceZones
{
    /// <summary>The zone, or null for anything else (a Windows id, a path, an id the database lacks).</summary>
    public static TimeZoneInfo? Find(string? id) =>
        id is { Length: > 0 and <= RecurrenceRules.TimeZoneMax }
        && IanaId().IsMatch(id)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId
            ? zone
            : null;

    // Only the characters IANA ids use, so the lookup can never be handed a path ("..", "/etc/…").
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$")]
    private static partial Regex IanaId();
}
