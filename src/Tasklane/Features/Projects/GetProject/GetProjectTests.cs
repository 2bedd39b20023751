using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.GetProject;

public class GetProjectTests
{
    [Test]
    public async Task Returns_the_project_with_etag_and_task_counts_by_status()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        await client.CreateTaskAsync(projectId, new { title = "a" });
        await client.CreateTaskAsync(projectId, new { title = "b" });
        await client.CreateTaskAsync(projectId, new { title = "c", status = "done" });

        var response = await client.Http.GetAsync($"projects/{projectId}");
        var project = await ApiClient.Send(client.Http, HttpMethod.Get, $"projects/{projectId}", null, HttpStatusCode.OK);

        var counts = project.GetProperty("taskCounts");
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(project.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
            Assert.That(project.GetProperty("archived").GetBoolean(), Is.False);
            Assert.That(counts.GetProperty("todo").GetInt32(), Is.EqualTo(2));
            Assert.That(counts.GetProperty("in_progress").GetInt32(), Is.Zero);
            Assert.That(counts.GetProperty("done").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Another_users_project_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.GetAsync($"projects/{projectId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync($"projects/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync("projects/nope")).AssertProblemAsync(HttpStatusCode.BadRequest, "projectId");
    }
}
