using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.ListAttachments;

public class ListAttachmentsTests
{
    [Test]
    public async Task Pages_through_a_tasks_completed_attachments_oldest_first()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId, taskId) = await TaskAsync(client);
        var otherTaskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await AttachAsync(client, otherTaskId, RandomBytes(3));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AttachAsync(client, taskId, RandomBytes(5), $"file {i}.txt", "text/plain"));
        }

        await StartAsync(client, taskId, 5); // pending: not listed

        var first = await client.GetAsync($"tasks/{taskId}/attachments?limit=2");
        var second = await client.GetAsync($"tasks/{taskId}/attachments?limit=2&after={first.GetProperty("nextCursor").GetString()}");
        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(a => a.GetProperty("id").GetGuid()), Is.EqualTo(ids));
            Assert.That(
                items.Select(a => a.GetProperty("fileName").GetString()),
                Is.EqualTo(new[] { "file 0.txt", "file 1.txt", "file 2.txt" })
            );
            Assert.That(items.All(a => a.GetProperty("status").GetString() == "ready"), Is.True);
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("after=garbage", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);

        await (await client.Http.GetAsync($"tasks/{taskId}/attachments?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(owner);
        await AttachAsync(owner, taskId, RandomBytes(5));

        await (await stranger.Http.GetAsync($"tasks/{taskId}/attachments")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
