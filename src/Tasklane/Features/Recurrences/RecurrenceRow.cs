using System.Globalization;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Features.Recurrences;

/// <summary>A row of <c>task_recurrences</c>: a series, attached to its current task (<see cref="TaskId"/>).</summary>
public sealed record RecurrenceRow
{
    private static readonly string LockByTaskSql = Sql.Load(typeof(RecurrenceRow), "LockRecurrence.sql");
    private static readonly string LockByIdSql = Sql.Load(typeof(RecurrenceRow), "LockRecurrenceById.sql");

    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid TaskId { get; init; }
    public RecurrenceFrequency Frequency { get; init; }
    public int? IntervalDays { get; init; }
    public string[] Weekdays { get; init; } = [];
    public int? MonthDay { get; init; }
    public TimeSpan TimeOfDay { get; init; }
    public string TimeZone { get; init; } = "";

    /// <summary>A local date (the column is a <c>date</c>): where the rule starts counting.</summary>
    public DateTime StartsOn { get; init; }

    public DateTime NextAt { get; init; }
    public int Version { get; init; }
    public Guid SetBy { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }

    /// <summary>The recurrence of the task, locked until the transaction ends; null when the task does not recur.</summary>
    public static Task<RecurrenceRow?> LockByTaskAsync(OutboxTransaction tx, Guid taskId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<RecurrenceRow>(LockByTaskSql, new { TaskId = taskId }, ct);

    /// <summary>The recurrence, locked until the transaction ends; null when it was removed (or its task purged).</summary>
    public static Task<RecurrenceRow?> LockByIdAsync(OutboxTransaction tx, Guid recurrenceId, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<RecurrenceRow>(LockByIdSql, new { RecurrenceId = recurrenceId }, ct);

    public RecurrenceRule ToRule() =>
        new(Frequency, IntervalDays, [.. Weekdays.Select(TextEnum.Parse<Weekday>)], MonthDay, TimeOnly.FromTimeSpan(TimeOfDay), TimeZone);

    public DateOnly StartsOnDate() => DateOnly.FromDateTime(StartsOn);

    public RecurrenceResponse ToResponse() =>
        new(
            Id,
            TaskId,
            Frequency,
            IntervalDays,
            Weekdays,
            MonthDay,
            TimeOnly.FromTimeSpan(TimeOfDay).ToString(RecurrenceRules.TimeFormat, CultureInfo.InvariantCulture),
            TimeZone,
            DateTime.SpecifyKind(NextAt, DateTimeKind.Utc),
            Version,
            SetBy,
            DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc),
            DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)
        );

    public string ETag() => $"\"{Version}\"";
}
