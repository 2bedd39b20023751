using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;

namespace Tasklane.Features.Tasks.RecordTaskActivity;

public class RecordTaskActivityTests
{
    [Test]
    public async Task Records_a_tasks_creation_and_each_update_with_before_and_after()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Plan" })).GetProperty("id").GetGuid();
        await client.PatchAsync($"tasks/{taskId}", new { status = "in_progress" });

        var items = await FeedOnceAsync(client, $"workspaces/{workspaceId}/activity", "task.created", "task.updated");

        Assert.That(items.Select(Kind), Is.EqualTo(new[] { "task.updated", "task.created", "project.created" }));
        Assert.Multiple(() =>
        {
            Assert.That(items.Take(2).Select(i => IdOf(i, "taskId")), Is.All.EqualTo(taskId));
            Assert.That(items.Take(2).Select(i => IdOf(i, "projectId")), Is.All.EqualTo(projectId));
            Assert.That(DataNames(items[0]), Is.EqualTo(new[] { "changes", "version" }));
            Assert.That(Data(items[0]).GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(Data(items[0]).GetProperty("changes").GetProperty("status").GetProperty("from").GetString(), Is.EqualTo("todo"));
            Assert.That(
                Data(items[0]).GetProperty("changes").GetProperty("status").GetProperty("to").GetString(),
                Is.EqualTo("in_progress")
            );
            Assert.That(items[1].GetProperty("actorId").GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(items[1].GetProperty("actorDisplayName").GetString(), Is.EqualTo("Test User"));
            Assert.That(DataNames(items[1]), Is.EqualTo(new[] { "priority", "status", "title" }));
            Assert.That(Data(items[1]).GetProperty("title").GetString(), Is.EqualTo("Plan"));
            Assert.That(Data(items[1]).GetProperty("status").GetString(), Is.EqualTo("todo"));
            Assert.That(Data(items[1]).GetProperty("priority").GetString(), Is.EqualTo("normal"));
        });
    }
}
