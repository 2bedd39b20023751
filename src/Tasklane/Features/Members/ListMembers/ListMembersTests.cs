using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Members.ListMembers;

public class ListMembersTests
{
    [Test]
    public async Task Lists_members_with_roles_and_profiles_a_page_at_a_time()
    {
        var owner = await ApiClient.SignUpAsync();
        var admin = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, admin, "admin");
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");

        // A viewer may read the member list.
        var first = await viewer.GetAsync($"workspaces/{workspaceId}/members?limit=2");
        var second = await viewer.GetAsync($"workspaces/{workspaceId}/members?limit=2&after={first.GetProperty("nextCursor").GetString()}");

        var members = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(
                members.ToDictionary(m => m.GetProperty("userId").GetGuid(), m => m.GetProperty("role").GetString()),
                Is.EquivalentTo(
                    new Dictionary<Guid, string?>
                    {
                        [owner.UserId] = "owner",
                        [admin.UserId] = "admin",
                        [viewer.UserId] = "viewer",
                    }
                )
            );
            var me = members.Single(m => m.GetProperty("userId").GetGuid() == viewer.UserId);
            Assert.That(me.GetProperty("email").GetString(), Is.EqualTo(viewer.Email));
            Assert.That(me.GetProperty("displayName").GetString(), Is.EqualTo("Test User"));
            Assert.That(me.GetProperty("joinedAt").GetDateTime(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
        });
    }

    [Test]
    public async Task Another_workspaces_user_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/members")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=201", "limit")]
    [TestCase("after=nope", "after")]
    public async Task Bad_paging_is_400(string query, string field)
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (await owner.Http.GetAsync($"workspaces/{workspaceId}/members?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest, field);
    }
}
