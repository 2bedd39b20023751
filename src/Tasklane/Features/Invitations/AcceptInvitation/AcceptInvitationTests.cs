using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Invitations.AcceptInvitation;

public class AcceptInvitationTests
{
    [Test]
    public async Task The_invitee_joins_with_the_invited_role_once()
    {
        var owner = await ApiClient.SignUpAsync();
        var invitee = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        // Emails match whatever their case.
        var token = await owner.InviteAsync(workspaceId, invitee.Email.ToUpperInvariant(), "admin");

        var member = await invitee.PostAsync($"invitations/{token}/accept", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(member.GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
            Assert.That(member.GetProperty("userId").GetGuid(), Is.EqualTo(invitee.UserId));
            Assert.That(member.GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(member.GetProperty("email").GetString(), Is.EqualTo(invitee.Email));
        });
        // An admin now: may create projects in the workspace.
        await invitee.CreateProjectAsync(workspaceId);
        await (await invitee.SendRawAsync(HttpMethod.Post, $"invitations/{token}/accept")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Someone_else_holding_the_token_gets_403_and_does_not_join()
    {
        var owner = await ApiClient.SignUpAsync();
        var other = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var token = await owner.InviteAsync(workspaceId, "someone-else@example.com");

        await (await other.SendRawAsync(HttpMethod.Post, $"invitations/{token}/accept")).AssertProblemAsync(HttpStatusCode.Forbidden);

        await (await other.Http.GetAsync($"workspaces/{workspaceId}/members")).AssertProblemAsync(HttpStatusCode.NotFound);
        var pending = await owner.GetAsync($"workspaces/{workspaceId}/invitations");
        Assert.That(pending.GetProperty("items").GetArrayLength(), Is.EqualTo(1), "still pending");
    }

    [Test]
    public async Task Expired_and_unknown_tokens_are_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var invitee = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var invitation = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee.Email });
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "update invitations set expires_at = now() - interval '1 second' where id = @id",
                new { id = invitation.GetProperty("invitationId").GetGuid() }
            );
        }

        await (
            await invitee.SendRawAsync(HttpMethod.Post, $"invitations/{invitation.GetProperty("token").GetString()}/accept")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await invitee.SendRawAsync(HttpMethod.Post, "invitations/not-a-token/accept")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await invitee.Http.GetAsync($"workspaces/{workspaceId}/members")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_member_accepting_another_invitation_gets_409()
    {
        var owner = await ApiClient.SignUpAsync();
        var invitee = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var first = await owner.InviteAsync(workspaceId, invitee.Email, "viewer");
        var second = await owner.InviteAsync(workspaceId, invitee.Email, "admin");
        await invitee.PostAsync($"invitations/{first}/accept", null, HttpStatusCode.OK);

        await (await invitee.SendRawAsync(HttpMethod.Post, $"invitations/{second}/accept")).AssertProblemAsync(HttpStatusCode.Conflict);

        var members = await owner.GetAsync($"workspaces/{workspaceId}/members");
        var role = members
            .GetProperty("items")
            .EnumerateArray()
            .Single(m => m.GetProperty("userId").GetGuid() == invitee.UserId)
            .GetProperty("role")
            .GetString();
        Assert.That(role, Is.EqualTo("viewer"), "the second invitation changed nothing");
    }

    [Test]
    public void The_decision_hides_used_and_expired_invitations_and_checks_the_email()
    {
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var userId = Guid.NewGuid();
        var pending = new PendingInvitation(
            Guid.NewGuid(),
            Guid.NewGuid(),
            "ANN@EXAMPLE.COM",
            WorkspaceRole.Member,
            now.AddDays(1),
            null,
            "ANN@EXAMPLE.COM"
        );

        var (ok, joined) = AcceptInvitationDecision.Decide(pending, userId, now);

        Assert.Multiple(() =>
        {
            Assert.That(ok, Is.Null);
            Assert.That(joined!.UserId, Is.EqualTo(userId));
            Assert.That(joined.InvitationId, Is.EqualTo(pending.Id));
            Assert.That(joined.Role, Is.EqualTo(WorkspaceRole.Member));
            Assert.That(AcceptInvitationDecision.Decide(null, userId, now).Problem?.Status, Is.EqualTo(404));
            Assert.That(AcceptInvitationDecision.Decide(pending with { AcceptedAt = now }, userId, now).Problem?.Status, Is.EqualTo(404));
            Assert.That(AcceptInvitationDecision.Decide(pending with { ExpiresAt = now }, userId, now).Problem?.Status, Is.EqualTo(404));
            Assert.That(
                AcceptInvitationDecision.Decide(pending with { CallerEmailNormalized = "BOB@EXAMPLE.COM" }, userId, now).Problem?.Status,
                Is.EqualTo(403)
            );
        });
    }
}
