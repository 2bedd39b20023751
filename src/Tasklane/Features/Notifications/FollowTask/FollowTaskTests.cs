using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.FollowTask;

public class FollowTaskTests
{
    [Test]
    public async Task A_viewer_who_follows_a_task_is_told_about_new_comments()
    {
        var (owner, member, workspaceId, projectId) = await TeamAsync();
        var viewer = await ApiClient.SignUpAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Watched" })).GetProperty("id").GetGuid();

        await FollowAsync(viewer, taskId, follow: true);
        await FollowAsync(viewer, taskId, follow: true); // following twice is fine
        await member.PostAsync($"tasks/{taskId}/comments", new { body = "news" });
        var received = await EventuallyOfKindAsync(viewer, "comment", 1, taskId);

        Assert.That(received, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_task_of_another_workspace_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await stranger.SendRawAsync(HttpMethod.Put, $"tasks/{taskId}/follow")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
