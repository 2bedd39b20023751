using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.CountUnreadNotifications;

public class CountUnreadNotificationsTests
{
    [Test]
    public async Task Counts_the_callers_unread_notifications()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        await owner.CreateTaskAsync(projectId, new { title = "a", assigneeIds = new[] { member.UserId } });
        await owner.CreateTaskAsync(projectId, new { title = "b", assigneeIds = new[] { member.UserId } });
        var all = await ApiClient.EventuallyAsync(() => NotificationsAsync(member), items => items.Length >= 2);

        var before = await member.GetAsync("me/notifications/unread-count");
        await member.PostAsync($"me/notifications/{all[0].GetProperty("id").GetGuid()}/read", null, HttpStatusCode.OK);
        var after = await member.GetAsync("me/notifications/unread-count");
        var owners = await owner.GetAsync("me/notifications/unread-count");

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(after.GetProperty("count").GetInt32(), Is.EqualTo(1));
            Assert.That(owners.GetProperty("count").GetInt32(), Is.Zero);
        });
    }
}
