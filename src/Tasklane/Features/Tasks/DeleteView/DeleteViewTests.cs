using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Tasks.SavedViewTestKit;

namespace Tasklane.Features.Tasks.DeleteView;

public class DeleteViewTests
{
    [Test]
    public async Task The_owner_deletes_a_view_a_member_may_not_and_the_tasks_stay()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        await owner.CreateTaskAsync(projectId, new { title = "Kept" });
        var viewId = await ViewAsync(owner, projectId, "Team", shared: true);

        using var byMember = await member.SendRawAsync(HttpMethod.Delete, $"views/{viewId}");
        using var byOwner = await owner.SendRawAsync(HttpMethod.Delete, $"views/{viewId}");
        using var again = await owner.SendRawAsync(HttpMethod.Get, $"views/{viewId}");

        await byMember.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.That(byOwner.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await TitlesAsync(owner, $"projects/{projectId}/tasks"), Is.EqualTo(new[] { "Kept" }));
    }
}
