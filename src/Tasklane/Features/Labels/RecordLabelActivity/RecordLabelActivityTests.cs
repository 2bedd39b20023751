using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;

namespace Tasklane.Features.Labels.RecordLabelActivity;

public class RecordLabelActivityTests
{
    [Test]
    public async Task Records_a_labels_creation_changes_and_deletion_on_the_workspace_feed()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var labelId = (await client.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();
        await client.CreateTaskAsync(projectId, new { title = "Labelled", labelIds = new[] { labelId } });
        await client.PatchAsync($"labels/{labelId}", new { name = "Defect", color = "#00FF00" });
        Assert.That((await client.Http.DeleteAsync($"labels/{labelId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var entries = (await FeedOnceAsync(client, $"workspaces/{workspaceId}/activity", "label.created", "label.updated", "label.deleted"))
            .Where(e => Kind(e).StartsWith("label.", StringComparison.Ordinal))
            .ToList();

        Assert.That(entries.Select(Kind), Is.EquivalentTo(new[] { "label.created", "label.updated", "label.deleted" }));
        var (created, updated, deleted) = (
            Entry(entries, "label.created"),
            Entry(entries, "label.updated"),
            Entry(entries, "label.deleted")
        );
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => IdOf(e, "projectId")), Is.All.Null, "labels belong to the workspace");
            Assert.That(entries.Select(e => IdOf(e, "taskId")), Is.All.Null);
            Assert.That(entries.Select(e => Data(e).GetProperty("labelId").GetGuid()), Is.All.EqualTo(labelId));

            Assert.That(DataNames(created), Is.EqualTo(new[] { "color", "labelId", "name" }));
            Assert.That(Data(created).GetProperty("name").GetString(), Is.EqualTo("Bug"));
            Assert.That(Data(created).GetProperty("color").GetString(), Is.EqualTo("#ff0000"));

            Assert.That(DataNames(updated), Is.EqualTo(new[] { "changes", "labelId", "version" }));
            Assert.That(Data(updated).GetProperty("version").GetInt32(), Is.EqualTo(2));
            var changes = Data(updated).GetProperty("changes");
            Assert.That(changes.GetProperty("name").GetProperty("from").GetString(), Is.EqualTo("Bug"));
            Assert.That(changes.GetProperty("name").GetProperty("to").GetString(), Is.EqualTo("Defect"));
            Assert.That(changes.GetProperty("color").GetProperty("from").GetString(), Is.EqualTo("#ff0000"));
            Assert.That(changes.GetProperty("color").GetProperty("to").GetString(), Is.EqualTo("#00ff00"));

            Assert.That(DataNames(deleted), Is.EqualTo(new[] { "labelId", "name", "taskCount" }));
            Assert.That(Data(deleted).GetProperty("name").GetString(), Is.EqualTo("Defect"));
            Assert.That(Data(deleted).GetProperty("taskCount").GetInt32(), Is.EqualTo(1), "the tasks it was taken off");
        });
    }
}
