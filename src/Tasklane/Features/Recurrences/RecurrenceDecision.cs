namespace Tasklane.Features.Recurrences;

/// <summary>
/// The calendar of a rule: the occurrences it gives, in UTC, from wall-clock times in its zone. Pure: the zone is an
/// argument, looked up by the caller (<see cref="RecurrenceZones.Find"/>).
/// </summary>
public static class RecurrenceDecision
{
    /// <summary>Far enough for every rule: a monthly one finds its day within two months, every_n_days within its interval.</summary>
    private const int HorizonDays = RecurrenceRules.IntervalMax + 62;

    /// <summary>
    /// The first occurrence strictly after <paramref name="afterUtc"/>, on a local day from <paramref name="startsOn"/> on
    /// (every_n_days counts its days from there).
    /// </summary>
    public static DateTime Next(RecurrenceRule rule, DateOnly startsOn, TimeZoneInfo zone, DateTime afterUtc)
    {
        afterUtc = DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc);
        // From the day before the local date: around a fall-back change an occurrence of that day can still be later.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(afterUtc, zone)).AddDays(-1);
        if (day < startsOn)
        {
            day = startsOn;
        }

        for (var i = 0; i <= HorizonDays; i++, day = day.AddDays(1))
        {
            if (Matches(rule, startsOn, day) && ToUtc(day.ToDateTime(rule.Time), zone) is var at && at > afterUtc)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"The rule {rule} has no occurrence within {HorizonDays} days; it was not validated.");
    }

    /// <summary>The local date an instant falls on in the zone: where a new series starts counting.</summary>
    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>Whether the rule has an occurrence on <paramref name="day"/>.</summary>
    public static bool Matches(RecurrenceRule rule, DateOnly startsOn, DateOnly day)
    {
        if (rule.Frequency == RecurrenceFrequency.Weekly)
        {
            return rule.Weekdays.Any(w => w.Day == day.DayOfWeek);
        }

        if (rule.Frequency == RecurrenceFrequency.Monthly)
        {
            return day.Day == Math.Min(rule.MonthDay!.Value, DateTime.DaysInMonth(day.Year, day.Month));
        }

        if (rule.Frequency == RecurrenceFrequency.EveryNDays)
        {
            return day >= startsOn && (day.DayNumber - startsOn.DayNumber) % rule.Interval!.Value == 0;
        }

        return true;
    }

    /// <summary>
    /// A wall-clock time in the zone as UTC. A time a spring-forward change skips moves forward by the jump (02:30 in a gap
    /// from 02:00 to 03:00 is 03:30 summer time); a time a fall-back change repeats is its first instance (summer time), as
    /// RFC 5545 has it for calendar events.
    /// </summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the gap: read with it, the time lands as far past the gap as it was into it.
            offset = zone.GetUtcOffset(local.AddHours(-12));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
