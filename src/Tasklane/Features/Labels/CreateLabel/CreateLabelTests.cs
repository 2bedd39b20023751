using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Labels.CreateLabel;

public class CreateLabelTests
{
    [Test]
    public async Task Creates_a_label_with_a_lower_case_colour_location_and_etag()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var response = await client.Http.PostAsJsonAsync($"workspaces/{workspaceId}/labels", new { name = " Bug ", color = "#FF00aa" });
        var label = await ApiClient.Send(client.Http, HttpMethod.Get, response.Headers.Location!.ToString().Replace("/api/v1/", ""), null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(label.GetProperty("name").GetString(), Is.EqualTo("Bug"));
            Assert.That(label.GetProperty("color").GetString(), Is.EqualTo("#ff00aa"));
            Assert.That(label.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
        });
    }

    [Test]
    public async Task A_name_taken_in_any_case_is_409_but_free_in_another_workspace()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var other = await client.CreateWorkspaceAsync("Other");
        await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" });

        var duplicate = await client.Http.PostAsJsonAsync($"workspaces/{workspaceId}/labels", new { name = "bUG", color = "#00ff00" });
        await client.PostAsync($"workspaces/{other}/labels", new { name = "bug", color = "#00ff00" });

        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("""{"name":"","color":"#ffffff"}""", "name")]
    [TestCase("""{"color":"#ffffff"}""", "name")]
    [TestCase("""{"name":"x","color":"red"}""", "color")]
    [TestCase("""{"name":"x","color":"#fffffff"}""", "color")]
    [TestCase("""{"name":"x"}""", "color")]
    [TestCase("""{"name":"012345678901234567890123456789012345678901234567890","color":"#ffffff"}""", "name")]
    public async Task Invalid_fields_are_400(string body, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/labels", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_users_workspace_is_not_found()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await stranger.Http.PostAsJsonAsync($"workspaces/{workspaceId}/labels", new { name = "x", color = "#ffffff" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
