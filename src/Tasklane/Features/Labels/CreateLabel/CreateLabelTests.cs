using System.Net;
using Dapper;
using Npgsql;
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
        var label = await ApiClient.Send(
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
    public async Task A_member_lists_and_uses_labels_but_only_admins_create_them()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        // No invitation route in this slice set: join the member directly.
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "insert into workspace_members (workspace_id, user_id, role, joined_at) values (@workspaceId, @userId, 'member', now())",
                new { workspaceId, userId = member.UserId }
            );
        }

        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();

        var create = await member.Http.PostAsJsonAsync($"workspaces/{workspaceId}/labels", new { name = "Mine", color = "#ffffff" });
        var rename = await member.SendRawAsync(HttpMethod.Patch, $"labels/{labelId}", """{"name":"Mine"}""");
        var delete = await member.Http.DeleteAsync($"labels/{labelId}");
        var list = await member.GetAsync($"workspaces/{workspaceId}/labels");
        var task = await member.CreateTaskAsync(
            projectId,
            new
            {
                title = "Shared",
                labelIds = new[] { labelId },
                assigneeIds = new[] { owner.UserId, member.UserId },
            }
        );

        await create.AssertProblemAsync(HttpStatusCode.Forbidden);
        await rename.AssertProblemAsync(HttpStatusCode.Forbidden);
        await delete.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            Assert.That(task.GetProperty("labelIds")[0].GetGuid(), Is.EqualTo(labelId));
            Assert.That(
                task.GetProperty("assigneeIds").EnumerateArray().Select(a => a.GetGuid()),
                Is.EqualTo(new[] { owner.UserId, member.UserId }.Order())
            );
            Assert.That(task.GetProperty("assigneeId").GetGuid(), Is.EqualTo(new[] { owner.UserId, member.UserId }.Min()));
        });
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
