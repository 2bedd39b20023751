using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses.DeleteStatus;

public class DeleteStatusTests
{
    [Test]
    public async Task A_status_holding_tasks_needs_a_target_and_its_tasks_trashed_ones_too_move_there()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review");
        var done = await StatusIdAsync(client, projectId, "Done");
        var live = (await client.CreateTaskAsync(projectId, new { title = "Live", statusId = review })).GetProperty("id").GetGuid();
        var trashed = (await client.CreateTaskAsync(projectId, new { title = "Trashed", statusId = review })).GetProperty("id").GetGuid();
        await client.GetAsync($"tasks/{live}"); // cached: the move must reach the cache
        Assert.That(await DeleteAsync(client, $"tasks/{trashed}"), Is.EqualTo(HttpStatusCode.NoContent));

        var withoutTarget = await client.Http.DeleteAsync($"projects/{projectId}/statuses/{review}");
        var moved = await DeleteAsync(client, $"projects/{projectId}/statuses/{review}?moveTo={done}");
        var task = await client.GetAsync($"tasks/{live}");
        var restored = await client.PostAsync($"tasks/{trashed}/restore", null, HttpStatusCode.OK);

        await withoutTarget.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Multiple(async () =>
        {
            Assert.That(moved, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(task.GetProperty("statusId").GetGuid(), Is.EqualTo(done));
            Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(restored.GetProperty("statusId").GetGuid(), Is.EqualTo(done));
            Assert.That(
                (await StatusesAsync(client, projectId)).Select(s => s.GetProperty("name").GetString()),
                Does.Not.Contain("Review")
            );
        });
    }

    [Test]
    public async Task An_empty_status_goes_without_a_target_but_the_last_of_a_category_stays()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review");
        var todo = await StatusIdAsync(client, projectId, "To do");

        var empty = await DeleteAsync(client, $"projects/{projectId}/statuses/{review}");
        var last = await client.Http.DeleteAsync($"projects/{projectId}/statuses/{todo}");
        var again = await client.Http.DeleteAsync($"projects/{projectId}/statuses/{review}");

        Assert.That(empty, Is.EqualTo(HttpStatusCode.NoContent));
        await last.AssertProblemAsync(HttpStatusCode.Conflict);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_target_of_another_project_is_400_and_nothing_moves()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var other = await client.CreateProjectAsync(workspaceId, "Other");
        var review = await CreateStatusAsync(client, projectId, "Review");
        var taskId = (await client.CreateTaskAsync(projectId, new { title = "Stays", statusId = review })).GetProperty("id").GetGuid();
        var foreign = await StatusIdAsync(client, other, "Done");

        var response = await client.Http.DeleteAsync($"projects/{projectId}/statuses/{review}?moveTo={foreign}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "moveTo");
        Assert.That((await client.GetAsync($"tasks/{taskId}")).GetProperty("statusId").GetGuid(), Is.EqualTo(review));
    }
}
