using System.Net;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.DeleteTask;

public class DeleteTaskTests
{
    [Test]
    public async Task The_task_and_its_sub_tasks_disappear_everywhere_at_once_on_both_hosts_whatever_they_had_cached()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var parent = (await owner.CreateTaskAsync(projectId, new { title = "Quarterly zebrafish report" })).GetProperty("id").GetGuid();
        var child = (await owner.CreateTaskAsync(projectId, new { title = "Child", parentId = parent })).GetProperty("id").GetGuid();
        var sibling = (await owner.CreateTaskAsync(projectId, new { title = "Sibling", parentId = parent })).GetProperty("id").GetGuid();
        var other = (await owner.CreateTaskAsync(projectId, new { title = "Stays" })).GetProperty("id").GetGuid();
        var commentId = (await owner.PostAsync($"tasks/{parent}/comments", new { body = "zebrafish notes" })).GetProperty("id").GetGuid();
        var attachmentId = await AttachmentTestKit.AttachAsync(owner, parent, AttachmentTestKit.RandomBytes(100));
        var onB = owner.Via(TestEnvironment.HostB.CreateClient());
        foreach (var id in new[] { parent, child, sibling })
        {
            await owner.GetAsync($"tasks/{id}");
            await onB.GetAsync($"tasks/{id}");
        }

        using (var deleted = await owner.Http.DeleteAsync($"tasks/{parent}"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        foreach (var client in new[] { owner, onB })
        {
            foreach (var id in new[] { parent, child, sibling })
            {
                await (await client.Http.GetAsync($"tasks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            }

            await (await client.Http.GetAsync($"tasks/{parent}/comments")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.Http.GetAsync($"attachments/{attachmentId}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await client.SendRawAsync(HttpMethod.Patch, $"comments/{commentId}", """{"body":"edited"}""")).AssertProblemAsync(
                HttpStatusCode.NotFound
            );
        }

        var listed = (await owner.GetAsync($"projects/{projectId}/tasks"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(t => t.GetProperty("id").GetGuid());
        var found = (await owner.GetAsync($"workspaces/{workspaceId}/search?q=zebrafish")).GetProperty("items").GetArrayLength();
        var project = await owner.GetAsync($"projects/{projectId}");
        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(new[] { other }));
            Assert.That(found, Is.Zero, "neither the task nor its comment is found");
            Assert.That(project.GetProperty("taskCounts").GetProperty("todo").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_stale_If_Match_is_412_and_nothing_is_deleted()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await owner.PatchAsync($"tasks/{taskId}", new { title = "Changed" });

        using var stale = await owner.SendRawAsync(
            HttpMethod.Delete,
            $"tasks/{taskId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        using var current = await owner.SendRawAsync(
            HttpMethod.Delete,
            $"tasks/{taskId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"2\"")
        );
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task A_viewer_is_403_a_stranger_404_and_an_archived_projects_task_409()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await (await viewer.Http.DeleteAsync($"tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Http.DeleteAsync($"tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        await (await owner.Http.DeleteAsync($"tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await owner.PostAsync($"projects/{projectId}/unarchive", null, HttpStatusCode.OK);
        await owner.GetAsync($"tasks/{taskId}");
    }
}
