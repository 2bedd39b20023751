using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Features.Projects;
using Tasklane.Infrastructure;
using Tasklane.Infrastructure.Auth;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Http;
using Tasklane.Infrastructure.Messaging;
using Wolverine.Http;

namespace Tasklane.Features.Recurrences.SetRecurrence;

/// <summary>
/// The rule: <c>frequency</c> with what it needs (<c>weekdays</c> for weekly, <c>monthDay</c> for monthly, <c>interval</c>
/// days for every_n_days, nothing more for daily), the wall-clock <c>time</c> ("HH:mm") and the IANA <c>timeZone</c> it is
/// read in.
/// </summary>
public sealed record SetRecurrenceRequest(
    RecurrenceFrequency? Frequency,
    [property: Range(1, RecurrenceRules.IntervalMax)] int? Interval,
    [property: MaxLength(7), OneOf(typeof(RecurrenceRules), nameof(RecurrenceRules.WeekdayNames))] string[]? Weekdays,
    [property: Range(1, 31)] int? MonthDay,
    [property: MaxLength(RecurrenceRules.TimeLength)] string? Time,
    [property: MaxLength(RecurrenceRules.TimeZoneMax)] string? TimeZone
);

public sealed record TaskDue(DateTime? DueAt);

public static class SetRecurrenceEndpoint
{
    private static readonly string DueSql = Sql.Load(typeof(SetRecurrenceEndpoint), "TaskDue.sql");
    private static readonly string SaveSql = Sql.Load(typeof(SetRecurrenceEndpoint), "SaveRecurrence.sql");

    public static Task<Membership?> LoadAsync(Guid taskId, ClaimsPrincipal caller, Access access, CancellationToken ct) =>
        access.ToTaskAsync(taskId, caller, ct);

    public static ProblemDetails Validate(SetRecurrenceRequest? body, Membership? membership, HttpRequest request) =>
        Access.Deny(membership, "The task", Permission.WriteContent)
        ?? Access.DenyArchived(membership)
        ?? (body is null ? FieldErrors.MissingBody() : Check(body).IfMatch(request).ToProblem());

    /// <summary>
    /// Makes the task recur, or replaces its rule (201 when it did not recur yet, else 200). The next occurrence is the
    /// rule's first date after the task's due date, or after now when the task has none or it has passed; it is created when
    /// the task is completed or when that date comes, whichever is first. With <c>If-Match</c>, a stale version is 412.
    /// </summary>
    [WolverinePut("/tasks/{taskId}/recurrence")]
    [ProducesResponseType<RecurrenceResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<RecurrenceResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    public static async Task<IResult> Put(
        Guid taskId,
        SetRecurrenceRequest body,
        Membership membership,
        HttpContext context,
        Outbox outbox,
        TimeProvider clock,
        CancellationToken ct
    )
    {
        await using var tx = await outbox.BeginAsync(ct);
        if (await ProjectGuard.LockWritableAsync(tx, membership.ProjectId!.Value, ct) is { } refused)
        {
            return Results.Problem(refused);
        }

        if (await tx.QuerySingleOrDefaultAsync<TaskDue>(DueSql, new { TaskId = taskId }, ct) is not { } task)
        {
            return Results.Problem(Problems.NotFound("The task"));
        }

        var current = await RecurrenceRow.LockByTaskAsync(tx, taskId, ct);
        if (Preconditions.Stale(context.Request, "The recurrence", current?.Version ?? 0) is { } stale)
        {
            return Results.Problem(stale);
        }

        var zone = RecurrenceZones.Find(body.TimeZone)!;
        var (row, set, due) = SetRecurrenceDecision.Decide(taskId, body, zone, current, task.DueAt, membership, clock.DbNow());
        await tx.ExecuteAsync(
            SaveSql,
            new
            {
                row.Id,
                row.WorkspaceId,
                row.TaskId,
                row.Frequency,
                row.IntervalDays,
                row.Weekdays,
                row.MonthDay,
                row.TimeOfDay,
                row.TimeZone,
                row.StartsOn,
                row.NextAt,
                row.Version,
                row.SetBy,
                row.CreatedAt,
                row.UpdatedAt,
            },
            ct
        );
        tx.Publish(set);
        tx.Schedule(due, new DateTimeOffset(due.OccurredAt, TimeSpan.Zero));
        await tx.CommitAsync(ct);

        context.Response.Headers.ETag = row.ETag();
        return current is null
            ? Results.Created(ApiRoutes.Path($"tasks/{taskId}/recurrence"), row.ToResponse())
            : Results.Ok(row.ToResponse());
    }

    /// <summary>The request's field errors: each frequency takes its own fields and no others.</summary>
    private static FieldErrors Check(SetRecurrenceRequest body)
    {
        var errors = new FieldErrors().Check("frequency", body.Frequency is not null, "Required.").OneOf("frequency", body.Frequency);
        if (body.Frequency is not { IsDefined: true } frequency)
        {
            return Common(errors, body);
        }

        if (frequency == RecurrenceFrequency.EveryNDays)
        {
            errors
                .Check("interval", body.Interval is not null, "Required for every_n_days.")
                .Check(
                    "interval",
                    body.Interval is null or (>= 1 and <= RecurrenceRules.IntervalMax),
                    $"Must be a number of days from 1 to {RecurrenceRules.IntervalMax}."
                );
        }
        else
        {
            errors.Check("interval", body.Interval is null, "Only for every_n_days.");
        }

        if (frequency == RecurrenceFrequency.Weekly)
        {
            errors
                .Check("weekdays", body.Weekdays is { Length: > 0 }, "Required for weekly: at least one day.")
                .Check("weekdays", body.Weekdays is null || body.Weekdays.Length <= 7, "At most 7 days.")
                .Check(
                    "weekdays",
                    body.Weekdays is null || body.Weekdays.All(RecurrenceRules.WeekdayNames.Contains),
                    $"Each must be one of: {string.Join(", ", RecurrenceRules.WeekdayNames)}."
                );
        }
        else
        {
            errors.Check("weekdays", body.Weekdays is null or { Length: 0 }, "Only for weekly.");
        }

        if (frequency == RecurrenceFrequency.Monthly)
        {
            errors
                .Check("monthDay", body.MonthDay is not null, "Required for monthly.")
                .Check(
                    "monthDay",
                    body.MonthDay is null or (>= 1 and <= 31),
                    "Must be a day of the month from 1 to 31 (a shorter month uses its last day)."
                );
        }
        else
        {
            errors.Check("monthDay", body.MonthDay is null, "Only for monthly.");
        }

        return Common(errors, body);
    }

    private static FieldErrors Common(FieldErrors errors, SetRecurrenceRequest body) =>
        errors
            .Check("time", body.Time is not null, "Required.")
            .Check(
                "time",
                body.Time is null || SetRecurrenceDecision.ParseTime(body.Time) is not null,
                "Must be a time of day as HH:mm, e.g. 09:00."
            )
            .Check("timeZone", body.TimeZone is not null, "Required.")
            .Check(
                "timeZone",
                body.TimeZone is null || RecurrenceZones.Find(body.TimeZone) is not null,
                "Must be an IANA time zone id, e.g. Europe/Berlin or UTC."
            );
}

public static class SetRecurrenceDecision
{
    public static TimeOnly? ParseTime(string text) =>
        text.Length == RecurrenceRules.TimeLength
        && TimeOnly.TryParseExact(text, RecurrenceRules.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;

    /// <summary>
    /// The stored row (a new one, or <paramref name="current"/> with the new rule at the next version), the event and the
    /// scheduled message of its next occurrence: the rule's first date after the task's due date, or after now when there
    /// is none or it has passed.
    /// </summary>
    public static (RecurrenceRow Row, TaskRecurrenceSet Set, TaskRecurrenceDue Due) Decide(
        Guid taskId,
        SetRecurrenceRequest body,
        TimeZoneInfo zone,
        RecurrenceRow? current,
        DateTime? taskDueAt,
        Membership membership,
        DateTime now
    )
    {
        var rule = new RecurrenceRule(
            body.Frequency!.Value,
            body.Interval,
            [.. (body.Weekdays ?? []).Select(TextEnum.Parse<Weekday>).Distinct().OrderBy(d => ((int)d.Day + 6) % 7)],
            body.MonthDay,
            ParseTime(body.Time!)!.Value,
            body.TimeZone!
        );
        var from = taskDueAt is { } due && due > now ? due : now;
        var startsOn = RecurrenceDecision.LocalDate(from, zone);
        var nextAt = RecurrenceDecision.Next(rule, startsOn, zone, from);
        var row = new RecurrenceRow
        {
            Id = current?.Id ?? Guid.CreateVersion7(),
            WorkspaceId = membership.WorkspaceId,
            TaskId = taskId,
            Frequency = rule.Frequency,
            IntervalDays = rule.Interval,
            Weekdays = [.. rule.Weekdays.Select(d => d.Name)],
            MonthDay = rule.MonthDay,
            TimeOfDay = rule.Time.ToTimeSpan(),
            TimeZone = rule.TimeZone,
            StartsOn = startsOn.ToDateTime(TimeOnly.MinValue),
            NextAt = nextAt,
            Version = (current?.Version ?? 0) + 1,
            SetBy = membership.UserId,
            CreatedAt = current?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        var projectId = membership.ProjectId!.Value;
        var set = new TaskRecurrenceSet(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            projectId,
            taskId,
            membership.UserId,
            now,
            row.Id,
            row.Version,
            rule,
            nextAt
        );
        var scheduled = new TaskRecurrenceDue(
            Guid.CreateVersion7(),
            membership.WorkspaceId,
            projectId,
            taskId,
            membership.UserId,
            nextAt,
            row.Id,
            row.Version
        );
        return (row, set, scheduled);
    }
}
