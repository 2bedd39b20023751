using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity.ListProjectActivity;

public class ListProjectActivityTests
{
    [Test]
    public async Task A_projects_feed_has_its_own_tasks_and_comments_only()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var otherProjectId = await client.CreateProjectAsync(workspaceId, "Other");
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Mine" })).GetProperty("id").GetGuid();
        await client.CreateTaskAsync(otherProjectId, new { title = "Not mine" });
        await client.PostAsync($"tasks/{taskId}/comments", new { body = "hello" });
        await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 5
        ); // 2 projects, 2 tasks, 1 comment

        var feed = await client.GetAsync($"projects/{projectId}/activity");

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(
            items.Select(i => i.GetProperty("kind").GetString()),
            Is.EqualTo(new[] { "comment.added", "task.created", "project.created" })
        );
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("projectId").GetGuid()), Is.All.EqualTo(projectId));
            Assert.That(items[1].GetProperty("data").GetProperty("title").GetString(), Is.EqualTo("Mine"));
            Assert.That(items[0].GetProperty("actorDisplayName").GetString(), Is.EqualTo("Test User"));
        });
    }

    [TestCase("limit=201", "limit")]
    [TestCase("after=garbage", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        await (await client.Http.GetAsync($"projects/{projectId}/activity?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.GetAsync($"projects/{projectId}/activity")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
