using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Invitations.RevokeInvitation;

public class RevokeInvitationTests
{
    [Test]
    public async Task A_revoked_invitation_can_no_longer_be_accepted()
    {
        var owner = await ApiClient.SignUpAsync();
        var invitee = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var invitation = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee.Email });
        var invitationId = invitation.GetProperty("invitationId").GetGuid();

        var revoked = await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/invitations/{invitationId}");

        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (
            await invitee.SendRawAsync(HttpMethod.Post, $"invitations/{invitation.GetProperty("token").GetString()}/accept")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/invitations/{invitationId}")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        var pending = await owner.GetAsync($"workspaces/{workspaceId}/invitations");
        Assert.That(pending.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_member_gets_403_and_another_workspaces_user_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var invitationId = (await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "x@example.com" }))
            .GetProperty("invitationId")
            .GetGuid();

        await (await member.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/invitations/{invitationId}")).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
        await (await stranger.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/invitations/{invitationId}")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );

        var pending = await owner.GetAsync($"workspaces/{workspaceId}/invitations");
        Assert.That(pending.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "still pending");
    }

    [Test]
    public async Task Another_workspaces_invitation_is_404_even_for_its_admin()
    {
        var owner = await ApiClient.SignUpAsync();
        var otherOwner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var otherWorkspaceId = await otherOwner.CreateWorkspaceAsync();
        var invitationId = (await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "x@example.com" }))
            .GetProperty("invitationId")
            .GetGuid();

        // The other owner manages their own workspace but names this invitation through it.
        await (
            await otherOwner.SendRawAsync(HttpMethod.Delete, $"workspaces/{otherWorkspaceId}/invitations/{invitationId}")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.SendRawAsync(HttpMethod.Delete, $"workspaces/{workspaceId}/invitations/nope")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "invitationId"
        );
    }
}
