using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.UnfollowTask;

public class UnfollowTaskTests
{
    [Test]
    public async Task An_assignee_who_unfollows_gets_no_comment_notifications_until_following_again()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Noisy", assigneeIds = new[] { member.UserId } }))
            .GetProperty("id")
            .GetGuid();

        await FollowAsync(member, taskId, follow: false);
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "one" });
        await SettleAsync(owner, member, projectId);
        var silenced = await OfKindAsync(member, "comment", taskId);
        await FollowAsync(member, taskId, follow: true);
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "two" });
        var received = await EventuallyOfKindAsync(member, "comment", 1, taskId);

        Assert.Multiple(() =>
        {
            Assert.That(silenced, Is.Empty);
            Assert.That(received, Has.Length.EqualTo(1));
            Assert.That(received[0].GetProperty("excerpt").GetString(), Is.EqualTo("two"));
        });
    }

    [Test]
    public async Task A_task_of_another_workspace_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await stranger.SendRawAsync(HttpMethod.Delete, $"tasks/{taskId}/follow")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
