using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Recurrences.CreateNextOccurrence.CreateNextOccurrenceTests;
using static Tasklane.Features.Recurrences.RecurrenceTestKit;

namespace Tasklane.Features.Recurrences.RemoveRecurrence;

public class RemoveRecurrenceTests
{
    [Test]
    public async Task A_removed_recurrence_creates_nothing_when_its_date_comes_or_its_task_is_completed()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Stopped" })).GetProperty("id").GetGuid();
        var recurrenceId = (await SetAsync(owner, taskId, Daily())).GetProperty("id").GetGuid();

        using var stale = await owner.SendRawAsync(
            HttpMethod.Delete,
            $"tasks/{taskId}/recurrence",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"7\"")
        );
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        using (var removed = await owner.Http.DeleteAsync($"tasks/{taskId}/recurrence"))
        {
            Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await (await owner.Http.DeleteAsync($"tasks/{taskId}/recurrence")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync($"tasks/{taskId}/recurrence")).AssertProblemAsync(HttpStatusCode.NotFound);
        var fired = await FireNowAsync(recurrenceId);
        await owner.PostAsync($"tasks/{taskId}/move", new { status = "done" }, HttpStatusCode.OK);

        // A control series in the same project, fired after the removed one, shows the worker got past both.
        var controlId = (await owner.CreateTaskAsync(projectId, new { title = "Control" })).GetProperty("id").GetGuid();
        var control = (await SetAsync(owner, controlId, Daily())).GetProperty("id").GetGuid();
        await FireNowAsync(control);
        var tasks = await EventuallyTasksAsync(owner, projectId, 3);
        await Task.Delay(1000);
        tasks = await TasksAsync(owner, projectId);

        Assert.Multiple(() =>
        {
            Assert.That(fired, Is.EqualTo(1), "its scheduled message was there");
            Assert.That(tasks.Select(t => t.GetProperty("title").GetString()), Is.EquivalentTo(new[] { "Stopped", "Control", "Control" }));
        });
    }
}
