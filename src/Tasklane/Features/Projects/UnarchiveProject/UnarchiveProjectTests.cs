using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.UnarchiveProject;

public class UnarchiveProjectTests
{
    [Test]
    public async Task Unarchives_an_archived_project_and_refuses_an_active_one()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();

        var notArchived = await client.Http.PostAsync($"projects/{projectId}/unarchive", null);
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        var project = await client.PostAsync($"projects/{projectId}/unarchive", null, HttpStatusCode.OK);
        var active = await client.GetAsync($"workspaces/{workspaceId}/projects?archived=false");

        await notArchived.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Multiple(() =>
        {
            Assert.That(project.GetProperty("archived").GetBoolean(), Is.False);
            Assert.That(project.GetProperty("version").GetInt32(), Is.EqualTo(3));
            Assert.That(active.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(projectId));
        });
    }

    [Test]
    public async Task Another_users_project_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);

        await (await stranger.Http.PostAsync($"projects/{projectId}/unarchive", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await owner.GetAsync($"projects/{projectId}")).GetProperty("archived").GetBoolean(), Is.True);
    }
}
