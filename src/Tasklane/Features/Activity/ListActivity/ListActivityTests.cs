using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity.ListActivity;

public class ListActivityTests
{
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
            () => owner.GetAsync($"workspaces/{workspaceId}/activity"),
            f => Kinds(f).Contains("project.deleted")
        );
        await owner.PostAsync($"projects/{projectId}/restore", null, HttpStatusCode.OK);
        var restored = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/activity"),
            f => Kinds(f).Contains("project.restored")
        );

        Assert.Multiple(() =>
        {
            Assert.That(
                KindsOf(hidden, projectId),
                Is.EqualTo(new[] { "project.deleted" }),
                "only the deletion itself, which names nothing but the id"
            );
            Assert.That(KindsOf(hidden, otherProjectId), Is.EqualTo(new[] { "task.created", "project.created" }));
            Assert.That(
                KindsOf(restored, projectId),
                Is.EqualTo(new[] { "project.restored", "project.deleted", "comment.added", "task.created", "project.created" })
            );
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
        feed.GetProperty("items")
            .EnumerateArray()
            .Where(i => i.GetProperty("projectId").ValueKind != JsonValueKind.Null && i.GetProperty("projectId").GetGuid() == projectId)
            .Select(i => i.GetProperty("kind").GetString()!)
            .ToList();
}
