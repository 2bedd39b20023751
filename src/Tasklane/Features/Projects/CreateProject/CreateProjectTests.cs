using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Projects.CreateProject;

public class CreateProjectTests
{
    [Test]
    public async Task An_owner_creates_a_project_in_their_workspace()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/projects",
            new { name = "Website", description = "The new site" }
        );
        var project = await ApiClient.Send(
            client.Http,
            HttpMethod.Get,
            response.Headers.Location!.ToString().Replace("/api/v1/", ""),
            null,
            HttpStatusCode.OK
        );

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(project.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(project.GetProperty("archived").GetBoolean(), Is.False);
            Assert.That(project.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
            Assert.That(project.GetProperty("name").GetString(), Is.EqualTo("Website"));
            Assert.That(project.GetProperty("description").GetString(), Is.EqualTo("The new site"));
        });
    }

    [Test]
    public async Task Another_users_workspace_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await stranger.Http.PostAsJsonAsync($"workspaces/{workspaceId}/projects", new { name = "Intrusion" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_project_needs_a_name()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync($"workspaces/{workspaceId}/projects", new { description = "no name" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "name");
    }
}
