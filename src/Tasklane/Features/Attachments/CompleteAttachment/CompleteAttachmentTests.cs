using System.Net;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Attachments.AttachmentTestKit;

namespace Tasklane.Features.Attachments.CompleteAttachment;

public class CompleteAttachmentTests
{
    [Test]
    public async Task Completes_once_the_object_has_the_declared_size_and_records_the_activity_once()
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);
        var bytes = RandomBytes(4096);
        var upload = await StartAsync(client, taskId, bytes.Length, "notes.txt", "text/plain");
        var id = upload.GetProperty("attachmentId").GetGuid();

        var early = await client.Http.PostAsync($"attachments/{id}/complete", null);
        await PutAsync(upload, bytes);
        var completed = await client.PostAsync($"attachments/{id}/complete", null, HttpStatusCode.OK);
        var again = await client.PostAsync($"attachments/{id}/complete", null, HttpStatusCode.OK);

        var problem = await early.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("not been uploaded"));
            Assert.That(completed.GetProperty("status").GetString(), Is.EqualTo("ready"));
            Assert.That(completed.GetProperty("size").GetInt64(), Is.EqualTo(4096));
            Assert.That(completed.GetProperty("completedAt").GetDateTime(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(
                again.GetProperty("completedAt").GetDateTime(),
                Is.EqualTo(completed.GetProperty("completedAt").GetDateTime()),
                "completing again changes nothing"
            );
        });
        Assert.That(await ListedAsync(client, taskId), Is.EqualTo(new[] { id }));

        var feed = await ApiClient.EventuallyAsync(
            () => client.GetAsync($"tasks/{taskId}/activity"),
            f => f.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "attachment.added")
        );
        await Task.Delay(500); // a second entry, if one were published, would arrive as quickly as the first
        feed = await client.GetAsync($"tasks/{taskId}/activity");
        var added = feed.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "attachment.added").ToList();
        Assert.That(added, Has.Count.EqualTo(1));
        Assert.That(added[0].GetProperty("data").GetProperty("fileName").GetString(), Is.EqualTo("notes.txt"));
    }

    /// <summary>
    /// The backstop for stores that do not check the signed Content-Length (s3rver): a larger file must not slip past
    /// the size cap and the quota, which counted the declared size.
    /// </summary>
    [TestCase(999)]
    [TestCase(1001)]
    public async Task A_wrong_size_is_409_and_the_attachment_stays_pending_until_the_right_file_is_uploaded(int uploaded)
    {
        var client = await ApiClient.SignUpAsync();
        var (_, _, taskId) = await TaskAsync(client);
        var upload = await StartAsync(client, taskId, 1000);
        var id = upload.GetProperty("attachmentId").GetGuid();

        await PutAsync(upload, RandomBytes(uploaded));
        var wrong = await client.Http.PostAsync($"attachments/{id}/complete", null);
        var listedAfterWrong = await ListedAsync(client, taskId);
        await PutAsync(upload, RandomBytes(1000));
        var right = await client.PostAsync($"attachments/{id}/complete", null, HttpStatusCode.OK);

        var problem = await wrong.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain($"{uploaded} bytes").And.Contain("1000"));
            Assert.That(listedAfterWrong, Is.Empty);
            Assert.That(right.GetProperty("status").GetString(), Is.EqualTo("ready"));
        });
    }

    [Test]
    public async Task A_viewer_gets_403_and_another_workspaces_user_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _, taskId) = await TaskAsync(owner);
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var upload = await StartAsync(owner, taskId, 10);
        await PutAsync(upload, RandomBytes(10));
        var id = upload.GetProperty("attachmentId").GetGuid();

        await (await viewer.Http.PostAsync($"attachments/{id}/complete", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.Http.PostAsync($"attachments/{id}/complete", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await ListedAsync(owner, taskId), Is.Empty, "still pending");
    }

    [Test]
    public void The_decision_announces_only_the_first_completion()
    {
        var membership = new Membership(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), WorkspaceRole.Member);
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var pending = new AttachmentResponse(
            Guid.NewGuid(),
            membership.WorkspaceId,
            membership.ProjectId!.Value,
            Guid.NewGuid(),
            "a.pdf",
            "application/pdf",
            10,
            "pending",
            membership.UserId,
            now,
            null
        );

        var (missing, _, _) = CompleteAttachmentDecision.Decide(pending, null, membership, now);
        var (differs, _, _) = CompleteAttachmentDecision.Decide(pending, 11, membership, now);
        var (ok, completed, added) = CompleteAttachmentDecision.Decide(pending, 10, membership, now);
        var (_, repeated, addedAgain) = CompleteAttachmentDecision.Decide(completed!, 10, membership, now.AddMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(missing?.Status, Is.EqualTo(StatusCodes.Status409Conflict));
            Assert.That(differs?.Status, Is.EqualTo(StatusCodes.Status409Conflict));
            Assert.That(ok, Is.Null);
            Assert.That(completed!.Status, Is.EqualTo("ready"));
            Assert.That(added!.AttachmentId, Is.EqualTo(pending.Id));
            Assert.That(repeated, Is.EqualTo(completed));
            Assert.That(addedAgain, Is.Null);
        });
    }
}
