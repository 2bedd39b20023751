using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Tasks.RestoreTask;

public class RestoreTaskTests
{
    [Test]
    public async Task Brings_back_the_task_with_the_sub_tasks_deleted_with_it_but_not_one_deleted_on_its_own()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var parent = await owner.CreateTaskAsync(projectId, new { title = "Parent", status = "in_progress" });
        var parentId = parent.GetProperty("id").GetGuid();
        var alone = (await owner.CreateTaskAsync(projectId, new { title = "Deleted alone", parentId })).GetProperty("id").GetGuid();
        var with = (await owner.CreateTaskAsync(projectId, new { title = "Deleted with it", parentId })).GetProperty("id").GetGuid();
        await Delete(owner, alone);
        await Delete(owner, parentId);
        var onB = owner.Via(TestEnvironment.HostB.CreateClient());
        await (await onB.Http.GetAsync($"tasks/{parentId}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var restored = await owner.PostAsync($"tasks/{parentId}/restore", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(restored.GetProperty("title").GetString(), Is.EqualTo("Parent"));
            Assert.That(restored.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(
                restored.GetProperty("position").GetDouble(),
                Is.EqualTo(parent.GetProperty("position").GetDouble()),
                "back where it was"
            );
            Assert.That(restored.GetProperty("version").GetInt32(), Is.EqualTo(3), "deleting and restoring are changes");
        });
        foreach (var client in new[] { owner, onB })
        {
            Assert.That((await client.GetAsync($"tasks/{parentId}")).GetProperty("version").GetInt32(), Is.EqualTo(3));
            await client.GetAsync($"tasks/{with}");
            await (await client.Http.GetAsync($"tasks/{alone}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await owner.Http.PostAsync($"tasks/{parentId}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await owner.PostAsync($"tasks/{alone}/restore", null, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_sub_task_deleted_with_its_parent_comes_back_only_through_it_and_one_whose_parent_is_in_the_trash_waits_for_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var parentId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var child = (await owner.CreateTaskAsync(projectId, new { title = "Child", parentId })).GetProperty("id").GetGuid();
        await Delete(owner, child);
        await Delete(owner, parentId);
        var root = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var nested = (await owner.CreateTaskAsync(projectId, new { title = "Nested", parentId = root })).GetProperty("id").GetGuid();
        await Delete(owner, root);

        var parentInTrash = await (await owner.Http.PostAsync($"tasks/{child}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        var deletedWithParent = await (await owner.Http.PostAsync($"tasks/{nested}/restore", null)).AssertProblemAsync(
            HttpStatusCode.Conflict
        );
        Assert.Multiple(() =>
        {
            Assert.That(parentInTrash.GetProperty("detail").GetString(), Does.Contain(parentId.ToString()).And.Contain("Restore it first"));
            Assert.That(deletedWithParent.GetProperty("detail").GetString(), Does.Contain(root.ToString()).And.Contain("Restore that one"));
        });

        await owner.PostAsync($"tasks/{parentId}/restore", null, HttpStatusCode.OK);
        await owner.PostAsync($"tasks/{child}/restore", null, HttpStatusCode.OK);
        Assert.That((await owner.GetAsync($"tasks/{child}")).GetProperty("parentId").GetGuid(), Is.EqualTo(parentId));
    }

    [Test]
    public async Task After_30_days_it_is_409_and_stays_in_the_trash()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await Delete(owner, taskId);
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync("update task_rows set deleted_at = now() - interval '31 days' where id = @taskId", new { taskId });
        }

        await (await owner.Http.PostAsync($"tasks/{taskId}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await owner.Http.GetAsync($"tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_stranger_gets_404_and_a_viewer_403()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await Delete(owner, taskId);

        await (await stranger.Http.PostAsync($"tasks/{taskId}/restore", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await viewer.Http.PostAsync($"tasks/{taskId}/restore", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Http.PostAsync($"tasks/{Guid.CreateVersion7()}/restore", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task Delete(ApiClient client, Guid taskId)
    {
        using var response = await client.Http.DeleteAsync($"tasks/{taskId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
