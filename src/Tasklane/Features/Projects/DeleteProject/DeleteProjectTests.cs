using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.DeleteProject;

public class DeleteProjectTests
{
    [Test]
    public async Task A_deleted_project_and_its_tasks_are_not_found_anywhere()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await client.Http.DeleteAsync($"projects/{projectId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await client.Http.GetAsync($"projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.Http.GetAsync($"projects/{projectId}/tasks")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.Http.GetAsync($"tasks/{taskId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.Http.PatchAsJsonAsync($"tasks/{taskId}", new { title = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.Http.PostAsJsonAsync($"tasks/{taskId}/move", new { status = "done" })).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await client.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "x" })).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await client.Http.DeleteAsync($"projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.Http.PostAsync($"projects/{projectId}/archive", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var archived in new[] { "true", "false" })
        {
            var list = await client.GetAsync($"workspaces/{workspaceId}/projects?archived={archived}");
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.Zero);
        }
    }

    [Test]
    public async Task A_stale_if_match_is_412_and_deletes_nothing()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.PatchAsync($"projects/{projectId}", new { name = "v2" });

        var response = await client.SendRawAsync(
            HttpMethod.Delete,
            $"projects/{projectId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await client.GetAsync($"projects/{projectId}");
    }

    [Test]
    public async Task Another_users_project_is_not_found_and_not_deleted()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.DeleteAsync($"projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.GetAsync($"projects/{projectId}");
    }
}
