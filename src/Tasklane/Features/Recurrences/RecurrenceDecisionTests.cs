using NUnit.Framework;

namespace Tasklane.Features.Recurrences;

public class RecurrenceDecisionTests
{
    private static readonly TimeZoneInfo Berlin = RecurrenceZones.Find("Europe/Berlin")!;
    private static readonly DateOnly Start = new(2026, 1, 1);

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(), DateTimeKind.Utc);

    private static RecurrenceRule Rule(
        RecurrenceFrequency frequency,
        string time,
        int? interval = null,
        Weekday[]? weekdays = null,
        int? monthDay = null
    ) =>
        new(
            frequency,
            interval,
            weekdays ?? [],
            monthDay,
            TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
            "Europe/Berlin"
        );

    private static DateTime Next(RecurrenceRule rule, string afterUtc, DateOnly? startsOn = null) =>
        RecurrenceDecision.Next(rule, startsOn ?? Start, Berlin, Utc(afterUtc));

    [Test]
    public void Weekly_on_monday_at_nine_in_berlin_is_eight_utc_in_winter_and_seven_in_summer()
    {
        var rule = Rule(RecurrenceFrequency.Weekly, "09:00", weekdays: [Weekday.Monday]);

        Assert.Multiple(() =>
        {
            Assert.That(Next(rule, "2026-03-20T12:00:00Z"), Is.EqualTo(Utc("2026-03-23T08:00:00Z")));
            // Summer time starts on Sunday 2026-03-29: the same wall-clock time is an hour earlier in UTC.
            Assert.That(Next(rule, "2026-03-23T08:00:00Z"), Is.EqualTo(Utc("2026-03-30T07:00:00Z")));
            // And back on 2026-10-25.
            Assert.That(Next(rule, "2026-10-19T07:00:00Z"), Is.EqualTo(Utc("2026-10-26T08:00:00Z")));
        });
    }

    [Test]
    public void A_time_the_spring_forward_change_skips_moves_forward_by_the_jump()
    {
        var rule = Rule(RecurrenceFrequency.Daily, "02:30");

        Assert.Multiple(() =>
        {
            Assert.That(Next(rule, "2026-03-27T12:00:00Z"), Is.EqualTo(Utc("2026-03-28T01:30:00Z")), "02:30 winter time");
            // 02:30 does not exist on 2026-03-29 (02:00 -> 03:00): 03:30 summer time, 01:30 UTC.
            Assert.That(Next(rule, "2026-03-28T01:30:00Z"), Is.EqualTo(Utc("2026-03-29T01:30:00Z")), "the skipped time");
            Assert.That(Next(rule, "2026-03-29T01:30:00Z"), Is.EqualTo(Utc("2026-03-30T00:30:00Z")), "02:30 summer time");
        });
    }

    [Test]
    public void A_time_the_fall_back_change_repeats_is_its_first_instance_and_only_once()
    {
        var rule = Rule(RecurrenceFrequency.Daily, "02:30");

        Assert.Multiple(() =>
        {
            Assert.That(Next(rule, "2026-10-24T12:00:00Z"), Is.EqualTo(Utc("2026-10-25T00:30:00Z")), "02:30 summer time, the first");
            Assert.That(Next(rule, "2026-10-25T00:30:00Z"), Is.EqualTo(Utc("2026-10-26T01:30:00Z")), "not the repeated 02:30 winter time");
        });
    }

    [Test]
    public void Monthly_on_the_31st_falls_on_the_last_day_of_a_shorter_month()
    {
        var rule = Rule(RecurrenceFrequency.Monthly, "12:00", monthDay: 31);

        Assert.Multiple(() =>
        {
            Assert.That(Next(rule, "2027-01-31T12:00:00Z"), Is.EqualTo(Utc("2027-02-28T11:00:00Z")));
            Assert.That(Next(rule, "2027-02-28T11:00:00Z"), Is.EqualTo(Utc("2027-03-31T10:00:00Z")), "summer time from 2027-03-28");
            Assert.That(Next(rule, "2028-02-01T00:00:00Z"), Is.EqualTo(Utc("2028-02-29T11:00:00Z")), "a leap year");
        });
    }

    [Test]
    public void Weekly_on_several_days_and_every_n_days_counted_from_the_start()
    {
        var weekly = Rule(RecurrenceFrequency.Weekly, "18:00", weekdays: [Weekday.Thursday, Weekday.Monday]);
        var everyThree = Rule(RecurrenceFrequency.EveryNDays, "07:00", interval: 3);
        var startsOn = new DateOnly(2026, 12, 1);

        Assert.Multiple(() =>
        {
            Assert.That(Next(weekly, "2026-12-01T00:00:00Z"), Is.EqualTo(Utc("2026-12-03T17:00:00Z")), "Thursday");
            Assert.That(Next(weekly, "2026-12-03T17:00:00Z"), Is.EqualTo(Utc("2026-12-07T17:00:00Z")), "then Monday");
            Assert.That(Next(everyThree, "2026-11-30T12:00:00Z", startsOn), Is.EqualTo(Utc("2026-12-01T06:00:00Z")), "the start day");
            Assert.That(Next(everyThree, "2026-12-01T06:00:00Z", startsOn), Is.EqualTo(Utc("2026-12-04T06:00:00Z")));
            Assert.That(
                Next(everyThree, "2026-12-09T00:00:00Z", startsOn),
                Is.EqualTo(Utc("2026-12-10T06:00:00Z")),
                "missed dates skipped"
            );
        });
    }

    [TestCase("Europe/Berlin", true)]
    [TestCase("America/Argentina/Buenos_Aires", true)]
    [TestCase("UTC", true)]
    [TestCase("Etc/GMT+5", true)]
    [TestCase("Europe/Nowhere", false)]
    [TestCase("W. Europe Standard Time", false)]
    [TestCase("../../etc/passwd", false)]
    [TestCase("/etc/localtime", false)]
    [TestCase("", false)]
    public void Only_iana_time_zones_are_known(string id, bool known) =>
        Assert.That(RecurrenceZones.Find(id) is not null, Is.EqualTo(known));
}
