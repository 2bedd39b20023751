using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity.ListTaskActivity;

public class ListTaskActivityTests
{
    [Test]
    public async Task A_tasks_feed_shows_its_comments_life_newest_first_with_who_and_before_after()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Plan" })).GetProperty("id").GetGuid();
        await owner.CreateTaskAsync(projectId, new { title = "Other" });
        var commentId = (await member.PostAsync($"tasks/{taskId}/comments", new { body = $"first @{owner.Email}" }))
            .GetProperty("id")
            .GetGuid();
        await member.PatchAsync($"comments/{commentId}", new { body = "second" });
        Assert.That((await owner.Http.DeleteAsync($"comments/{commentId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var feed = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"tasks/{taskId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 4
        );

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(
            items.Select(i => i.GetProperty("kind").GetString()),
            Is.EqualTo(new[] { "comment.deleted", "comment.edited", "comment.added", "task.created" })
        );
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("taskId").GetGuid()), Is.All.EqualTo(taskId), "the other task's entry is not here");
            Assert.That(items[0].GetProperty("actorId").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(items[0].GetProperty("data").GetProperty("authorId").GetGuid(), Is.EqualTo(member.UserId));
            Assert.That(items[1].GetProperty("actorId").GetGuid(), Is.EqualTo(member.UserId));
            Assert.That(items[1].GetProperty("actorDisplayName").GetString(), Is.EqualTo("Test User"));
            Assert.That(items[1].GetProperty("data").GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(items[2].GetProperty("data").GetProperty("commentId").GetGuid(), Is.EqualTo(commentId));
            Assert.That(items[2].GetProperty("projectId").GetGuid(), Is.EqualTo(projectId));
            Assert.That(
                items.Take(3).SelectMany(i => i.GetProperty("data").EnumerateObject().Select(p => p.Name)),
                Has.No.Member("body").And.No.Member("changes").And.No.Member("mentions"),
                "a deleted comment's text and mentions are not kept"
            );
        });
    }

    [Test]
    public async Task A_comments_entries_show_its_current_text_and_mentions_while_it_exists()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "first" })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = $"second @{member.Email}" });

        var feed = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"tasks/{taskId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 3
        );

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(
            items.Select(i => i.GetProperty("kind").GetString()),
            Is.EqualTo(new[] { "comment.edited", "comment.added", "task.created" })
        );
        var comments = items.Take(2).Select(i => i.GetProperty("data")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(comments.Select(d => d.GetProperty("commentId").GetGuid()), Is.All.EqualTo(commentId));
            Assert.That(
                comments.Select(d => d.GetProperty("body").GetString()),
                Is.All.EqualTo($"second @{member.Email}"),
                "the text as it is now"
            );
            Assert.That(
                comments.Select(d => d.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid())),
                Is.All.EqualTo(new[] { member.UserId })
            );
            Assert.That(comments[0].GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(
                comments[0].TryGetProperty("changes", out _),
                Is.False,
                "earlier versions are not kept: the comment shows none either"
            );
        });
    }

    [Test]
    public async Task Pages_newest_first_with_a_cursor()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await client.PostAsync($"tasks/{taskId}/comments", new { body = "one" });
        await client.PostAsync($"tasks/{taskId}/comments", new { body = "two" });
        await ApiClient.EventuallyAsync(
            () => client.GetAsync($"tasks/{taskId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 3
        );

        var first = await client.GetAsync($"tasks/{taskId}/activity?limit=2");
        var second = await client.GetAsync($"tasks/{taskId}/activity?limit=2&after={first.GetProperty("nextCursor").GetString()}");

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("items")[0].GetProperty("data").GetProperty("body").GetString(), Is.EqualTo("two"));
            Assert.That(first.GetProperty("items")[1].GetProperty("data").GetProperty("body").GetString(), Is.EqualTo("one"));
            Assert.That(
                second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()),
                Is.EqualTo(new[] { "task.created" })
            );
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [TestCase("limit=0", "limit")]
    [TestCase("after=garbage", "after")]
    public async Task Invalid_query_values_are_400(string query, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await client.Http.GetAsync($"tasks/{taskId}/activity?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await stranger.Http.GetAsync($"tasks/{taskId}/activity")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
