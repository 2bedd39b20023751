using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Auth.TwoFactorTestKit;

namespace Tasklane.Features.Workspaces.UpdateWorkspace;

public class UpdateWorkspaceTests
{
    [Test]
    public async Task Members_without_two_factor_get_403_on_both_hosts_until_they_enable_it()
    {
        var owner = await ApiClient.SignUpAsync();
        await EnableAsync(owner);
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var onB = member.Via(TestEnvironment.HostB.CreateClient());
        // Both hosts cache the member's access facts first: the requirement must reach those caches.
        await member.GetAsync($"projects/{projectId}/tasks");
        await onB.GetAsync($"projects/{projectId}/tasks");
        await member.GetAsync($"workspaces/{workspaceId}/members");

        var updated = await owner.PatchAsync($"workspaces/{workspaceId}", new { requireTwoFactor = true });
        using var projectOnA = await member.Http.GetAsync($"projects/{projectId}/tasks");
        using var projectOnB = await onB.Http.GetAsync($"projects/{projectId}/tasks");
        using var workspaceOnB = await onB.Http.GetAsync($"workspaces/{workspaceId}/members");
        var ownerReads = await owner.GetAsync($"projects/{projectId}/tasks");

        await EnableAsync(member);
        using var afterOnA = await member.Http.GetAsync($"projects/{projectId}/tasks");
        using var afterOnB = await onB.Http.GetAsync($"workspaces/{workspaceId}/members");

        Assert.That(updated.GetProperty("requireTwoFactor").GetBoolean(), Is.True);
        var problem = await projectOnA.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(
            problem.GetProperty("detail").GetString(),
            Does.Contain("requires two-factor authentication").And.Contain("/me/two-factor")
        );
        await projectOnB.AssertProblemAsync(HttpStatusCode.Forbidden);
        await workspaceOnB.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(ownerReads.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(afterOnA.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterOnB.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Turning_the_requirement_off_lets_members_back_in()
    {
        var owner = await ApiClient.SignUpAsync();
        await EnableAsync(owner);
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        await owner.PatchAsync($"workspaces/{workspaceId}", new { requireTwoFactor = true });
        using var refused = await member.Http.GetAsync($"projects/{projectId}");

        var updated = await owner.PatchAsync($"workspaces/{workspaceId}", new { requireTwoFactor = false });
        using var allowed = await member.Http.GetAsync($"projects/{projectId}");
        var listed = await owner.GetAsync("workspaces");

        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Multiple(() =>
        {
            Assert.That(updated.GetProperty("requireTwoFactor").GetBoolean(), Is.False);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(
                listed
                    .GetProperty("items")
                    .EnumerateArray()
                    .Single(w => w.GetProperty("id").GetGuid() == workspaceId)
                    .GetProperty("requireTwoFactor")
                    .GetBoolean(),
                Is.False
            );
        });
    }

    [TestCase("admin")]
    [TestCase("member")]
    public async Task Only_an_owner_may_require_two_factor(string role)
    {
        var owner = await ApiClient.SignUpAsync();
        var other = await ApiClient.SignUpAsync();
        await EnableAsync(other);
        var workspaceId = await owner.CreateWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, other, role);

        using var response = await other.Http.PatchAsJsonAsync($"workspaces/{workspaceId}", new { requireTwoFactor = true });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var listed = await owner.GetAsync("workspaces");
        Assert.That(
            listed
                .GetProperty("items")
                .EnumerateArray()
                .Single(w => w.GetProperty("id").GetGuid() == workspaceId)
                .GetProperty("requireTwoFactor")
                .GetBoolean(),
            Is.False
        );
    }

    [Test]
    public async Task An_owner_without_two_factor_cannot_require_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        using var response = await owner.Http.PatchAsJsonAsync($"workspaces/{workspaceId}", new { requireTwoFactor = true });
        using var member = await owner.Http.GetAsync($"workspaces/{workspaceId}/members");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("two-factor"));
        Assert.That(member.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the requirement was not set");
    }

    [Test]
    public async Task An_unknown_field_is_400_and_a_stranger_gets_404()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        using var unknown = await owner.Http.PatchAsJsonAsync($"workspaces/{workspaceId}", new { requireTwoFactors = true });
        using var foreign = await stranger.Http.PatchAsJsonAsync($"workspaces/{workspaceId}", new { requireTwoFactor = false });

        await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "requireTwoFactors");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
