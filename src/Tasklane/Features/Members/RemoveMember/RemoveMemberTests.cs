using System.Net;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Members.RemoveMember;

public class RemoveMemberTests
{
    private static async Task<List<Guid>> MemberIdsAsync(ApiClient reader, Guid workspaceId) =>
        (await reader.GetAsync($"workspaces/{workspaceId}/members?limit=200"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(m => m.GetProperty("userId").GetGuid())
            .ToList();

    [Test]
    public async Task An_admin_removes_a_member_who_then_loses_access()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");
        await owner.AddMemberAsync(workspaceId, member);

        var response = await admin.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{member.UserId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await MemberIdsAsync(owner, workspaceId), Is.EquivalentTo(new[] { owner.UserId, admin.UserId }));
        await (await member.Http.GetAsync($"workspaces/{workspaceId}/projects")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_viewer_may_leave_but_not_remove_others()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");

        await (await viewer.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{owner.UserId}")).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        var left = await viewer.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{viewer.UserId}");

        Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await MemberIdsAsync(owner, workspaceId), Is.EquivalentTo(new[] { owner.UserId }));
    }

    [Test]
    public async Task Removing_an_owner_needs_an_owner()
    {
        var owner = await ApiClient.SignUpAsync();
        var coOwner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, coOwner, "owner");
        await owner.AddMemberAsync(workspaceId, admin, "admin");

        await (await admin.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{coOwner.UserId}")).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        Assert.That(await MemberIdsAsync(owner, workspaceId), Does.Contain(coOwner.UserId));

        var removed = await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{coOwner.UserId}");
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task The_last_owner_cannot_leave()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");

        await (await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{owner.UserId}")).AssertProblemAsync(
            HttpStatusCode.Conflict
        );

        Assert.That(await MemberIdsAsync(owner, workspaceId), Does.Contain(owner.UserId));
    }

    [Test]
    public async Task Two_owners_leaving_at_once_leave_one_owner()
    {
        for (var round = 0; round < 5; round++)
        {
            var ann = await ApiClient.SignUpAsync();
            var bob = await ApiClient.SignUpAsync();
            var workspaceId = await ann.CreateWorkspaceAsync();
            await ann.AddMemberAsync(workspaceId, bob, "owner");

            var responses = await Task.WhenAll(
                ann.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{ann.UserId}"),
                bob.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{bob.UserId}")
            );

            Assert.That(
                responses.Select(r => r.StatusCode),
                Is.EquivalentTo(new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict }),
                $"round {round}"
            );
            var stayed = responses[0].StatusCode == HttpStatusCode.Conflict ? ann : bob;
            Assert.That(await MemberIdsAsync(stayed, workspaceId), Is.EquivalentTo(new[] { stayed.UserId }), $"round {round}");
        }
    }

    [Test]
    public async Task Another_workspaces_user_and_a_non_member_are_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        await (await stranger.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{member.UserId}")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await stranger.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{stranger.UserId}")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/{stranger.UserId}")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/members/not-a-uuid")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "userId"
        );

        Assert.That(await MemberIdsAsync(owner, workspaceId), Is.EquivalentTo(new[] { owner.UserId, member.UserId }));
    }

    [Test]
    public void The_decision_lets_anyone_leave_except_the_last_owner()
    {
        var workspaceId = Guid.NewGuid();
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var me = Guid.NewGuid();
        Roster Make(string callerRole, Guid targetId, string? targetRole, int owners) =>
            new(
                workspaceId,
                new Membership(workspaceId, null, me, WorkspaceRoles.Parse(callerRole)),
                targetId,
                targetRole is null ? null : WorkspaceRoles.Parse(targetRole),
                owners
            );

        var (viewerLeaves, left) = RemoveMemberDecision.Decide(Make("viewer", me, "viewer", 1), now);
        var (lastOwnerLeaves, _) = RemoveMemberDecision.Decide(Make("owner", me, "owner", 1), now);
        var (adminRemovesOwner, _) = RemoveMemberDecision.Decide(Make("admin", Guid.NewGuid(), "owner", 2), now);
        var (memberRemovesViewer, _) = RemoveMemberDecision.Decide(Make("member", Guid.NewGuid(), "viewer", 1), now);
        var (noSuchMember, _) = RemoveMemberDecision.Decide(Make("owner", Guid.NewGuid(), null, 1), now);

        Assert.Multiple(() =>
        {
            Assert.That(viewerLeaves, Is.Null);
            Assert.That(left!.Left, Is.True);
            Assert.That(left.UserId, Is.EqualTo(me));
            Assert.That(lastOwnerLeaves?.Status, Is.EqualTo(409));
            Assert.That(adminRemovesOwner?.Status, Is.EqualTo(403));
            Assert.That(memberRemovesViewer?.Status, Is.EqualTo(403));
            Assert.That(noSuchMember?.Status, Is.EqualTo(404));
        });
    }
}
