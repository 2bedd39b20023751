using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Labels.DeleteLabel;

public class DeleteLabelTests
{
    [Test]
    public async Task Deleting_removes_the_label_from_its_tasks_and_bumps_their_version()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var labelId = (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "t", labelIds = new[] { labelId } }))
            .GetProperty("id")
            .GetGuid();

        var stale = await client.SendRawAsync(
            HttpMethod.Delete,
            $"labels/{labelId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"7\"")
        );
        var response = await client.SendRawAsync(
            HttpMethod.Delete,
            $"labels/{labelId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var task = await client.GetAsync($"tasks/{taskId}");
        var gone = await client.Http.GetAsync($"labels/{labelId}");

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(task.GetProperty("labelIds").GetArrayLength(), Is.Zero);
            Assert.That(task.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Another_users_label_is_not_found_and_kept()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "x", color = "#ffffff" }))
            .GetProperty("id")
            .GetGuid();

        await (await stranger.Http.DeleteAsync($"labels/{labelId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.GetAsync($"labels/{labelId}");
    }
}
