using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;
using static Tasklane.Features.Statuses.StatusTestKit;

namespace Tasklane.Features.Statuses.RecordStatusActivity;

public class RecordStatusActivityTests
{
    [Test]
    public async Task Records_a_statuses_creation_changes_and_deletion_on_the_projects_feed()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var review = await CreateStatusAsync(client, projectId, "Review", wipLimit: 4);
        var done = await StatusIdAsync(client, projectId, "Done");
        await client.CreateTaskAsync(projectId, new { title = "Reviewed", statusId = review });
        await client.PatchAsync($"projects/{projectId}/statuses/{review}", new { name = "QA" });
        Assert.That(
            await DeleteAsync(client, $"projects/{projectId}/statuses/{review}?moveTo={done}"),
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        var entries = (
            await FeedOnceAsync(client, $"workspaces/{workspaceId}/activity", "status.created", "status.updated", "status.deleted")
        )
            .Where(e => Kind(e).StartsWith("status.", StringComparison.Ordinal))
            .ToList();

        var (created, updated, deleted) = (
            Entry(entries, "status.created"),
            Entry(entries, "status.updated"),
            Entry(entries, "status.deleted")
        );
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => IdOf(e, "projectId")), Is.All.EqualTo(projectId));
            Assert.That(DataNames(created), Is.EqualTo(new[] { "category", "color", "name", "statusId", "wipLimit" }));
            Assert.That(Data(updated).GetProperty("changes").GetProperty("name").GetProperty("to").GetString(), Is.EqualTo("QA"));
            Assert.That(Data(deleted).GetProperty("movedTo").GetGuid(), Is.EqualTo(done));
            Assert.That(Data(deleted).GetProperty("taskCount").GetInt32(), Is.EqualTo(1));
        });
    }
}
