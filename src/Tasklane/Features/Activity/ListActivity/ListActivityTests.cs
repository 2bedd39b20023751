using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity.ListActivity;

public class ListActivityTests
{
    [Test]
    public async Task The_worker_records_task_events_newest_first_with_before_and_after()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Plan" })).GetProperty("id").GetGuid();
        await client.PatchAsync($"tasks/{taskId}", new { status = "in_progress" });

        var feed = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 3);

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(items[0].GetProperty("kind").GetString(), Is.EqualTo("task.updated"));
            Assert.That(items[0].GetProperty("data").GetProperty("changes").GetProperty("status").GetProperty("from").GetString(), Is.EqualTo("todo"));
            Assert.That(items[0].GetProperty("data").GetProperty("changes").GetProperty("status").GetProperty("to").GetString(), Is.EqualTo("in_progress"));
            Assert.That(items[1].GetProperty("kind").GetString(), Is.EqualTo("task.created"));
            Assert.That(items[1].GetProperty("taskId").GetGuid(), Is.EqualTo(taskId));
            Assert.That(items[1].GetProperty("actorId").GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(items[1].GetProperty("actorDisplayName").GetString(), Is.EqualTo("Test User"));
            Assert.That(items[1].GetProperty("data").GetProperty("title").GetString(), Is.EqualTo("Plan"));
            Assert.That(items[2].GetProperty("kind").GetString(), Is.EqualTo("project.created"));
        });
    }

    [Test]
    public async Task Another_users_feed_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/activity")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
