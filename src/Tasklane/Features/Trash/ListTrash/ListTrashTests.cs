using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Trash.ListTrash;

public class ListTrashTests
{
    [Test]
    public async Task Lists_what_can_be_restored_newest_deletion_first_page_by_page()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var parent = (await owner.CreateTaskAsync(projectId, new { title = "Parent" })).GetProperty("id").GetGuid();
        await owner.CreateTaskAsync(projectId, new { title = "Child", parentId = parent });
        var expired = (await owner.CreateTaskAsync(projectId, new { title = "Too old" })).GetProperty("id").GetGuid();
        var kept = (await owner.CreateTaskAsync(projectId, new { title = "Kept" })).GetProperty("id").GetGuid();
        var comment = (await member.PostAsync($"tasks/{kept}/comments", new { body = new string('c', 300) })).GetProperty("id").GetGuid();
        var gone = await owner.CreateProjectAsync(workspaceId, "Gone");
        await owner.CreateTaskAsync(gone, new { title = "In a deleted project" });
        await Delete(owner, $"tasks/{expired}");
        await Delete(owner, $"tasks/{parent}");
        await Delete(member, $"comments/{comment}");
        await Delete(owner, $"projects/{gone}");
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync("update task_rows set deleted_at = now() - interval '31 days' where id = @expired", new { expired });
        }

        var items = new List<System.Text.Json.JsonElement>();
        string? after = null;
        do
        {
            var page = await member.GetAsync($"workspaces/{workspaceId}/trash?limit=1" + (after is null ? "" : $"&after={after}"));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("nextCursor").GetString();
        } while (after is not null);

        Assert.That(
            items.Select(i => (i.GetProperty("type").GetString(), i.GetProperty("title").GetString())),
            Is.EqualTo(new[] { ("project", "Gone"), ("comment", new string('c', 200)), ("task", "Parent") }),
            "the child comes back with its parent, the project's task with the project, and past 30 days nothing"
        );
        Assert.That(items[1].GetProperty("deletedBy").GetGuid(), Is.EqualTo(member.UserId));
        var task = items[2];
        Assert.Multiple(() =>
        {
            Assert.That(task.GetProperty("id").GetGuid(), Is.EqualTo(parent));
            Assert.That(task.GetProperty("projectId").GetGuid(), Is.EqualTo(projectId));
            Assert.That(task.GetProperty("subTasks").GetInt32(), Is.EqualTo(1));
            Assert.That(task.GetProperty("deletedBy").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(
                task.GetProperty("purgeAt").GetDateTime() - task.GetProperty("deletedAt").GetDateTime(),
                Is.EqualTo(TimeSpan.FromDays(30))
            );
        });
    }

    [Test]
    public async Task A_stranger_gets_404_and_a_bad_cursor_400()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/trash")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync($"workspaces/{workspaceId}/trash?after=not-a-cursor")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "after"
        );
        Assert.That((await owner.GetAsync($"workspaces/{workspaceId}/trash")).GetProperty("items").GetArrayLength(), Is.Zero);
    }

    private static async Task Delete(ApiClient client, string path)
    {
        using var response = await client.Http.DeleteAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), path);
    }
}
