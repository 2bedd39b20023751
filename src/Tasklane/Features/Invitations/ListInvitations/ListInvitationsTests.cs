using System.Net;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Invitations.ListInvitations;

public class ListInvitationsTests
{
    [Test]
    public async Task Lists_only_pending_invitations_without_tokens()
    {
        var owner = await ApiClient.SignUpAsync();
        var joiner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var pending = await owner.PostAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = "pending@example.com", role = "viewer" }
        );
        var expired = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "late@example.com" });
        await owner.AddMemberAsync(workspaceId, joiner);
        await using (var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString))
        {
            await db.ExecuteAsync(
                "update invitations set expires_at = now() - interval '1 second' where id = @id",
                new { id = expired.GetProperty("invitationId").GetGuid() }
            );
        }

        var page = await owner.GetAsync($"workspaces/{workspaceId}/invitations");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(items[0].GetProperty("invitationId").GetGuid(), Is.EqualTo(pending.GetProperty("invitationId").GetGuid()));
            Assert.That(items[0].GetProperty("email").GetString(), Is.EqualTo("pending@example.com"));
            Assert.That(items[0].GetProperty("role").GetString(), Is.EqualTo("viewer"));
            Assert.That(items[0].GetProperty("invitedBy").GetGuid(), Is.EqualTo(owner.UserId));
            Assert.That(items[0].TryGetProperty("token", out _), Is.False);
            Assert.That(items[0].TryGetProperty("tokenHash", out _), Is.False);
        });
    }

    [Test]
    public async Task Members_without_ManageMembers_get_403()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        await (await member.Http.GetAsync($"workspaces/{workspaceId}/invitations")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Another_workspaces_user_gets_404_and_bad_paging_is_400()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/invitations")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync($"workspaces/{workspaceId}/invitations?limit=0")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "limit"
        );
    }
}
