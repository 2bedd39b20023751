using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Activity.ActivityTestKit;
using static Tasklane.Features.CustomFields.CustomFieldTestKit;

namespace Tasklane.Features.CustomFields.RecordCustomFieldActivity;

public class RecordCustomFieldActivityTests
{
    [Test]
    public async Task Records_a_fields_creation_changes_and_deletion_on_the_workspaces_feed()
    {
        var client = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await client.CreateProjectInNewWorkspaceAsync();
        var field = await CreateFieldAsync(client, workspaceId, "Estimate", "number");
        var task = (await client.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        (await SetValuesAsync(client, task, $$"""{"{{Id(field)}}":5}""")).EnsureSuccessStatusCode();
        await client.PatchAsync($"workspaces/{workspaceId}/custom-fields/{Id(field)}", new { name = "Points" });
        Assert.That(
            (await client.Http.DeleteAsync($"workspaces/{workspaceId}/custom-fields/{Id(field)}")).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent)
        );

        var entries = (
            await FeedOnceAsync(
                client,
                $"workspaces/{workspaceId}/activity",
                "custom_field.created",
                "custom_field.updated",
                "custom_field.deleted"
            )
        )
            .Where(e => Kind(e).StartsWith("custom_field.", StringComparison.Ordinal))
            .ToList();

        var (created, updated, deleted) = (
            Entry(entries, "custom_field.created"),
            Entry(entries, "custom_field.updated"),
            Entry(entries, "custom_field.deleted")
        );
        Assert.Multiple(() =>
        {
            Assert.That(DataNames(created), Is.EqualTo(new[] { "fieldId", "name", "options", "type" }));
            Assert.That(Data(updated).GetProperty("changes").GetProperty("name").GetProperty("to").GetString(), Is.EqualTo("Points"));
            Assert.That(Data(deleted).GetProperty("taskCount").GetInt32(), Is.EqualTo(1));
            Assert.That(Data(deleted).GetProperty("fieldId").GetGuid(), Is.EqualTo(Id(field)));
        });
    }
}
