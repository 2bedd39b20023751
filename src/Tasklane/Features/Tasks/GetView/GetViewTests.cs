using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Tasks.SavedViewTestKit;

namespace Tasklane.Features.Tasks.GetView;

public class GetViewTests
{
    [Test]
    public async Task A_shared_view_is_read_by_members_and_anothers_own_view_is_404_like_a_strangers()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var stranger = await ApiClient.SignUpAsync();
        var shared = await ViewAsync(owner, projectId, "Shared", "sort=dueAt", shared: true);
        var own = await ViewAsync(owner, projectId, "Own");

        using var read = await member.SendRawAsync(HttpMethod.Get, $"views/{shared}");
        using var otherOwn = await member.SendRawAsync(HttpMethod.Get, $"views/{own}");
        using var foreign = await stranger.SendRawAsync(HttpMethod.Get, $"views/{shared}");
        using var otherOwnTasks = await member.SendRawAsync(HttpMethod.Get, $"views/{own}/tasks");

        Assert.Multiple(() =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
        });
        await otherOwn.AssertProblemAsync(HttpStatusCode.NotFound);
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        await otherOwnTasks.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
