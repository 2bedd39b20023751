using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Invitations.RenewInvitation;

public class RenewInvitationTests
{
    [Test]
    public async Task A_renewed_invitation_takes_the_new_token_and_not_the_old()
    {
        var owner = await ApiClient.SignUpAsync();
        var invitee = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var created = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee.Email, role = "admin" });
        var invitationId = created.GetProperty("invitationId").GetGuid();

        using var raw = await owner.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/invitations/{invitationId}/renew");
        Assert.That(raw.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var renewed = System.Text.Json.JsonDocument.Parse(await raw.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(raw.Headers.CacheControl?.NoStore, Is.True, "a secret is never cached");
            Assert.That(renewed.GetProperty("invitationId").GetGuid(), Is.EqualTo(invitationId));
            Assert.That(renewed.GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(renewed.GetProperty("email").GetString(), Is.EqualTo(invitee.Email));
            Assert.That(renewed.GetProperty("token").GetString(), Is.Not.EqualTo(created.GetProperty("token").GetString()));
            Assert.That(
                renewed.GetProperty("expiresAt").GetDateTime(),
                Is.GreaterThanOrEqualTo(created.GetProperty("expiresAt").GetDateTime())
            );
        });
        await (
            await invitee.SendRawAsync(HttpMethod.Post, $"invitations/{created.GetProperty("token").GetString()}/accept")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        var member = await invitee.PostAsync($"invitations/{renewed.GetProperty("token").GetString()}/accept", null, HttpStatusCode.OK);
        Assert.That(member.GetProperty("role").GetString(), Is.EqualTo("admin"));

        // Accepted: history, not renewable.
        await (await owner.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/invitations/{invitationId}/renew")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
    }

    [Test]
    public async Task An_expired_invitation_is_renewed_for_seven_days_from_now()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var invitationId = (await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "late@example.com" }))
            .GetProperty("invitationId")
            .GetGuid();
        await using (var db = new Npgsql.NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await Dapper.SqlMapper.ExecuteAsync(
                db,
                "update invitations set expires_at = now() - interval '1 day' where id = @invitationId",
                new { invitationId }
            );
        }

        var renewed = await owner.PostAsync($"workspaces/{workspaceId}/invitations/{invitationId}/renew", null, HttpStatusCode.OK);

        Assert.That(renewed.GetProperty("expiresAt").GetDateTime(), Is.EqualTo(DateTime.UtcNow.AddDays(7)).Within(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task Only_an_owner_renews_an_owners_invitation_a_member_gets_403_and_a_stranger_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");
        await owner.AddMemberAsync(workspaceId, member);
        var ownerInvitation = (
            await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "co@example.com", role = "owner" })
        )
            .GetProperty("invitationId")
            .GetGuid();
        var renew = $"workspaces/{workspaceId}/invitations/{ownerInvitation}/renew";

        await (await admin.SendRawAsync(HttpMethod.Post, renew)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await member.SendRawAsync(HttpMethod.Post, renew)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.SendRawAsync(HttpMethod.Post, renew)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (
            await admin.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/invitations/{Guid.CreateVersion7()}/renew")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await owner.PostAsync(renew, null, HttpStatusCode.OK);
    }
}
