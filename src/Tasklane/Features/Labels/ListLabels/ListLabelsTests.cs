using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Labels.ListLabels;

public class ListLabelsTests
{
    [Test]
    public async Task Pages_through_the_workspaces_labels_only()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var other = await client.CreateWorkspaceAsync("Other");
        await client.PostAsync($"workspaces/{other}/labels", new { name = "elsewhere", color = "#000000" });
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(
                (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = $"L{i}", color = "#123456" }))
                    .GetProperty("id")
                    .GetGuid()
            );
        }

        var first = await client.GetAsync($"workspaces/{workspaceId}/labels?limit=2");
        var second = await client.GetAsync($"workspaces/{workspaceId}/labels?limit=2&after={first.GetProperty("nextCursor").GetString()}");

        var seen = first
            .GetProperty("items")
            .EnumerateArray()
            .Concat(second.GetProperty("items").EnumerateArray())
            .Select(l => l.GetProperty("id").GetGuid());
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(created));
            Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Another_users_workspace_is_not_found_and_a_bad_limit_is_400()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();

        await (await stranger.Http.GetAsync($"workspaces/{workspaceId}/labels")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Http.GetAsync($"workspaces/{workspaceId}/labels?limit=0")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "limit"
        );
    }
}
