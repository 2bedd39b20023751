using System.ComponentModel.DataAnnotations;
using Tasklane.Infrastructure.Http;

namespace Tasklane.Features.Recurrences;

/// <summary>
/// How a task recurs: its rule (the fields of the request that set it), when its next occurrence is due (<c>nextAt</c>,
/// UTC) and <c>version</c>, the ETag. <c>taskId</c> is the series' current task: the recurrence moves to each new
/// occurrence.
/// </summary>
public sealed record RecurrenceResponse(
    Guid Id,
    Guid TaskId,
    RecurrenceFrequency Frequency,
    [property: Range(1, RecurrenceRules.IntervalMax)] int? Interval,
    [property: MaxLength(7), OneOf(typeof(RecurrenceRules), nameof(RecurrenceRules.WeekdayNames))] string[] Weekdays,
    [property: Range(1, 31)] int? MonthDay,
    [property: MaxLength(RecurrenceRules.TimeLength)] string Time,
    [property: MaxLength(RecurrenceRules.TimeZoneMax)] string TimeZone,
    DateTime NextAt,
    int Version,
    Guid SetBy,
    DateTime CreatedAt,
    DateTime UpdatedAt
);
