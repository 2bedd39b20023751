using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;

namespace Tasklane.Features.Relations.RecordRelationActivity;

public class RecordRelationActivityTests
{
    [Test]
    public async Task Records_a_relation_added_and_removed_on_the_task_it_went_through_as_that_task_sees_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var a = (await owner.CreateTaskAsync(projectId, new { title = "A" })).GetProperty("id").GetGuid();
        var b = (await owner.CreateTaskAsync(projectId, new { title = "B" })).GetProperty("id").GetGuid();
        var relation = (await owner.PostAsync($"tasks/{b}/relations", new { type = "blocked_by", taskId = a })).GetProperty("id").GetGuid();
        (await owner.Http.DeleteAsync($"tasks/{b}/relations/{relation}")).EnsureSuccessStatusCode();

        var items = await FeedOnceAsync(owner, $"tasks/{b}/activity", "task.relation_added", "task.relation_removed");
        var added = Entry(items, "task.relation_added");
        var removed = Entry(items, "task.relation_removed");

        Assert.Multiple(() =>
        {
            foreach (var entry in new[] { added, removed })
            {
                Assert.That(DataNames(entry), Is.EqualTo(new[] { "otherTaskId", "relationId", "type" }));
                Assert.That(Data(entry).GetProperty("relationId").GetGuid(), Is.EqualTo(relation));
                Assert.That(Data(entry).GetProperty("type").GetString(), Is.EqualTo("blocked_by"));
                Assert.That(Data(entry).GetProperty("otherTaskId").GetGuid(), Is.EqualTo(a));
                Assert.That(IdOf(entry, "taskId"), Is.EqualTo(b));
            }
        });
    }
}
