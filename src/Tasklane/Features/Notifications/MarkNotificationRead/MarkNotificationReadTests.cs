using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.MarkNotificationRead;

public class MarkNotificationReadTests
{
    [Test]
    public async Task Marks_the_callers_notification_read_once_and_another_users_is_not_found()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "t", assigneeIds = new[] { member.UserId } }))
            .GetProperty("id")
            .GetGuid();
        var id = (await EventuallyOfKindAsync(member, "assignment", 1, taskId))[0].GetProperty("id").GetGuid();

        await (await owner.Http.PostAsync($"me/notifications/{id}/read", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var read = await member.PostAsync($"me/notifications/{id}/read", null, HttpStatusCode.OK);
        await Task.Delay(10);
        var again = await member.PostAsync($"me/notifications/{id}/read", null, HttpStatusCode.OK);
        await (await member.Http.PostAsync($"me/notifications/{Guid.CreateVersion7()}/read", null)).AssertProblemAsync(
            HttpStatusCode.NotFound
        );

        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(read.GetProperty("readAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(
                again.GetProperty("readAt").GetDateTime(),
                Is.EqualTo(read.GetProperty("readAt").GetDateTime()),
                "the first time is kept"
            );
        });
    }
}
