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
    public async Task Another_users_workspace_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/projects")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
