using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Comments.RestoreComment;

public class RestoreCommentTests
{
    [Test]
    public async Task The_author_brings_back_their_comment_with_its_text_and_mentions_on_either_host()
    {
        var (owner, member, taskId) = await TaskWithMemberAsync();
        var body = $"Look @{owner.Email}";
        var commentId = (await member.PostAsync($"tasks/{taskId}/comments", new { body })).GetProperty("id").GetGuid();
        await Delete(member, commentId);
        Assert.That(await ListedAsync(member, taskId), Is.Empty);

        var restored = await member
            .Via(TestEnvironment.HostB.CreateClient())
            .PostAsync($"comments/{commentId}/restore", null, HttpStatusCode.OK);

        var listed = (await owner.GetAsync($"tasks/{taskId}/comments")).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(restored.GetProperty("body").GetString(), Is.EqualTo(body));
            Assert.That(restored.GetProperty("version").GetInt32(), Is.EqualTo(3), "deleting and restoring are changes");
            Assert.That(listed.GetProperty("id").GetGuid(), Is.EqualTo(commentId));
            Assert.That(listed.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()), Is.EqualTo(new[] { owner.UserId }));
        });
        await (await member.Http.PostAsync($"comments/{commentId}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Another_member_may_not_but_an_owner_may_and_after_30_days_nobody()
    {
        var (owner, member, taskId) = await TaskWithMemberAsync();
        var ownerComment = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "Owner's" })).GetProperty("id").GetGuid();
        var memberComment = (await member.PostAsync($"tasks/{taskId}/comments", new { body = "Member's" })).GetProperty("id").GetGuid();
        await Delete(owner, ownerComment);
        await Delete(member, memberComment);

        await (await member.Http.PostAsync($"comments/{ownerComment}/restore", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await owner.PostAsync($"comments/{memberComment}/restore", null, HttpStatusCode.OK);
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "update comment_rows set deleted_at = now() - interval '31 days' where id = @ownerComment",
                new { ownerComment }
            );
        }

        await (await owner.Http.PostAsync($"comments/{ownerComment}/restore", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_comment_of_a_task_in_the_trash_is_not_found_until_the_task_is_back_and_a_stranger_never_finds_it()
    {
        var (owner, _, taskId) = await TaskWithMemberAsync();
        var stranger = await ApiClient.SignUpAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "On a task going away" }))
            .GetProperty("id")
            .GetGuid();
        await Delete(owner, commentId);
        using (var deleted = await owner.Http.DeleteAsync($"tasks/{taskId}"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await (await owner.Http.PostAsync($"comments/{commentId}/restore", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.PostAsync($"tasks/{taskId}/restore", null, HttpStatusCode.OK);
        await (await stranger.Http.PostAsync($"comments/{commentId}/restore", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.PostAsync($"comments/{commentId}/restore", null, HttpStatusCode.OK);
    }

    private static async Task<(ApiClient Owner, ApiClient Member, Guid TaskId)> TaskWithMemberAsync()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        return (owner, member, (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid());
    }

    private static async Task<List<Guid>> ListedAsync(ApiClient client, Guid taskId) =>
        (await client.GetAsync($"tasks/{taskId}/comments"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(c => c.GetProperty("id").GetGuid())
            .ToList();

    private static async Task Delete(ApiClient client, Guid commentId)
    {
        using var response = await client.Http.DeleteAsync($"comments/{commentId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
