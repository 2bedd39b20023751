using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Tasks.SavedViewTestKit;

namespace Tasklane.Features.Tasks.RunView;

public class RunViewTests
{
    [Test]
    public async Task A_view_runs_a_keyset_page_at_a_time_with_the_runs_limit()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        for (var i = 1; i <= 5; i++)
        {
            await owner.CreateTaskAsync(projectId, new { title = $"Open {i}" });
        }

        await owner.CreateTaskAsync(projectId, new { title = "Closed", status = "done" });
        var viewId = await ViewAsync(owner, projectId, "Open newest first", "status=todo&order=desc", shared: true);

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await member.GetAsync(
                $"views/{viewId}/tasks?limit=2" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}")
            );
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()!));
            after = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (after is not null);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { "Open 5", "Open 4", "Open 3", "Open 2", "Open 1" }));
            Assert.That(pages, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_cursor_of_another_sort_or_a_bad_limit_is_400_and_a_deleted_projects_view_404()
    {
        var (owner, _, _, projectId) = await TeamAsync();
        for (var i = 1; i <= 3; i++)
        {
            await owner.CreateTaskAsync(projectId, new { title = $"Task {i}" });
        }

        var byDue = await ViewAsync(owner, projectId, "By due date", "sort=dueAt");
        var cursor = (await owner.GetAsync($"projects/{projectId}/tasks?limit=1")).GetProperty("nextCursor").GetString()!;

        using var wrongSort = await owner.SendRawAsync(HttpMethod.Get, $"views/{byDue}/tasks?after={Uri.EscapeDataString(cursor)}");
        using var badLimit = await owner.SendRawAsync(HttpMethod.Get, $"views/{byDue}/tasks?limit=0");
        (await owner.SendRawAsync(HttpMethod.Delete, $"projects/{projectId}")).EnsureSuccessStatusCode();
        using var gone = await owner.SendRawAsync(HttpMethod.Get, $"views/{byDue}/tasks");

        await wrongSort.AssertProblemAsync(HttpStatusCode.BadRequest, "after");
        await badLimit.AssertProblemAsync(HttpStatusCode.BadRequest, "limit");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
