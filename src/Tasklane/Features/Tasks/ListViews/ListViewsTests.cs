using NUnit.Framework;
using static Tasklane.Features.Tasks.SavedViewTestKit;

namespace Tasklane.Features.Tasks.ListViews;

public class ListViewsTests
{
    [Test]
    public async Task Each_member_lists_the_shared_views_and_their_own_a_page_at_a_time()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        await ViewAsync(owner, projectId, "Owner's own");
        await ViewAsync(member, projectId, "Shared by member", shared: true);
        await ViewAsync(member, projectId, "Member's own");

        var first = await owner.GetAsync($"projects/{projectId}/views?limit=1");
        var second = await owner.GetAsync($"projects/{projectId}/views?limit=1&after={first.GetProperty("nextCursor").GetString()}");
        var names = (await member.GetAsync($"projects/{projectId}/views"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(v => v.GetProperty("name").GetString())
            .ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Owner's own"));
            Assert.That(second.GetProperty("items")[0].GetProperty("name").GetString(), Is.EqualTo("Shared by member"));
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(names, Is.EqualTo(new[] { "Shared by member", "Member's own" }));
        });
    }
}
