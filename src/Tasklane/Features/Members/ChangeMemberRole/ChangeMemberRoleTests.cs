using System.Net;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Members.ChangeMemberRole;

public class ChangeMemberRoleTests
{
    private static async Task<string?> RoleOfAsync(ApiClient reader, Guid workspaceId, Guid userId) =>
        (await reader.GetAsync($"workspaces/{workspaceId}/members?limit=200"))
            .GetProperty("items")
            .EnumerateArray()
            .Where(m => m.GetProperty("userId").GetGuid() == userId)
            .Select(m => m.GetProperty("role").GetString())
            .SingleOrDefault();

    [Test]
    public async Task An_admin_changes_a_members_role_which_applies_at_once()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");
        await owner.AddMemberAsync(workspaceId, member);

        var changed = await admin.PatchAsync($"workspaces/{workspaceId}/members/{member.UserId}", new { role = "viewer" });

        Assert.Multiple(() =>
        {
            Assert.That(changed.GetProperty("userId").GetGuid(), Is.EqualTo(member.UserId));
            Assert.That(changed.GetProperty("role").GetString(), Is.EqualTo("viewer"));
            Assert.That(changed.GetProperty("email").GetString(), Is.EqualTo(member.Email));
        });
        Assert.That(await RoleOfAsync(owner, workspaceId, member.UserId), Is.EqualTo("viewer"));
        // The new role applies at once: a viewer may not create tasks.
        var projectId = await owner.CreateProjectAsync(workspaceId);
        await (await member.Http.PostAsJsonAsync($"projects/{projectId}/tasks", new { title = "x" })).AssertProblemAsync(
            HttpStatusCode.Forbidden
        );
    }

    [Test]
    public async Task Only_an_owner_grants_owner_or_changes_an_owner()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");
        await owner.AddMemberAsync(workspaceId, member);

        await (
            await admin.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{member.UserId}", """{"role":"owner"}""")
        ).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (
            await admin.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{owner.UserId}", """{"role":"viewer"}""")
        ).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await RoleOfAsync(owner, workspaceId, member.UserId), Is.EqualTo("member"));
        Assert.That(await RoleOfAsync(owner, workspaceId, owner.UserId), Is.EqualTo("owner"));

        await owner.PatchAsync($"workspaces/{workspaceId}/members/{member.UserId}", new { role = "owner" });
        Assert.That(await RoleOfAsync(owner, workspaceId, member.UserId), Is.EqualTo("owner"));
    }

    [Test]
    public async Task A_member_or_viewer_may_not_change_roles()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        await (
            await member.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{member.UserId}", """{"role":"admin"}""")
        ).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(await RoleOfAsync(owner, workspaceId, member.UserId), Is.EqualTo("member"));
    }

    [Test]
    public async Task The_last_owner_cannot_be_demoted_but_one_of_two_can()
    {
        var owner = await ApiClient.SignUpAsync();
        var second = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (
            await owner.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{owner.UserId}", """{"role":"admin"}""")
        ).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(await RoleOfAsync(owner, workspaceId, owner.UserId), Is.EqualTo("owner"));

        await owner.AddMemberAsync(workspaceId, second, "owner");
        await owner.PatchAsync($"workspaces/{workspaceId}/members/{owner.UserId}", new { role = "admin" });
        Assert.That(await RoleOfAsync(second, workspaceId, owner.UserId), Is.EqualTo("admin"));
    }

    [Test]
    public async Task Two_owners_stepping_down_at_once_leave_one_owner()
    {
        for (var round = 0; round < 5; round++)
        {
            var ann = await ApiClient.SignUpAsync();
            var bob = await ApiClient.SignUpAsync();
            var workspaceId = await ann.CreateWorkspaceAsync();
            await ann.AddMemberAsync(workspaceId, bob, "owner");

            var responses = await Task.WhenAll(
                ann.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{ann.UserId}", """{"role":"admin"}"""),
                bob.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{bob.UserId}", """{"role":"admin"}""")
            );

            Assert.That(
                responses.Select(r => r.StatusCode),
                Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }),
                $"round {round}"
            );
            var roles = new[] { await RoleOfAsync(ann, workspaceId, ann.UserId), await RoleOfAsync(ann, workspaceId, bob.UserId) };
            Assert.That(roles.Count(r => r == "owner"), Is.EqualTo(1), $"round {round}");
        }
    }

    [TestCase("""{"role":"boss"}""", "role")]
    [TestCase("""{"role":null}""", "role")]
    [TestCase("""{}""", "role")]
    [TestCase("""{"role":7}""", "role")]
    [TestCase("""null""", "body")]
    public async Task Invalid_bodies_are_400(string body, string field)
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        var response = await owner.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{member.UserId}", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }

    /// <summary>An unknown role lists the roles (spelled in lower case, as the API spells them); none is required.</summary>
    [TestCase("""{"role":"boss"}""", "Must be one of: owner, admin, member, viewer.")]
    [TestCase("""{"role":"Admin"}""", "Must be one of: owner, admin, member, viewer.")]
    [TestCase("""{"role":null}""", "Required.")]
    [TestCase("""{}""", "Required.")]
    [TestCase("""{"role":3}""", "Has the wrong type or format.")]
    public async Task An_unknown_or_missing_role_says_which_are_known(string body, string message)
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);

        var response = await owner.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{member.UserId}", body);

        Assert.That((await response.AssertProblemAsync(HttpStatusCode.BadRequest, "role")).ErrorsOf("role"), Is.EqualTo(new[] { message }));
    }

    [Test]
    public async Task Another_workspaces_user_and_a_non_member_are_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (
            await stranger.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{owner.UserId}", """{"role":"viewer"}""")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        await (
            await owner.SendRawAsync(HttpMethod.Patch, $"workspaces/{workspaceId}/members/{stranger.UserId}", """{"role":"viewer"}""")
        ).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await RoleOfAsync(owner, workspaceId, owner.UserId), Is.EqualTo("owner"));
    }

    [Test]
    public void The_decision_guards_owners_and_announces_only_real_changes()
    {
        var workspaceId = Guid.NewGuid();
        var targetId = Guid.NewGuid();
        var now = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        Roster With(string callerRole, string? targetRole, int owners) =>
            new(
                workspaceId,
                new Membership(workspaceId, null, Guid.NewGuid(), WorkspaceRoles.Parse(callerRole)),
                targetId,
                targetRole is null ? null : WorkspaceRoles.Parse(targetRole),
                owners
            );

        var (lastOwner, _) = ChangeMemberRoleDecision.Decide(With("owner", "owner", 1), WorkspaceRole.Admin, now);
        var (adminOnOwner, _) = ChangeMemberRoleDecision.Decide(With("admin", "owner", 2), WorkspaceRole.Admin, now);
        var (adminGrantsOwner, _) = ChangeMemberRoleDecision.Decide(With("admin", "member", 1), WorkspaceRole.Owner, now);
        var (missing, _) = ChangeMemberRoleDecision.Decide(With("owner", null, 1), WorkspaceRole.Admin, now);
        var (unchangedProblem, unchanged) = ChangeMemberRoleDecision.Decide(With("owner", "owner", 1), WorkspaceRole.Owner, now);
        var (okProblem, changed) = ChangeMemberRoleDecision.Decide(With("admin", "member", 1), WorkspaceRole.Viewer, now);

        Assert.Multiple(() =>
        {
            Assert.That(lastOwner?.Status, Is.EqualTo(409));
            Assert.That(adminOnOwner?.Status, Is.EqualTo(403));
            Assert.That(adminGrantsOwner?.Status, Is.EqualTo(403));
            Assert.That(missing?.Status, Is.EqualTo(404));
            Assert.That(unchangedProblem, Is.Null);
            Assert.That(unchanged, Is.Null, "no event when the role stays");
            Assert.That(okProblem, Is.Null);
            Assert.That(changed!.WorkspaceId, Is.EqualTo(workspaceId));
            Assert.That(changed.UserId, Is.EqualTo(targetId));
            Assert.That((changed.From, changed.To), Is.EqualTo((WorkspaceRole.Member, WorkspaceRole.Viewer)));
            Assert.That(changed.OccurredAt, Is.EqualTo(now));
        });
    }
}
