using System.Net;
using Dapper;
using Npgsql;
using Tasklane.Features.Attachments;
using Tasklane.Features.Notifications;
using Tasklane.Features.Recurrences;
using Tasklane.Infrastructure.Database;
using Tasklane.Infrastructure.Retention;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Changes;

/// <summary>What the change-log tests share: a purge as retention does it, and a workspace where every public event happens.</summary>
public static class ChangeLogTestKit
{
    /// <summary>
    /// Retention's own purge statement with a cutoff in the future: the whole log goes, and every cursor so far must resync.
    /// Only for [NonParallelizable] tests: other tests' cursors would need a resync too.
    /// </summary>
    public static async Task PurgeEverythingSoFarAsync()
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        var sql = Sql.Load(typeof(RetentionPurge), "PurgeChanges.sql");
        while (await db.ExecuteAsync(sql, new { cutoff = DateTimeOffset.UtcNow.AddMinutes(1), batch = 10_000 }) > 0) { }
    }

    /// <summary>
    /// Makes every public event (the webhook catalogue) happen in a new workspace of <paramref name="owner"/>, with
    /// <paramref name="other"/> joining, being notified and removed. Returns the workspace.
    /// </summary>
    public static async Task<Guid> EveryEventAsync(ApiClient owner, ApiClient other)
    {
        var workspaceId = await owner.CreateWorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId);
        await owner.PatchAsync($"projects/{projectId}", new { name = "Renamed" });
        await owner.PatchAsync($"projects/{projectId}", new { description = "About" });
        await owner.PostAsync($"projects/{projectId}/archive", null, HttpStatusCode.OK);
        await owner.PostAsync($"projects/{projectId}/unarchive", null, HttpStatusCode.OK);

        var labelId = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#ff0000" }))
            .GetProperty("id")
            .GetGuid();
        await owner.PatchAsync($"labels/{labelId}", new { name = "Defect" });
        await Delete(owner, $"labels/{labelId}");

        var statusId = (
            await owner.PostAsync(
                $"projects/{projectId}/statuses",
                new
                {
                    name = "Review",
                    color = "#00ff00",
                    category = "in_progress",
                }
            )
        ).GetProperty("id").GetGuid();
        await owner.PatchAsync($"projects/{projectId}/statuses/{statusId}", new { name = "QA" });
        await Delete(owner, $"projects/{projectId}/statuses/{statusId}");

        var fieldId = (await owner.PostAsync($"workspaces/{workspaceId}/custom-fields", new { name = "Points", type = "number" }))
            .GetProperty("id")
            .GetGuid();
        await owner.PatchAsync($"workspaces/{workspaceId}/custom-fields/{fieldId}", new { name = "Estimate" });
        await Delete(owner, $"workspaces/{workspaceId}/custom-fields/{fieldId}");

        var revoked = await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = "nobody@example.com" });
        await Delete(owner, $"workspaces/{workspaceId}/invitations/{revoked.GetProperty("invitationId").GetGuid()}");
        await owner.AddMemberAsync(workspaceId, other);
        await owner.PatchAsync($"workspaces/{workspaceId}/members/{other.UserId}", new { role = "admin" });

        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await owner.PatchAsync($"tasks/{taskId}", new { assigneeIds = new[] { other.UserId } }); // notifies the assignee
        await owner.PostAsync($"tasks/{taskId}/move", new { status = "done" }, HttpStatusCode.OK);
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = "First" })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = "Second" });
        await Delete(owner, $"comments/{commentId}");
        await owner.PostAsync($"comments/{commentId}/restore", null, HttpStatusCode.OK);
        var attachmentId = await AttachmentTestKit.AttachAsync(owner, taskId, AttachmentTestKit.RandomBytes(100));
        await Delete(owner, $"attachments/{attachmentId}");
        await Delete(owner, $"tasks/{taskId}");
        await owner.PostAsync($"tasks/{taskId}/restore", null, HttpStatusCode.OK);
        var relatedId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var relationId = (await owner.PostAsync($"tasks/{taskId}/relations", new { type = "blocks", taskId = relatedId }))
            .GetProperty("id")
            .GetGuid();
        await Delete(owner, $"tasks/{taskId}/relations/{relationId}");
        var recurringId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await RecurrenceTestKit.SetAsync(owner, recurringId, RecurrenceTestKit.Daily());
        await owner.PostAsync($"tasks/{recurringId}/move", new { status = "done" }, HttpStatusCode.OK);
        await Delete(owner, $"tasks/{await RecurrenceTestKit.NextTaskAsync(owner, recurringId)}/recurrence");

        // The notification and its change are written by one transaction: once it shows, the change is logged.
        await NotificationTestKit.EventuallyOfKindAsync(other, "assignment", 1, taskId);
        await Delete(owner, $"workspaces/{workspaceId}/members/{other.UserId}");
        await Delete(owner, $"projects/{projectId}");
        await owner.PostAsync($"projects/{projectId}/restore", null, HttpStatusCode.OK);
        return workspaceId;
    }

    private static async Task Delete(ApiClient client, string path)
    {
        using var response = await client.Http.DeleteAsync(path);
        NUnit.Framework.Assert.That(response.StatusCode, NUnit.Framework.Is.EqualTo(HttpStatusCode.NoContent), $"DELETE {path}");
    }
}
