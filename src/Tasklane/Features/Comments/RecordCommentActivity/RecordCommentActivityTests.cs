using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;

namespace Tasklane.Features.Comments.RecordCommentActivity;

public class RecordCommentActivityTests
{
    [Test]
    public async Task Records_a_comments_life_on_its_task_naming_the_comment_and_its_author_but_none_of_its_text()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var commentId = (await member.PostAsync($"tasks/{taskId}/comments", new { body = $"first @{owner.Email}" }))
            .GetProperty("id")
            .GetGuid();
        await member.PatchAsync($"comments/{commentId}", new { body = "second" });
        Assert.That((await owner.Http.DeleteAsync($"comments/{commentId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var entries = await FeedOnceAsync(owner, $"tasks/{taskId}/activity", "comment.added", "comment.edited", "comment.deleted");

        var (added, edited, deleted) = (
            Entry(entries, "comment.added"),
            Entry(entries, "comment.edited"),
            Entry(entries, "comment.deleted")
        );
        Assert.Multiple(() =>
        {
            foreach (var entry in new[] { added, edited, deleted })
            {
                Assert.That(IdOf(entry, "taskId"), Is.EqualTo(taskId), Kind(entry));
                Assert.That(IdOf(entry, "projectId"), Is.EqualTo(projectId), Kind(entry));
                Assert.That(Data(entry).GetProperty("commentId").GetGuid(), Is.EqualTo(commentId), Kind(entry));
            }

            Assert.That(DataNames(added), Is.EqualTo(new[] { "commentId" }));
            Assert.That(added.GetProperty("actorId").GetGuid(), Is.EqualTo(member.UserId));
            Assert.That(DataNames(edited), Is.EqualTo(new[] { "commentId", "version" }));
            Assert.That(Data(edited).GetProperty("version").GetInt32(), Is.EqualTo(2));
            Assert.That(DataNames(deleted), Is.EqualTo(new[] { "authorId", "commentId" }));
            Assert.That(deleted.GetProperty("actorId").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(Data(deleted).GetProperty("authorId").GetGuid(), Is.EqualTo(member.UserId));
        });
    }

    [Test]
    public async Task A_deleted_comments_text_leaves_every_feed_with_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var written = $"first draft {Guid.NewGuid():N}";
        var edited = $"second draft {Guid.NewGuid():N}";
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = written })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = edited });
        await FeedOnceAsync(owner, $"tasks/{taskId}/activity", "comment.edited");

        Assert.That((await owner.Http.DeleteAsync($"comments/{commentId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await FeedOnceAsync(owner, $"tasks/{taskId}/activity", "comment.deleted");

        foreach (var path in new[] { $"workspaces/{workspaceId}/activity", $"projects/{projectId}/activity", $"tasks/{taskId}/activity" })
        {
            var feed = await owner.GetAsync(path);
            Assert.That(Kinds(feed), Is.SupersetOf(new[] { "comment.added", "comment.edited", "comment.deleted" }), path);
            Assert.That(feed.GetRawText(), Does.Not.Contain(written).And.Not.Contain(edited), $"{path} keeps the deleted comment's text");
        }
    }
}
