using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Relations.ListRelations;

public class ListRelationsTests
{
    [Test]
    public async Task The_list_pages_oldest_first_and_shows_the_other_tasks_current_title_and_status()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var hub = (await owner.CreateTaskAsync(projectId, new { title = "Hub" })).GetProperty("id").GetGuid();
        var others = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var other = (await owner.CreateTaskAsync(projectId, new { title = $"Spoke {i}" })).GetProperty("id").GetGuid();
            await owner.PostAsync($"tasks/{hub}/relations", new { type = "relates_to", taskId = other });
            others.Add(other);
        }

        await owner.PatchAsync($"tasks/{others[0]}", new { title = "Renamed spoke", status = "done" });
        var first = await owner.GetAsync($"tasks/{hub}/relations?limit=2");
        var second = await owner.GetAsync($"tasks/{hub}/relations?limit=2&after={first.GetProperty("nextCursor").GetString()}");
        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(r => r.GetProperty("taskId").GetGuid()), Is.EqualTo(others));
            Assert.That(items[0].GetProperty("title").GetString(), Is.EqualTo("Renamed spoke"));
            Assert.That(items[0].GetProperty("status").GetString(), Is.EqualTo("done"));
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }
}
