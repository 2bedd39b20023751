using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Tasks.SavedViewTestKit;

namespace Tasklane.Features.Tasks.ReplaceView;

public class ReplaceViewTests
{
    [Test]
    public async Task The_owner_replaces_a_view_with_if_match_and_a_stale_one_is_412()
    {
        var (owner, _, _, projectId) = await TeamAsync();
        await owner.CreateTaskAsync(projectId, new { title = "Done one", status = "done" });
        await owner.CreateTaskAsync(projectId, new { title = "Open one" });
        var viewId = await ViewAsync(owner, projectId, "Open", "status=todo");

        using var replaced = await owner.SendRawAsync(
            HttpMethod.Put,
            $"views/{viewId}",
            Json(new { name = "Finished", query = "status=done" }),
            r => r.Headers.IfMatch.ParseAdd("\"1\"")
        );
        using var stale = await owner.SendRawAsync(
            HttpMethod.Put,
            $"views/{viewId}",
            Json(new { name = "Lost" }),
            r => r.Headers.IfMatch.ParseAdd("\"1\"")
        );

        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(replaced.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var view = await owner.GetAsync($"views/{viewId}");
        Assert.Multiple(async () =>
        {
            Assert.That(view.GetProperty("name").GetString(), Is.EqualTo("Finished"));
            Assert.That(view.GetProperty("layout").GetString(), Is.EqualTo("list"));
            Assert.That(await TitlesAsync(owner, $"views/{viewId}/tasks"), Is.EqualTo(new[] { "Done one" }));
        });
    }

    [Test]
    public async Task Only_the_owner_or_an_admin_changes_a_shared_view()
    {
        var (owner, member, workspaceId, projectId) = await TeamAsync();
        var admin = await ApiClient.SignUpAsync();
        await admin.JoinWorkspaceAsync(workspaceId, "admin");
        var viewId = await ViewAsync(owner, projectId, "Team", shared: true);

        using var byMember = await member.SendRawAsync(HttpMethod.Put, $"views/{viewId}", Json(new { name = "Mine now", shared = true }));
        using var byAdmin = await admin.SendRawAsync(HttpMethod.Put, $"views/{viewId}", Json(new { name = "Tidied", shared = true }));

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(byAdmin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await owner.GetAsync($"views/{viewId}")).GetProperty("name").GetString(), Is.EqualTo("Tidied"));
    }
}
