using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Comments.ListComments;

public class ListCommentsTests
{
    [Test]
    public async Task Pages_through_a_tasks_comments_oldest_first()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var otherTaskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await client.PostAsync($"tasks/{otherTaskId}/comments", new { body = "elsewhere" });
        for (var i = 0; i < 3; i++)
        {
            await client.PostAsync($"tasks/{taskId}/comments", new { body = $"comment {i}" });
        }

        var first = await client.GetAsync($"tasks/{taskId}/comments?limit=2");
        var second = await client.GetAsync($"tasks/{taskId}/comments?limit=2&after={first.GetProperty("nextCursor").GetString()}");
        var bodies = first
            .GetProperty("items")
            .EnumerateArray()
            .Concat(second.GetProperty("items").EnumerateArray())
            .Select(c => c.GetProperty("body").GetString());

        Assert.Multiple(() =>
        {
            Assert.That(bodies, Is.EqualTo(new[] { "comment 0", "comment 1", "comment 2" }));
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("after=garbage", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await client.Http.GetAsync($"tasks/{taskId}/comments?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "private" });

        await (await stranger.Http.GetAsync($"tasks/{taskId}/comments")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
