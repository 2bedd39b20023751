using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;
using NUnit.Framework;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Invitations.CreateInvitation;

public class CreateInvitationTests
{
    [Test]
    public async Task The_invited_address_gets_a_mail_whose_link_accepts_the_invitation()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync("Mail Room");
        var invitee = $"invitee-{Guid.NewGuid():N}@example.com";
        await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee, role = "admin" });

        var mail = await MailTestKit.WaitForMailAsync(invitee);
        var link = MailTestKit.LinkIn(mail, "/invitations/accept#token=");
        var token = MailTestKit.TokenIn(mail, "/invitations/accept");
        await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/register",
            new
            {
                email = invitee,
                password = "correct horse",
                displayName = "Invitee",
            },
            HttpStatusCode.Accepted
        );
        var login = await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/login",
            new { email = invitee, password = "correct horse" },
            HttpStatusCode.OK
        );
        var member = await ApiClient.Send(
            ApiClient.WithBearer(login.GetProperty("token").GetString()!),
            HttpMethod.Post,
            $"invitations/{token}/accept",
            null,
            HttpStatusCode.OK
        );

        Assert.Multiple(() =>
        {
            Assert.That(link, Does.StartWith("http://tasklane.test/invitations/accept#token="));
            Assert.That(mail.GetProperty("subject").GetString(), Does.Contain("Mail Room"));
            Assert.That(mail.GetProperty("html").GetString(), Does.Contain("Mail Room"));
            Assert.That(member.GetProperty("role").GetString(), Is.EqualTo("admin"));
        });
    }

    [Test]
    public async Task Returns_a_token_once_stores_only_its_hash_and_expires_in_7_days()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var invitation = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = " New@Example.com " });

        var token = invitation.GetProperty("token").GetString()!;
        Assert.Multiple(() =>
        {
            Assert.That(invitation.GetProperty("invitationId").GetGuid().Version, Is.EqualTo(7));
            Assert.That(invitation.GetProperty("email").GetString(), Is.EqualTo("New@Example.com"));
            Assert.That(invitation.GetProperty("role").GetString(), Is.EqualTo("member"), "the default role");
            Assert.That(
                invitation.GetProperty("expiresAt").GetDateTime(),
                Is.EqualTo(DateTime.UtcNow.AddDays(7)).Within(TimeSpan.FromMinutes(1))
            );
            Assert.That(token, Does.Match("^[A-Za-z0-9_-]{43}$"), "256 random bits, base64url");
        });
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var stored = await db.QuerySingleAsync<string>(
            "select token_hash from invitations where id = @id",
            new { id = invitation.GetProperty("invitationId").GetGuid() }
        );
        Assert.That(stored, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))));
    }

    [Test]
    public async Task Only_an_owner_invites_an_owner()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");

        var byAdmin = await admin.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = "boss@example.com", role = "owner" }
        );
        await byAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);

        var adminInvitesAdmin = await admin.PostAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = "second@example.com", role = "admin" }
        );
        var ownerInvitesOwner = await owner.PostAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = "boss@example.com", role = "owner" }
        );
        Assert.That(adminInvitesAdmin.GetProperty("role").GetString(), Is.EqualTo("admin"));
        Assert.That(ownerInvitesOwner.GetProperty("role").GetString(), Is.EqualTo("owner"));
    }

    [Test]
    public async Task A_member_may_not_invite()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        var response = await member.Http.PostAsJsonAsync($"workspaces/{workspaceId}/invitations", new { email = "friend@example.com" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Inviting_a_member_again_is_a_conflict()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        var response = await owner.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = member.Email.ToUpperInvariant() }
        );

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [TestCase("""{"role":"member"}""", "email")]
    [TestCase("""{"email":"not-an-email"}""", "email")]
    [TestCase("""{"email":"a@example.com","role":"boss"}""", "role")]
    [TestCase("""{"email":42}""", "email")]
    [TestCase("""null""", "body")]
    public async Task Invalid_bodies_are_400(string body, string field)
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await owner.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/invitations", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>An unknown role lists the roles, beside the body's other errors.</summary>
    [TestCase("""{"email":"nope","role":"boss"}""", "Must be one of: owner, admin, member, viewer.")]
    [TestCase("""{"email":"nope","role":"Member"}""", "Must be one of: owner, admin, member, viewer.")]
    [TestCase("""{"email":"nope","role":""}""", "Must be one of: owner, admin, member, viewer.")]
    public async Task An_unknown_role_lists_the_roles(string body, string message)
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var problem = await (await owner.SendRawAsync(HttpMethod.Post, $"workspaces/{workspaceId}/invitations", body)).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "role",
            "email"
        );

        Assert.That(problem.ErrorsOf("role"), Is.EqualTo(new[] { message }));
    }

    [Test]
    public async Task An_email_over_254_characters_is_400()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await owner.Http.PostAsJsonAsync(
            $"workspaces/{workspaceId}/invitations",
            new { email = new string('a', 250) + "@example.com" }
        );

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "email");
    }

    [Test]
    public async Task Another_workspaces_user_gets_404_and_nothing_is_stored()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        var response = await stranger.Http.PostAsJsonAsync($"workspaces/{workspaceId}/invitations", new { email = stranger.Email });

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        Assert.That(
            await db.ExecuteScalarAsync<long>("select count(*) from invitations where workspace_id = @workspaceId", new { workspaceId }),
            Is.Zero
        );
    }

    [Test]
    public void The_decision_defaults_the_role_and_announces_the_invitation()
    {
        var membership = new Membership(Guid.NewGuid(), null, Guid.NewGuid(), WorkspaceRole.Admin);
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var (invitation, invited) = CreateInvitationDecision.Decide(
            new CreateInvitationRequest(" a@b.io ", null),
            membership,
            "secret",
            now
        );

        Assert.Multiple(() =>
        {
            Assert.That(invitation.Email, Is.EqualTo("a@b.io"));
            Assert.That(invitation.Role, Is.EqualTo(WorkspaceRole.Member));
            Assert.That(invitation.ExpiresAt, Is.EqualTo(now.AddDays(7)));
            Assert.That(invited.InvitationId, Is.EqualTo(invitation.InvitationId));
            Assert.That(invited.ActorId, Is.EqualTo(membership.UserId));
            Assert.That(
                CreateInvitationDecision.Validate(new CreateInvitationRequest("a@b.io", WorkspaceRole.Owner), membership).Status,
                Is.EqualTo(403)
            );
        });
    }
}
