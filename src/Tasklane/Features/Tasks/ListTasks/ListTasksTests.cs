using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.ListTasks;

public class ListTasksTests
{
    [Test]
    public async Task Pages_through_every_task_once_and_filters_by_status()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await client.CreateTaskAsync(projectId, new { title = $"Task {i}", status = i % 2 == 0 ? "todo" : "done" })).GetProperty("id").GetGuid());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.GetAsync($"projects/{projectId}/tasks?limit=2" + (cursor is null ? "" : $"&after={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        var done = await client.GetAsync($"projects/{projectId}/tasks?status=done");

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen, Is.EquivalentTo(created).And.Unique);
            Assert.That(done.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("status").GetString()), Is.EqualTo(new[] { "done", "done" }));
        });
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("status=later", "status")]
    [TestCase("after=garbage", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        await (await client.Http.GetAsync($"projects/{projectId}/tasks?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_limit_that_is_not_a_number_is_400()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var response = await client.Http.GetAsync($"projects/{projectId}/tasks?limit=ten");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Another_users_project_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.CreateTaskAsync(projectId);

        await (await stranger.Http.GetAsync($"projects/{projectId}/tasks")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
