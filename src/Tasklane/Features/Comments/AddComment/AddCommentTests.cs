using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Comments.AddComment;

public class AddCommentTests
{
    [Test]
    public async Task Adds_a_comment_with_location_etag_and_the_members_it_mentions()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var outsider = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var body = $"**Look** @{member.Email.ToUpperInvariant()} and @{outsider.Email} and @nobody@example.com";

        var response = await owner.Http.PostAsJsonAsync($"tasks/{taskId}/comments", new { body });
        var comment = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var listed = (await owner.GetAsync($"tasks/{taskId}/comments")).GetProperty("items")[0];

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/comments/{comment.GetProperty("id").GetGuid()}"));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(comment.GetProperty("body").GetString(), Is.EqualTo(body));
            Assert.That(comment.GetProperty("taskId").GetGuid(), Is.EqualTo(taskId));
            Assert.That(comment.GetProperty("authorId").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(comment.GetProperty("authorDisplayName").GetString(), Is.EqualTo("Test User"));
            Assert.That(comment.GetProperty("editedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(
                comment.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()),
                Is.EqualTo(new[] { member.UserId }),
                "only members are recorded"
            );
            Assert.That(
                listed.GetProperty("mentions").EnumerateArray().Select(m => m.GetGuid()),
                Is.EqualTo(new[] { member.UserId }),
                "and they are stored"
            );
        });
    }

    [Test]
    public async Task A_body_of_20000_characters_is_accepted_and_one_more_is_not()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        await client.PostAsync($"tasks/{taskId}/comments", new { body = new string('x', 20_000) });
        var response = await client.Http.PostAsJsonAsync($"tasks/{taskId}/comments", new { body = new string('x', 20_001) });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [TestCase("{}", "body")]
    [TestCase("{\"body\":\"\"}", "body")]
    [TestCase("{\"body\":\"  \\n \"}", "body")]
    [TestCase("{\"body\":42}", "body")]
    [TestCase("null", "body")]
    public async Task Invalid_bodies_are_400(string json, string field)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var taskId = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await client.SendRawAsync(HttpMethod.Post, $"tasks/{taskId}/comments", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
        var comments = await client.GetAsync($"tasks/{taskId}/comments");
        Assert.That(comments.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_viewer_may_not_comment()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await viewer.Http.PostAsJsonAsync($"tasks/{taskId}/comments", new { body = "hi" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();

        var response = await stranger.Http.PostAsJsonAsync($"tasks/{taskId}/comments", new { body = "sneaky" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var comments = await owner.GetAsync($"tasks/{taskId}/comments");
        Assert.That(comments.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void The_decision_keeps_the_markdown_and_announces_the_comment_with_its_mentions()
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Member);
        var taskId = Guid.NewGuid();
        var mentioned = new[] { Guid.NewGuid() };
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var (comment, added) = AddCommentDecision.Decide(taskId, new CommentRequest("  *hi*\n"), membership, mentioned, now);

        Assert.Multiple(() =>
        {
            Assert.That(comment.Body, Is.EqualTo("  *hi*\n"));
            Assert.That(comment.Version, Is.EqualTo(1));
            Assert.That(comment.AuthorId, Is.EqualTo(membership.UserId));
            Assert.That(added.CommentId, Is.EqualTo(comment.Id));
            Assert.That(added.ProjectId, Is.EqualTo(membership.ProjectId));
            Assert.That(added.TaskId, Is.EqualTo(taskId));
            Assert.That(added.Mentions, Is.EqualTo(mentioned));
            Assert.That(added.EventId, Is.Not.EqualTo(comment.Id));
        });
    }
}
