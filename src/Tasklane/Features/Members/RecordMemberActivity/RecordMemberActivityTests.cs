using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;

namespace Tasklane.Features.Members.RecordMemberActivity;

public class RecordMemberActivityTests
{
    [Test]
    public async Task Records_who_was_invited_joined_changed_role_left_and_was_removed_on_the_workspace_feed()
    {
        var owner = await ApiClient.SignUpAsync();
        var alice = await ApiClient.SignUpAsync();
        var bob = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, alice);
        await owner.AddMemberAsync(workspaceId, bob, "admin");
        await owner.PatchAsync($"workspaces/{workspaceId}/members/{alice.UserId}", new { role = "viewer" });
        Assert.That(
            (await alice.Http.DeleteAsync($"workspaces/{workspaceId}/members/{alice.UserId}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent)
        );
        Assert.That(
            (await owner.Http.DeleteAsync($"workspaces/{workspaceId}/members/{bob.UserId}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        var entries = await ApiClient.EventuallyAsync(
            () => FeedOnceAsync(owner, $"workspaces/{workspaceId}/activity", "member.removed"),
            e => e.Count(i => Kind(i) == "member.removed") == 2
        );

        Assert.That(
            entries.Select(Kind),
            Is.EquivalentTo(
                new[]
                {
                    "member.invited",
                    "member.joined",
                    "member.invited",
                    "member.joined",
                    "member.role_changed",
                    "member.removed",
                    "member.removed",
                }
            )
        );
        var joined = entries.Where(e => Kind(e) == "member.joined").ToDictionary(e => Data(e).GetProperty("userId").GetGuid());
        var removed = entries.Where(e => Kind(e) == "member.removed").ToDictionary(e => Data(e).GetProperty("userId").GetGuid());
        var changed = Entry(entries, "member.role_changed");
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => IdOf(e, "projectId")), Is.All.Null, "about the workspace, not a project");
            Assert.That(entries.Select(e => IdOf(e, "taskId")), Is.All.Null);
            Assert.That(
                entries.Where(e => Kind(e) == "member.invited").Select(DataNames),
                Is.All.EqualTo(new[] { "expiresAt", "invitationId", "role" })
            );

            Assert.That(joined.Values.Select(DataNames), Is.All.EqualTo(new[] { "invitationId", "role", "userId" }));
            Assert.That(joined[alice.UserId].GetProperty("actorId").GetGuid(), Is.EqualTo(alice.UserId), "the invitee joins by accepting");
            Assert.That(Data(joined[bob.UserId]).GetProperty("role").GetString(), Is.EqualTo("admin"));

            Assert.That(DataNames(changed), Is.EqualTo(new[] { "changes", "userId" }));
            Assert.That(Data(changed).GetProperty("userId").GetGuid(), Is.EqualTo(alice.UserId));
            Assert.That(Data(changed).GetProperty("changes").GetProperty("role").GetProperty("from").GetString(), Is.EqualTo("member"));
            Assert.That(Data(changed).GetProperty("changes").GetProperty("role").GetProperty("to").GetString(), Is.EqualTo("viewer"));

            Assert.That(removed.Values.Select(DataNames), Is.All.EqualTo(new[] { "left", "role", "userId" }));
            Assert.That(removed[alice.UserId].GetProperty("actorId").GetGuid(), Is.EqualTo(alice.UserId));
            Assert.That(Data(removed[alice.UserId]).GetProperty("role").GetString(), Is.EqualTo("viewer"));
            Assert.That(Data(removed[alice.UserId]).GetProperty("left").GetBoolean(), Is.True, "alice left");
            Assert.That(removed[bob.UserId].GetProperty("actorId").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(Data(removed[bob.UserId]).GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(Data(removed[bob.UserId]).GetProperty("left").GetBoolean(), Is.False, "bob was removed");
        });
    }

    [Test]
    public async Task Viewers_read_no_invitee_email_in_the_feed_as_they_read_none_in_the_invitations()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await viewer.JoinWorkspaceAsync(workspaceId, "viewer");
        var invitee = $"invitee-{Guid.NewGuid():N}@example.com";
        var invitationId = (await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee, role = "admin" }))
            .GetProperty("invitationId")
            .GetGuid();
        Assert.That(
            (await owner.Http.DeleteAsync($"workspaces/{workspaceId}/invitations/{invitationId}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        var feed = await ApiClient.EventuallyAsync(
            () => viewer.GetAsync($"workspaces/{workspaceId}/activity"),
            f => Kinds(f).Contains("member.invitation_revoked")
        );

        await (await viewer.Http.GetAsync($"workspaces/{workspaceId}/invitations")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var entries = feed.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString()!.Contains("invit")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(
                entries.Select(i => i.GetProperty("kind").GetString()),
                Is.EqualTo(new[] { "member.invitation_revoked", "member.invited" })
            );
            Assert.That(entries.Select(i => i.GetProperty("data").GetProperty("invitationId").GetGuid()), Is.All.EqualTo(invitationId));
            Assert.That(entries.Select(i => i.GetProperty("data").GetProperty("role").GetString()), Is.All.EqualTo("admin"));
            Assert.That(feed.GetRawText(), Does.Not.Contain(invitee).IgnoreCase);
        });
    }
}
