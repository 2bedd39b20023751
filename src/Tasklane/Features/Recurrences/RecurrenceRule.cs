using System.Text.Json.Serialization;

namespace Tasklane.Features.Recurrences;

/// <summary>
/// When a series' occurrences fall: at <see cref="Time"/> on the wall clock of <see cref="TimeZone"/> (an IANA id), on
/// every day (<see cref="RecurrenceFrequency.Daily"/>), on <see cref="Weekdays"/> (weekly), on <see cref="MonthDay"/>
/// (monthly; the last day of a shorter month), or every <see cref="Interval"/> days (every_n_days).
/// </summary>
public sealed record RecurrenceRule(
    RecurrenceFrequency Frequency,
    int? Interval,
    IReadOnlyList<Weekday> Weekdays,
    int? MonthDay,
    [property: JsonConverter(typeof(RecurrenceTimeConverter))] TimeOnly Time,
    string TimeZone
);
