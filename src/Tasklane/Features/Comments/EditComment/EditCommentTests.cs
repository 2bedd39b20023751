using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Comments.EditComment;

public class EditCommentTests
{
    private static async Task<(ApiClient Owner, Guid WorkspaceId, Guid TaskId)> TaskAsync()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        return (owner, workspaceId, (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid());
    }

    private static HttpRequestMessage Patch(Guid commentId, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"comments/{commentId}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    [Test]
    public async Task The_author_edits_the_body_and_its_mentions_with_a_new_version()
    {
        var (owner, workspaceId, taskId) = await TaskAsync();
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "draft" })).GetProperty("id").GetGuid();

        var response = await owner.Http.SendAsync(Patch(commentId, new { body = $"final, @{member.Email}" }, "\"1\""));
        var edited = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var listed = (await owner.GetAsync($"tasks/{taskId}/comments")).GetProperty("items")[0];

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(edited.GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(edited.GetProperty("editedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(listed.GetProperty("body").GetString(), Is.EqualTo($"final, @{member.Email}"));
            Assert.That(listed.GetProperty("editedAt").GetDateTime(), Is.EqualTo(edited.GetProperty("editedAt").GetDateTime()));
            Assert.That(listed.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()), Is.EqualTo(new[] { member.UserId }));
        });
    }

    [Test]
    public async Task Only_the_author_may_edit()
    {
        var (owner, workspaceId, taskId) = await TaskAsync();
        var member = await ApiClient.SignUpAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        var commentId = (await member.PostAsync($"tasks/{taskId}/comments", new { body = "mine" })).GetProperty("id").GetGuid();

        var response = await owner.Http.SendAsync(Patch(commentId, new { body = "the owner's words" }));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var listed = (await owner.GetAsync($"tasks/{taskId}/comments")).GetProperty("items")[0];
        Assert.That(listed.GetProperty("body").GetString(), Is.EqualTo("mine"));
    }

    [Test]
    public async Task A_stale_if_match_is_412_with_the_current_etag()
    {
        var (owner, _, taskId) = await TaskAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "one" })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = "two" });

        var response = await owner.Http.SendAsync(Patch(commentId, new { body = "three" }, "\"1\""));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        var listed = (await owner.GetAsync($"tasks/{taskId}/comments")).GetProperty("items")[0];
        Assert.That(listed.GetProperty("body").GetString(), Is.EqualTo("two"));
    }

    [TestCase("{\"body\":\"\"}", null, "body")]
    [TestCase("{}", null, "body")]
    [TestCase("{\"body\":\"ok\"}", "yesterday", "If-Match")]
    public async Task Invalid_input_is_400(string json, string? ifMatch, string field)
    {
        var (owner, _, taskId) = await TaskAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "one" })).GetProperty("id").GetGuid();

        var response = await owner.SendRawAsync(
            HttpMethod.Patch,
            $"comments/{commentId}",
            json,
            r =>
            {
                if (ifMatch is not null)
                {
                    r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                }
            }
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var (owner, _, taskId) = await TaskAsync();
        var stranger = await ApiClient.SignUpAsync();
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "one" })).GetProperty("id").GetGuid();

        await (await stranger.Http.SendAsync(Patch(commentId, new { body = "x" }))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.SendAsync(Patch(Guid.CreateVersion7(), new { body = "x" }))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static CommentResponse Comment(Guid authorId, Guid[] mentions) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), authorId, "Ann", "before", mentions, 3, DateTime.UtcNow, null);

    [Test]
    public void The_decision_bumps_the_version_and_reports_before_after_and_new_mentions()
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Member);
        var (kept, added) = (Guid.NewGuid(), Guid.NewGuid());
        var current = Comment(membership.UserId, [kept]);
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var (problem, next, edited) = EditCommentDecision.Decide(current, new CommentRequest("after"), membership, [kept, added], now);

        Assert.Multiple(() =>
        {
            Assert.That(problem, Is.Null);
            Assert.That(next.Version, Is.EqualTo(4));
            Assert.That(next.EditedAt, Is.EqualTo(now));
            Assert.That(edited!.Body.From, Is.EqualTo("before"));
            Assert.That(edited.Body.To, Is.EqualTo("after"));
            Assert.That(edited.NewMentions, Is.EqualTo(new[] { added }));
            Assert.That(edited.ProjectId, Is.EqualTo(membership.ProjectId));
        });
    }

    [Test]
    public void The_decision_refuses_other_users_and_ignores_no_change()
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Owner);
        var now = DateTime.UtcNow;

        var foreign = EditCommentDecision.Decide(Comment(Guid.NewGuid(), []), new CommentRequest("x"), membership, [], now);
        var same = EditCommentDecision.Decide(Comment(membership.UserId, []), new CommentRequest("before"), membership, [], now);

        Assert.Multiple(() =>
        {
            Assert.That(foreign.Problem?.Status, Is.EqualTo(StatusCodes.Status403Forbidden), "even an owner edits only their own words");
            Assert.That(same.Problem, Is.Null);
            Assert.That(same.Edited, Is.Null);
            Assert.That(same.Comment.Version, Is.EqualTo(3));
        });
    }
}
