using System.ComponentModel.DataAnnotations;

namespace Tasklane.Features.Recurrences;

/// <summary>
/// How a task recurs: its rule (the fields of the request that set it), when its next occurrence is due
/// (<see cref="NextAt"/>, UTC) and <see cref="Version"/>, the ETag. <see cref="TaskId"/> is the series' current task: the
/// recurrence moves to each new occurrence.
/// </summary>
public sealed record RecurrenceResponse(
    Guid Id,
    Guid TaskId,
    RecurrenceFrequency Frequency,
    [property: Range(1, RecurrenceRules.IntervalMax)] int? Interval,
    [property: MaxLength(7)] Weekday[] Weekdays,
    [property: Range(1, 31)] int? MonthDay,
    [property: MaxLength(RecurrenceRules.TimeLength)] string Time,
    [property: MaxLength(RecurrenceRules.TimeZoneMax)] string TimeZone,
    DateTime NextAt,
    int Version,
    Guid SetBy,
    DateTime CreatedAt,
    DateTime UpdatedAt
);
