using System.Net;
using NUnit.Framework;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.MarkAllNotificationsRead;

public class MarkAllNotificationsReadTests
{
    [Test]
    public async Task Marks_every_unread_notification_of_the_caller_and_no_one_elses()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        await owner.CreateTaskAsync(projectId, new { title = "a", assigneeIds = new[] { member.UserId } });
        await owner.CreateTaskAsync(projectId, new { title = "b", assigneeIds = new[] { member.UserId } });
        var ownerTask = (await member.CreateTaskAsync(projectId, new { title = "c", assigneeIds = new[] { owner.UserId } }))
            .GetProperty("id")
            .GetGuid();
        await Tests.Support.ApiClient.EventuallyAsync(() => NotificationsAsync(member), items => items.Length >= 2);
        await EventuallyOfKindAsync(owner, "assignment", 1, ownerTask);

        var marked = await member.PostAsync("me/notifications/read-all", null, HttpStatusCode.OK);
        var again = await member.PostAsync("me/notifications/read-all", null, HttpStatusCode.OK);

        Assert.Multiple(async () =>
        {
            Assert.That(marked.GetProperty("marked").GetInt32(), Is.EqualTo(2));
            Assert.That(again.GetProperty("marked").GetInt32(), Is.Zero);
            Assert.That(await NotificationsAsync(member, "?unread=true"), Is.Empty);
            Assert.That(await NotificationsAsync(owner, "?unread=true"), Has.Length.EqualTo(1));
        });
    }
}
