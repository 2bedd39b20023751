using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.NotifyCommenters;

public class NotifyCommentersTests
{
    [Test]
    public async Task A_mention_notifies_the_mentioned_member_once_and_followers_get_a_comment_notification()
    {
        var (owner, member, workspaceId, projectId) = await TeamAsync();
        var bystander = await ApiClient.SignUpAsync();
        await owner.AddMemberAsync(workspaceId, bystander);
        // The owner created the task (a follower); the member is assigned (a follower) and is also mentioned.
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Launch", assigneeIds = new[] { member.UserId } }))
            .GetProperty("id")
            .GetGuid();

        await bystander.PostAsync($"tasks/{taskId}/comments", new { body = $"Ping @{member.Email}, and @{bystander.Email} myself" });
        var mentions = await EventuallyOfKindAsync(member, "mention", 1, taskId);
        var comments = await EventuallyOfKindAsync(owner, "comment", 1, taskId);
        await SettleAsync(owner, bystander, projectId);

        Assert.Multiple(async () =>
        {
            Assert.That(mentions, Has.Length.EqualTo(1));
            Assert.That(mentions[0].GetProperty("title").GetString(), Is.EqualTo("You were mentioned on Launch"));
            Assert.That(mentions[0].GetProperty("excerpt").GetString(), Does.StartWith("Ping @"));
            Assert.That(mentions[0].GetProperty("actorId").GetGuid(), Is.EqualTo(bystander.UserId));
            Assert.That(await OfKindAsync(member, "comment", taskId), Is.Empty, "the mention is enough");
            Assert.That(comments, Has.Length.EqualTo(1));
            Assert.That(comments[0].GetProperty("title").GetString(), Is.EqualTo("New comment on Launch"));
            Assert.That(await OfKindAsync(bystander, "mention", taskId), Is.Empty, "no notification about one's own comment");
            Assert.That((await NotificationsAsync(bystander)).Where(n => n.GetProperty("taskId").GetGuid() == taskId), Is.Empty);
        });
    }

    [Test]
    public async Task Commenters_follow_unfollowing_silences_comments_and_an_edit_notifies_only_new_mentions()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Plan" })).GetProperty("id").GetGuid();
        await FollowAsync(owner, taskId, follow: false);

        // The member comments, so follows; the owner (creator) has unfollowed.
        await member.PostAsync($"tasks/{taskId}/comments", new { body = "first" });
        var reply = await owner.PostAsync($"tasks/{taskId}/comments", new { body = "reply" });
        var received = await EventuallyOfKindAsync(member, "comment", 1, taskId);
        await owner.PatchAsync($"comments/{reply.GetProperty("id").GetGuid()}", new { body = $"reply, cc @{member.Email}" });
        var mentioned = await EventuallyOfKindAsync(member, "mention", 1, taskId);
        await member.PostAsync($"tasks/{taskId}/comments", new { body = "thanks" });
        await SettleAsync(member, owner, projectId);

        Assert.Multiple(async () =>
        {
            Assert.That(received, Has.Length.EqualTo(1), "a commenter follows the task");
            Assert.That(mentioned, Has.Length.EqualTo(1), "the edit that added the mention");
            Assert.That(await OfKindAsync(owner, "comment", taskId), Is.Empty, "the creator unfollowed");
        });
    }

    [Test]
    public void A_mentioned_follower_gets_the_mention_only()
    {
        Guid a = Guid.CreateVersion7(),
            b = Guid.CreateVersion7(),
            c = Guid.CreateVersion7();

        var (mentioned, commented) = NotifyCommentersHandler.Recipients([a, b], [b, c]);

        Assert.Multiple(() =>
        {
            Assert.That(mentioned, Is.EqualTo(new[] { a, b }));
            Assert.That(commented, Is.EqualTo(new[] { c }));
        });
    }
}
