using System.Net;
using System.Net.Http.Headers;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses.UpdateStatus;

public class UpdateStatusTests
{
    [Test]
    public async Task Renames_limits_and_moves_a_status_to_the_front_then_after_another()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review", wipLimit: 2);
        var todo = await StatusIdAsync(client, projectId, "To do");

        var renamed = await client.PatchAsync(
            $"projects/{projectId}/statuses/{review}",
            new
            {
                name = "QA",
                wipLimit = (int?)null,
                afterId = (Guid?)null,
            }
        );
        var first = (await StatusesAsync(client, projectId)).Select(s => s.GetProperty("name").GetString()).ToArray();
        await client.PatchAsync($"projects/{projectId}/statuses/{review}", new { afterId = todo });
        var second = (await StatusesAsync(client, projectId)).Select(s => s.GetProperty("name").GetString()).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(renamed.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(renamed.GetProperty("wipLimit").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(first, Is.EqualTo(new[] { "QA", "To do", "In progress", "Done" }));
            Assert.That(second, Is.EqualTo(new[] { "To do", "QA", "In progress", "Done" }));
        });
    }

    [Test]
    public async Task A_new_category_carries_the_statuses_tasks_along_in_their_column()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review");
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Reviewed", statusId = review })).GetProperty("id").GetGuid();
        var before = await client.GetAsync($"tasks/{taskId}"); // cached now: the change must reach the cache

        await client.PatchAsync($"projects/{projectId}/statuses/{review}", new { category = "done" });
        var after = await client.GetAsync($"tasks/{taskId}");
        var done = await client.GetAsync($"projects/{projectId}/tasks?status=done");

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(after.GetProperty("statusId").GetGuid(), Is.EqualTo(review));
            Assert.That(after.GetProperty("version").GetInt32(), Is.EqualTo(before.GetProperty("version").GetInt32() + 1));
            Assert.That(done.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()), Does.Contain(taskId));
        });
    }

    [Test]
    public async Task The_last_status_of_a_category_keeps_it_and_a_taken_name_is_409()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var done = await StatusIdAsync(client, projectId, "Done");

        var recategorised = await client.Http.PatchAsJsonAsync($"projects/{projectId}/statuses/{done}", new { category = "todo" });
        var renamed = await client.Http.PatchAsJsonAsync($"projects/{projectId}/statuses/{done}", new { name = "to do" });

        await recategorised.AssertProblemAsync(HttpStatusCode.Conflict);
        await renamed.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_stale_if_match_is_412_and_bad_fields_are_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var done = await StatusIdAsync(client, projectId, "Done");
        await client.PatchAsync($"projects/{projectId}/statuses/{done}", new { color = "#000000" });

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"projects/{projectId}/statuses/{done}")
        {
            Content = JsonContent.Create(new { name = "Shipped" }),
        };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var staleResponse = await client.Http.SendAsync(stale);
        var unknown = await client.SendRawAsync(HttpMethod.Patch, $"projects/{projectId}/statuses/{done}", """{"colour":"#000000"}""");
        var self = await client.SendRawAsync(HttpMethod.Patch, $"projects/{projectId}/statuses/{done}", $$"""{"afterId":"{{done}}"}""");
        var foreign = await client.SendRawAsync(
            HttpMethod.Patch,
            $"projects/{projectId}/statuses/{done}",
            $$"""{"afterId":"{{Guid.CreateVersion7()}}"}"""
        );

        await staleResponse.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "colour");
        await self.AssertProblemAsync(HttpStatusCode.BadRequest, "afterId");
        await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, "afterId");
    }
}
