using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.ListProjects;

public class ListProjectsTests
{
    [Test]
    public async Task Lists_the_workspaces_projects_and_no_others()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var first = await client.CreateProjectAsync(workspaceId, "First");
        var second = await client.CreateProjectAsync(workspaceId, "Second");
        var elsewhere = await client.CreateProjectInNewWorkspaceAsync();

        var page = await client.GetAsync($"workspaces/{workspaceId}/projects");

        var ids = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetGuid());
        Assert.That(ids, Is.EquivalentTo(new[] { first, second }));
        Assert.That(ids, Does.Not.Contain(elsewhere.ProjectId));
    }

    [Test]
    public async Task Each_project_carries_its_task_counts_by_status()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var empty = await client.CreateProjectAsync(workspaceId, "Empty");
        await client.CreateTaskAsync(projectId, new { title = "a", status = "in_progress" });
        await client.CreateTaskAsync(projectId, new { title = "b", status = "in_progress" });
        await client.CreateTaskAsync(projectId, new { title = "c", status = "done" });

        var items = (await client.GetAsync($"workspaces/{workspaceId}/projects")).GetProperty("items").EnumerateArray().ToList();

        var counts = items.Single(p => p.GetProperty("id").GetGuid() == projectId).GetProperty("taskCounts");
        var none = items.Single(p => p.GetProperty("id").GetGuid() == empty).GetProperty("taskCounts");
        Assert.Multiple(() =>
        {
            Assert.That(counts.GetProperty("todo").GetInt32(), Is.Zero);
            Assert.That(counts.GetProperty("in_progress").GetInt32(), Is.EqualTo(2));
            Assert.That(counts.GetProperty("done").GetInt32(), Is.EqualTo(1));
            Assert.That(none.GetProperty("in_progress").GetInt32(), Is.Zero);
        });
    }

    [TestCase("maybe")]
    [TestCase("1")]
    public async Task An_unknown_archived_filter_is_400(string archived)
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        await (await client.Http.GetAsync($"workspaces/{workspaceId}/projects?archived={archived}")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "archived"
        );
    }

    [Test]
    public async Task Another_users_workspace_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/projects")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
