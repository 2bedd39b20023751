using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity.ListActivity;

public class ListActivityTests
{
    [Test]
    public async Task The_worker_records_task_events_newest_first_with_before_and_after()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Plan" })).GetProperty("id").GetGuid();
        await client.PatchAsync($"tasks/{taskId}", new { status = "in_progress" });

        var feed = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"workspaces/{workspaceId}/activity"),
            f => f.GetProperty("items").GetArrayLength() >= 3);

        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(3));
        Assert.Multiple(() =>
        {
            Assert.That(items[0].GetProperty("kind").GetString(), Is.EqualTo("task.updated"));
            Assert.That(items[0].GetProperty("data").GetProperty("changes").GetProperty("status").GetProperty("from").GetString(), Is.EqualTo("todo"));
            Assert.That(items[0].GetProperty("data").GetProperty("changes").GetProperty("status").GetProperty("to").GetString(), Is.EqualTo("in_progress"));
            Assert.That(items[1].GetProperty("kind").GetString(), Is.EqualTo("task.created"));
            Assert.That(items[1].GetProperty("taskId").GetGuid(), Is.EqualTo(taskId));
            Assert.That(items[1].GetProperty("actorId").GetGuid(), Is.EqualTo(client.UserId));
            Assert.That(items[1].GetProperty("actorDisplayName").GetString(), Is.EqualTo("Test User"));
            Assert.That(items[1].GetProperty("data").GetProperty("title").GetString(), Is.EqualTo("Plan"));
            Assert.That(items[2].GetProperty("kind").GetString(), Is.EqualTo("project.created"));
        });
    }

    [Test]
    public async Task A_deleted_comments_text_leaves_every_feed_with_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var written = $"first draft {Guid.NewGuid():N}";
        var edited = $"second draft {Guid.NewGuid():N}";
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = written })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = edited });
        await ApiClient.EventuallyAsync(() => owner.GetAsync($"tasks/{taskId}/activity"), f => Kinds(f).Contains("comment.edited"));

        Assert.That((await owner.Http.DeleteAsync($"comments/{commentId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await ApiClient.EventuallyAsync(() => owner.GetAsync($"tasks/{taskId}/activity"), f => Kinds(f).Contains("comment.deleted"));

        foreach (var path in new[] { $"workspaces/{workspaceId}/activity", $"projects/{projectId}/activity", $"tasks/{taskId}/activity" })
        {
            var feed = await owner.GetAsync(path);
            Assert.That(Kinds(feed), Is.SupersetOf(new[] { "comment.added", "comment.edited", "comment.deleted" }), path);
            Assert.That(feed.GetRawText(), Does.Not.Contain(written).And.Not.Contain(edited), $"{path} keeps the deleted comment's text");
        }
    }

    [Test]
    public async Task Viewers_read_no_invitee_email_in_the_feed_as_they_read_none_in_the_invitations()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var invitee = $"invitee-{Guid.NewGuid():N}@example.com";
        var invitationId = (await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee, role = "admin" }))
            .GetProperty("invitationId").GetGuid();
        Assert.That((await owner.Http.DeleteAsync($"workspaces/{workspaceId}/invitations/{invitationId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var feed = await ApiClient.EventuallyAsync(
            () => viewer.GetAsync($"workspaces/{workspaceId}/activity"),
            f => Kinds(f).Contains("member.invitation_revoked"));

        await (await viewer.Http.GetAsync($"workspaces/{workspaceId}/invitations")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var entries = feed.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString()!.Contains("invit")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(i => i.GetProperty("kind").GetString()), Is.EqualTo(new[] { "member.invitation_revoked", "member.invited" }));
            Assert.That(entries.Select(i => i.GetProperty("data").GetProperty("invitationId").GetGuid()), Is.All.EqualTo(invitationId));
            Assert.That(entries.Select(i => i.GetProperty("data").GetProperty("role").GetString()), Is.All.EqualTo("admin"));
            Assert.That(feed.GetRawText(), Does.Not.Contain(invitee).IgnoreCase);
        });
    }

    [Test]
    public async Task A_deleted_projects_entries_leave_the_feed_until_it_is_restored()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var otherProjectId = await owner.CreateProjectAsync(workspaceId, "Other");
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Gone with its project" })).GetProperty("id").GetGuid();
        await owner.PostAsync($"tasks/{taskId}/comments", new { body = "and its comments" });
        await owner.CreateTaskAsync(otherProjectId, new { title = "Still here" });
        await ApiClient.EventuallyAsync(() => owner.GetAsync($"workspaces/{workspaceId}/activity"), f => Kinds(f).Count >= 5);

        Assert.That((await owner.Http.DeleteAsync($"projects/{projectId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var hidden = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/activity"), f => Kinds(f).Contains("project.deleted"));
        await owner.PostAsync($"projects/{projectId}/restore", null, HttpStatusCode.OK);
        var restored = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/activity"), f => Kinds(f).Contains("project.restored"));

        Assert.Multiple(() =>
        {
            Assert.That(KindsOf(hidden, projectId), Is.EqualTo(new[] { "project.deleted" }), "only the deletion itself, which names nothing but the id");
            Assert.That(KindsOf(hidden, otherProjectId), Is.EqualTo(new[] { "task.created", "project.created" }));
            Assert.That(KindsOf(restored, projectId), Is.EqualTo(new[] { "project.restored", "project.deleted", "comment.added", "task.created", "project.created" }));
        });
    }

    [Test]
    public async Task Another_users_feed_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/activity")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static List<string> Kinds(JsonElement feed) =>
        feed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()!).ToList();

    private static List<string> KindsOf(JsonElement feed, Guid projectId) =>
        feed.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("projectId").ValueKind != JsonValueKind.Null && i.GetProperty("projectId").GetGuid() == projectId)
            .Select(i => i.GetProperty("kind").GetString()!).ToList();
}
