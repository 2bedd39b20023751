using System.Net;
using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Changes.ListChanges;

public class ListChangesTests
{
    [Test]
    public async Task Pages_through_the_workspaces_changes_oldest_first_with_no_gap_and_a_cursor_to_come_back_with()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await owner.CreateTaskAsync(projectId)).GetProperty("id").GetString()!);
        }

        // A change shows once every transaction older than it has ended: in a busy database, a moment after its commit.
        await ApiClient.EventuallyAsync(() => owner.GetAsync($"workspaces/{workspaceId}/changes"), p => Items(p).Count == 6);
        var first = await owner.GetAsync($"workspaces/{workspaceId}/changes?limit=3");
        var second = await owner.GetAsync($"workspaces/{workspaceId}/changes?limit=3&after={first.GetProperty("cursor").GetString()}");
        var empty = await owner.GetAsync($"workspaces/{workspaceId}/changes?after={second.GetProperty("cursor").GetString()}");
        var types = Items(first).Concat(Items(second)).Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(
                types,
                Is.EqualTo(new[] { "project.created", "task.created", "task.created", "task.created", "task.created", "task.created" })
            );
            Assert.That(
                Items(first).Concat(Items(second)).Skip(1).Select(c => c.GetProperty("data").GetProperty("taskId").GetString()),
                Is.EqualTo(created)
            );
            Assert.That(first.GetProperty("hasMore").GetBoolean(), Is.True);
            Assert.That(second.GetProperty("hasMore").GetBoolean(), Is.False);
            Assert.That(Items(empty), Is.Empty);
        });

        // The last cursor is where the next change will be found.
        var later = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetString();
        var next = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/changes?after={empty.GetProperty("cursor").GetString()}"),
            p => Items(p).Count > 0
        );
        Assert.That(Items(next).Select(c => c.GetProperty("data").GetProperty("taskId").GetString()), Is.EqualTo(new[] { later }));
    }

    [Test]
    public async Task A_member_sees_only_what_their_role_and_identity_allow()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        await owner.InviteAsync(workspaceId, $"invitee-{Guid.NewGuid():N}@example.com");
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        await owner.PatchAsync($"tasks/{taskId}", new { assigneeIds = new[] { owner.UserId, viewer.UserId } }); // notifies both
        await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/changes?limit=200"),
            page => Items(page).Count(c => c.GetProperty("type").GetString() == "notification.created") == 1
        );

        var ownerSees = Items(await owner.GetAsync($"workspaces/{workspaceId}/changes?limit=200"));
        var viewerSees = Items(await viewer.GetAsync($"workspaces/{workspaceId}/changes?limit=200"));
        Assert.Multiple(() =>
        {
            Assert.That(ownerSees.Select(Type), Does.Contain("member.invited"));
            Assert.That(viewerSees.Select(Type), Does.Not.Contain("member.invited"), "invitations name addresses only admins may see");
            Assert.That(
                viewerSees.Where(c => Type(c) == "notification.created").Select(c => c.GetProperty("data").GetProperty("userId").GetGuid()),
                Is.EqualTo(new[] { viewer.UserId }),
                "each sees their own notification only"
            );
            Assert.That(viewerSees.Select(Type), Does.Contain("task.updated"));
        });
    }

    [Test]
    public async Task A_deleted_comments_text_leaves_the_log_with_it()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetGuid();
        var (written, edited) = ($"first {Guid.NewGuid():N}", $"second {Guid.NewGuid():N}");
        var commentId = (await owner.PostAsync($"tasks/{taskId}/comments", new { body = written })).GetProperty("id").GetGuid();
        await owner.PatchAsync($"comments/{commentId}", new { body = edited });
        var before = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/changes"),
            p => Items(p).Any(c => Type(c) == "comment.edited")
        );
        Assert.That(before.GetRawText(), Does.Contain(written).And.Contain(edited));

        Assert.That((await owner.Http.DeleteAsync($"comments/{commentId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var page = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/changes"),
            p => Items(p).Any(c => Type(c) == "comment.deleted")
        );
        Assert.That(Items(page).Select(Type), Is.SupersetOf(new[] { "comment.added", "comment.edited", "comment.deleted" }));
        Assert.That(page.GetRawText(), Does.Not.Contain(written).And.Not.Contain(edited));
    }

    [Test]
    public async Task Strangers_and_bad_input_get_clear_answers()
    {
        var owner = await ApiClient.SignUpAsync();
        var stranger = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();

        await (await stranger.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/changes")).AssertProblemAsync(
            HttpStatusCode.NotFound
        );
        await (await owner.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/changes?after=nope")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "after"
        );
        await (await owner.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/changes?limit=0")).AssertProblemAsync(
            HttpStatusCode.BadRequest,
            "limit"
        );
        // A cursor from another database (a restored backup): positions far beyond any this one has handed out.
        var future = Infrastructure.Http.Cursor.Encode(new Guid("7fffffff-ffff-ffff-0000-000000000001"));
        await (await owner.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/changes?after={future}")).AssertProblemAsync(
            HttpStatusCode.Gone
        );
    }

    internal static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    private static string? Type(JsonElement change) => change.GetProperty("type").GetString();
}

/// <summary>Runs alone: it purges the whole change log, which would make other tests' cursors resync.</summary>
[NonParallelizable]
public class ListChangesResyncTests
{
    [Test]
    public async Task A_cursor_older_than_what_the_log_keeps_answers_410_with_a_cursor_to_go_on_from()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var cursor = (await owner.GetAsync($"workspaces/{workspaceId}/changes")).GetProperty("cursor").GetString();
        await owner.CreateTaskAsync(projectId);
        await ChangeLogTestKit.PurgeEverythingSoFarAsync();

        var gone = await (await owner.SendRawAsync(HttpMethod.Get, $"workspaces/{workspaceId}/changes?after={cursor}")).AssertProblemAsync(
            HttpStatusCode.Gone
        );
        var taskId = (await owner.CreateTaskAsync(projectId)).GetProperty("id").GetString();
        var next = await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"workspaces/{workspaceId}/changes?after={gone.GetProperty("cursor").GetString()}"),
            p => ListChangesTests.Items(p).Count > 0
        );
        Assert.That(
            ListChangesTests.Items(next).Select(c => c.GetProperty("data").GetProperty("taskId").GetString()),
            Is.EqualTo(new[] { taskId })
        );
    }
}
