using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Recurrences.RecurrenceTestKit;

namespace Tasklane.Features.Recurrences.GetRecurrence;

public class GetRecurrenceTests
{
    [Test]
    public async Task A_task_that_does_not_recur_is_404_and_one_that_does_shows_its_rule_with_its_etag()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        using var none = await owner.Http.GetAsync($"tasks/{taskId}/recurrence");
        await none.AssertProblemAsync(HttpStatusCode.NotFound);
        var set = await SetAsync(
            owner,
            taskId,
            new
            {
                frequency = "monthly",
                monthDay = 15,
                time = "18:45",
                timeZone = "America/New_York",
            }
        );
        using var got = await viewer.Http.GetAsync($"tasks/{taskId}/recurrence");
        var body = System.Text.Json.JsonDocument.Parse(await got.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(got.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(got.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(body.GetRawText(), Is.EqualTo(set.GetRawText()), "what the write answered");
            Assert.That(body.GetProperty("monthDay").GetInt32(), Is.EqualTo(15));
            Assert.That(body.GetProperty("timeZone").GetString(), Is.EqualTo("America/New_York"));
            Assert.That(body.GetProperty("setBy").GetGuid(), Is.EqualTo(owner.UserId));
        });
    }
}
