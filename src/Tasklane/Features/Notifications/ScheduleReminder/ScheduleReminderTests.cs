using NUnit.Framework;

namespace Tasklane.Features.Notifications.ScheduleReminder;

public class ScheduleReminderTests
{
    private static readonly DateTime Now = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static TaskReminderDue? Plan(DateTime? due, double leadMinutes = 60) =>
        ScheduleReminderHandler.Plan(Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, due, TimeSpan.FromMinutes(leadMinutes), Now);

    [Test]
    public void A_reminder_is_due_the_lead_time_before_the_due_date()
    {
        var reminder = Plan(Now.AddDays(1));

        Assert.That(reminder, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(reminder!.OccurredAt, Is.EqualTo(Now.AddDays(1).AddHours(-1)));
            Assert.That(reminder.DueAt, Is.EqualTo(Now.AddDays(1)));
        });
    }

    [Test]
    public void A_date_closer_than_the_lead_time_is_reminded_of_at_once_and_a_past_or_missing_one_not_at_all()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Plan(Now.AddMinutes(10))!.OccurredAt, Is.EqualTo(Now));
            Assert.That(Plan(Now.AddSeconds(2), leadMinutes: 0)!.OccurredAt, Is.EqualTo(Now.AddSeconds(2)));
            Assert.That(Plan(Now), Is.Null);
            Assert.That(Plan(Now.AddMinutes(-1)), Is.Null);
            Assert.That(Plan(null), Is.Null);
        });
    }
}
