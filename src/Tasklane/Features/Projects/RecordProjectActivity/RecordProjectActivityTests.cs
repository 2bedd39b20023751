using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;

namespace Tasklane.Features.Projects.RecordProjectActivity;

public class RecordProjectActivityTests
{
    [Test]
    public async Task Records_each_step_of_a_projects_life_with_its_version_and_before_and_after()
    {
        var client = await ApiClient.SignUpAsync();
        var workspaceId = await client.CreateWorkspaceAsync();
        var projectId = (
            await client.PostAsync($"workspaces/{workspaceId}/projects", new { name = "Website", description = "The new site" })
        )
            .GetProperty("id")
            .GetGuid();
        await client.PatchAsync($"projects/{projectId}", new { name = "Relaunch", description = "2027" });
        await client.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        await client.PostAsync($"projects/{projectId}/unarchive", null, HttpStatusCode.OK);
        Assert.That((await client.Http.DeleteAsync($"projects/{projectId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await client.PostAsync($"projects/{projectId}/restore", null, HttpStatusCode.OK);

        string[] kinds =
        [
            "project.created",
            "project.renamed",
            "project.description_changed",
            "project.archived",
            "project.unarchived",
            "project.deleted",
            "project.restored",
        ];
        var entries = await FeedOnceAsync(client, $"workspaces/{workspaceId}/activity", kinds);

        Assert.That(entries.Select(Kind), Is.EquivalentTo(kinds));
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => IdOf(e, "projectId")), Is.All.EqualTo(projectId));
            Assert.That(entries.Select(e => IdOf(e, "taskId")), Is.All.Null);
            Assert.That(entries.Select(e => e.GetProperty("actorId").GetGuid()), Is.All.EqualTo(client.UserId));

            Assert.That(DataNames(Entry(entries, "project.created")), Is.EqualTo(new[] { "name" }));
            Assert.That(Data(Entry(entries, "project.created")).GetProperty("name").GetString(), Is.EqualTo("Website"));
            // One PATCH, one version, an entry per changed field.
            AssertChange(Entry(entries, "project.renamed"), 2, "Website", "Relaunch");
            AssertChange(Entry(entries, "project.description_changed"), 2, "The new site", "2027");
            AssertChange(Entry(entries, "project.archived"), 3, "active", "archived");
            AssertChange(Entry(entries, "project.unarchived"), 4, "archived", "active");
            foreach (var (kind, version) in new[] { ("project.deleted", 5), ("project.restored", 6) })
            {
                Assert.That(DataNames(Entry(entries, kind)), Is.EqualTo(new[] { "version" }), kind);
                Assert.That(Data(Entry(entries, kind)).GetProperty("version").GetInt32(), Is.EqualTo(version), kind);
            }
        });
    }

    private static void AssertChange(System.Text.Json.JsonElement entry, int version, string from, string to)
    {
        var kind = Kind(entry);
        Assert.That(DataNames(entry), Is.EqualTo(new[] { "from", "to", "version" }), kind);
        Assert.That(Data(entry).GetProperty("version").GetInt32(), Is.EqualTo(version), kind);
        Assert.That(Data(entry).GetProperty("from").GetString(), Is.EqualTo(from), kind);
        Assert.That(Data(entry).GetProperty("to").GetString(), Is.EqualTo(to), kind);
    }
}
