using System.Net;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Comments.DeleteComment;

public class DeleteCommentTests
{
    private static async Task<(ApiClient Owner, ApiClient Member, Guid TaskId)> TaskWithMemberAsync()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        return (owner, member, (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid());
    }

    private static async Task<int> CountAsync(ApiClient client, Guid taskId) =>
        (await client.GetAsync($"tasks/{taskId}/comments")).GetProperty("items").GetArrayLength();

    [Test]
    public async Task The_author_deletes_their_comment_for_good()
    {
        var (_, member, taskId) = await TaskWithMemberAsync();
        var commentId = (await member.PostAsync($"tasks/{taskId}/comments", new { body = "oops" })).GetProperty("id").GetGuid();

        var response = await member.Http.DeleteAsync($"comments/{commentId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await CountAsync(member, taskId), Is.Zero);
        await (await member.Http.DeleteAsync($"comments/{commentId}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Another_member_may_not_but_an_owner_may()
    {
        var (owner, member, taskId) = await TaskWithMemberAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "owner's" })).GetProperty("id").GetGuid();
        var memberCommentId = (await member.PostAsync($"tasks/{taskId}/comments", new { body = "member's" })).GetProperty("id").GetGuid();

        await (await member.Http.DeleteAsync($"comments/{commentId}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await CountAsync(owner, taskId), Is.EqualTo(2));

        var moderated = await owner.Http.DeleteAsync($"comments/{memberCommentId}");

        Assert.That(moderated.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await CountAsync(owner, taskId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_stale_if_match_is_412_and_a_malformed_one_400()
    {
        var (owner, _, taskId) = await TaskWithMemberAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "one" })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = "two" });

        var stale = await owner.SendRawAsync(
            HttpMethod.Delete,
            $"comments/{commentId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "\"1\"")
        );
        var malformed = await owner.SendRawAsync(
            HttpMethod.Delete,
            $"comments/{commentId}",
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "one")
        );

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(stale.Headers.ETag?.Tag, Is.EqualTo("\"2\""), "the version to retry from");
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "If-Match");
        Assert.That(await CountAsync(owner, taskId), Is.EqualTo(1));
    }

    [Test]
    public async Task A_comment_in_an_archived_project_is_not_deleted_409_as_it_is_not_added_or_edited()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "on the record" })).GetProperty("id").GetGuid();
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);

        await (await owner.Http.DeleteAsync($"comments/{commentId}")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await owner.SendRawAsync(HttpMethod.Patch, $"comments/{commentId}", """{"body":"edited"}""")).AssertProblemAsync(
            HttpStatusCode.Conflict
        );

        Assert.That(await CountAsync(owner, taskId), Is.EqualTo(1), "read-only: the comment stays");
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var (owner, _, taskId) = await TaskWithMemberAsync();
        var stranger = await ApiClient.SignUpAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "one" })).GetProperty("id").GetGuid();

        await (await stranger.Http.DeleteAsync($"comments/{commentId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await CountAsync(owner, taskId), Is.EqualTo(1));
    }

    [TestCase("member", false)]
    [TestCase("admin", true)]
    [TestCase("owner", true)]
    public void The_decision_lets_admins_and_owners_delete_anyones_comment(string role, bool allowed)
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRoles.Parse(role));
        var authorId = Guid.NewGuid();
        var comment = new CommentResponse(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            authorId,
            "Ann",
            "x",
            [],
            1,
            DateTime.UtcNow,
            null
        );

        var (problem, deleted) = DeleteCommentDecision.Decide(comment, membership, DateTime.UtcNow);

        Assert.That(problem?.Status, Is.EqualTo(allowed ? null : StatusCodes.Status403Forbidden));
        Assert.That(deleted?.AuthorId, Is.EqualTo(allowed ? authorId : null));
    }
}
