using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Workspaces.ListWorkspaces;

public class ListWorkspacesTests
{
    [Test]
    public async Task Lists_only_the_callers_workspaces_a_page_at_a_time()
    {
        var ann = await ApiClient.SignUpAsync();
        var bob = await ApiClient.SignUpAsync();
        var annIds = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            annIds.Add(await ann.CreateWorkspaceAsync($"Ann {i}"));
        }

        await bob.CreateWorkspaceAsync("Bob's");

        var first = await ann.GetAsync("workspaces?limit=2");
        var second = await ann.GetAsync($"workspaces?limit=2&after={first.GetProperty("nextCursor").GetString()}");

        var seen = first
            .GetProperty("items")
            .EnumerateArray()
            .Concat(second.GetProperty("items").EnumerateArray())
            .Select(w => w.GetProperty("id").GetGuid())
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EquivalentTo(annIds).And.Unique);
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }
}
