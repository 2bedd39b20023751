using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.RecordAttachmentActivity;

public class RecordAttachmentActivityTests
{
    [Test]
    public async Task Records_an_attachment_added_and_deleted_on_its_task()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId, taskId) = await TaskAsync(client);
        var attachmentId = await AttachAsync(client, taskId, RandomBytes(100), "notes.txt", "text/plain");
        Assert.That((await client.Http.DeleteAsync($"attachments/{attachmentId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var entries = (await FeedOnceAsync(client, $"tasks/{taskId}/activity", "attachment.added", "attachment.deleted"))
            .Where(e => Kind(e).StartsWith("attachment.", StringComparison.Ordinal))
            .ToList();

        Assert.That(entries.Select(Kind), Is.EqualTo(new[] { "attachment.deleted", "attachment.added" }));
        var (deleted, added) = (entries[0], entries[1]);
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => IdOf(e, "taskId")), Is.All.EqualTo(taskId));
            Assert.That(entries.Select(e => IdOf(e, "projectId")), Is.All.EqualTo(projectId));
            Assert.That(entries.Select(e => Data(e).GetProperty("attachmentId").GetGuid()), Is.All.EqualTo(attachmentId));
            Assert.That(DataNames(added), Is.EqualTo(new[] { "attachmentId", "contentType", "fileName", "size" }));
            Assert.That(Data(added).GetProperty("fileName").GetString(), Is.EqualTo("notes.txt"));
            Assert.That(Data(added).GetProperty("contentType").GetString(), Is.EqualTo("text/plain"));
            Assert.That(Data(added).GetProperty("size").GetInt64(), Is.EqualTo(100));
            Assert.That(DataNames(deleted), Is.EqualTo(new[] { "attachmentId", "fileName" }));
            Assert.That(Data(deleted).GetProperty("fileName").GetString(), Is.EqualTo("notes.txt"));
        });
    }

    [Test]
    public async Task A_cancelled_upload_leaves_no_trace()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);
        var pending = (await StartAsync(client, taskId, 100)).GetProperty("attachmentId").GetGuid();
        Assert.That((await client.Http.DeleteAsync($"attachments/{pending}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        // Published after the cancellation, on the same task: once its entry is in, the cancellation has been handled.
        await client.PostAsync($"tasks/{taskId}/comments", new { body = "marker" });

        var feed = await FeedOnceAsync(client, $"tasks/{taskId}/activity", "comment.added");

        Assert.That(feed.Select(Kind), Has.None.StartsWith("attachment."));
    }
}
