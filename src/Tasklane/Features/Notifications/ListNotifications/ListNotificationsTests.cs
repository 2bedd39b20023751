using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.ListNotifications;

public class ListNotificationsTests
{
    [Test]
    public async Task Lists_the_callers_own_notifications_newest_first_in_pages_and_only_unread_ones_on_request()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var tasks = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add(
                (await owner.CreateTaskAsync(projectId, new { title = $"Task {i}", assigneeIds = new[] { member.UserId } }))
                    .GetProperty("id")
                    .GetGuid()
            );
        }

        var all = await ApiClient.EventuallyAsync(() => NotificationsAsync(member), items => items.Length >= 3);
        await member.PostAsync($"me/notifications/{all[0].GetProperty("id").GetGuid()}/read", null, HttpStatusCode.OK);
        var first = await member.GetAsync("me/notifications?limit=2");
        var second = await member.GetAsync($"me/notifications?limit=2&after={first.GetProperty("nextCursor").GetString()}");
        var unread = await NotificationsAsync(member, "?unread=true");

        Assert.Multiple(async () =>
        {
            // The worker may handle the three events in any order: newest first means by when it notified.
            Assert.That(all.Select(n => n.GetProperty("taskId").GetGuid()), Is.EquivalentTo(tasks));
            Assert.That(all.Select(n => n.GetProperty("createdAt").GetDateTime()), Is.Ordered.Descending);
            Assert.That(
                first
                    .GetProperty("items")
                    .EnumerateArray()
                    .Concat(second.GetProperty("items").EnumerateArray())
                    .Select(n => n.GetProperty("id").GetGuid()),
                Is.EqualTo(all.Select(n => n.GetProperty("id").GetGuid()))
            );
            Assert.That(second.GetProperty("nextCursor").GetString(), Is.Null);
            Assert.That(
                unread.Select(n => n.GetProperty("id").GetGuid()),
                Is.EqualTo(all.Skip(1).Select(n => n.GetProperty("id").GetGuid()))
            );
            Assert.That(await NotificationsAsync(owner), Is.Empty, "everyone sees only their own");
        });
    }

    [Test]
    public async Task A_member_removed_from_the_workspace_no_longer_sees_its_notifications()
    {
        var (owner, member, workspaceId, projectId) = await TeamAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "t", assigneeIds = new[] { member.UserId } }))
            .GetProperty("id")
            .GetGuid();
        var before = await EventuallyOfKindAsync(member, "assignment", 1, taskId);

        using var removed = await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{member.UserId}");
        var after = await NotificationsAsync(member);
        await member.PostAsync($"me/notifications/{before[0].GetProperty("id").GetGuid()}/read", null, HttpStatusCode.NotFound);

        Assert.Multiple(() =>
        {
            Assert.That(removed.IsSuccessStatusCode, Is.True);
            Assert.That(before, Has.Length.EqualTo(1));
            Assert.That(after, Is.Empty);
        });
    }

    [Test]
    public async Task Bad_paging_is_a_400_and_a_token_is_needed()
    {
        var user = await ApiClient.SignUpAsync();

        await (await user.Http.GetAsync("me/notifications?limit=0&after=nope")).AssertProblemAsync(HttpStatusCode.BadRequest);
        using var anonymous = await ApiClient.Anonymous().GetAsync("me/notifications");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
