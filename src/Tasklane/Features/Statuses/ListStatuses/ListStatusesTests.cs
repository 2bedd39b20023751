using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses.ListStatuses;

public class ListStatusesTests
{
    [Test]
    public async Task A_new_project_has_one_status_per_category_and_its_tasks_sit_in_them()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var task = await client.CreateTaskAsync(projectId, new { title = "Started", status = "in_progress" });

        var statuses = await StatusesAsync(client, projectId);

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "To do", "In progress", "Done" }));
            Assert.That(statuses.Select(s => s.GetProperty("category").GetString()), Is.EqualTo(new[] { "todo", "in_progress", "done" }));
            Assert.That(statuses.Select(s => s.GetProperty("wipLimit").ValueKind), Is.All.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(task.GetProperty("statusId").GetGuid(), Is.EqualTo(statuses[1].GetProperty("id").GetGuid()));
        });
    }

    [Test]
    public async Task Another_workspaces_project_is_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        var response = await stranger.Http.GetAsync($"projects/{projectId}/statuses");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
