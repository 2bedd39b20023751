using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;
using static Tasklane.Features.Recurrences.RecurrenceTestKit;

namespace Tasklane.Features.Recurrences.RecordRecurrenceActivity;

public class RecordRecurrenceActivityTests
{
    [Test]
    public async Task Records_the_rule_set_the_occurrence_it_went_on_to_and_the_removal()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var first = (await owner.CreateTaskAsync(projectId, new { title = "Backup" })).GetProperty("id").GetGuid();
        var recurrenceId = (
            await SetAsync(
                owner,
                first,
                new
                {
                    frequency = "every_n_days",
                    interval = 3,
                    time = "22:15",
                    timeZone = "UTC",
                }
            )
        ).GetProperty("id").GetGuid();
        await owner.PostAsync($"tasks/{first}/move", new { status = "done" }, HttpStatusCode.OK);
        var next = (await EventuallyTasksAsync(owner, projectId, 2)).Select(t => t.GetProperty("id").GetGuid()).Single(id => id != first);
        (await owner.Http.DeleteAsync($"tasks/{next}/recurrence")).EnsureSuccessStatusCode();

        var onFirst = await FeedOnceAsync(owner, $"tasks/{first}/activity", "task.recurrence_set", "task.recurred");
        var onNext = await FeedOnceAsync(owner, $"tasks/{next}/activity", "task.created", "task.recurrence_removed");
        var set = Entry(onFirst, "task.recurrence_set");
        var recurred = Entry(onFirst, "task.recurred");
        var removed = Entry(onNext, "task.recurrence_removed");

        Assert.Multiple(() =>
        {
            Assert.That(DataNames(set), Is.EqualTo(new[] { "nextAt", "recurrenceId", "rule", "version" }));
            Assert.That(Data(set).GetProperty("rule").GetProperty("time").GetString(), Is.EqualTo("22:15"));
            Assert.That(Data(set).GetProperty("rule").GetProperty("frequency").GetString(), Is.EqualTo("every_n_days"));
            Assert.That(Data(set).GetProperty("rule").GetProperty("interval").GetInt32(), Is.EqualTo(3));
            Assert.That(DataNames(recurred), Is.EqualTo(new[] { "dueAt", "nextTaskId", "recurrenceId", "trigger" }));
            Assert.That(Data(recurred).GetProperty("nextTaskId").GetGuid(), Is.EqualTo(next));
            Assert.That(Data(recurred).GetProperty("trigger").GetString(), Is.EqualTo("completed"));
            Assert.That(Data(removed).GetProperty("recurrenceId").GetGuid(), Is.EqualTo(recurrenceId));
            Assert.That(IdOf(removed, "taskId"), Is.EqualTo(next));
        });
    }
}
