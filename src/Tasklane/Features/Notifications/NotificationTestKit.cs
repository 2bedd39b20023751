using System.Text.Json;
using NUnit.Framework;
using Tasklane.Features.Mail;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;

namespace Tasklane.Features.Notifications;

/// <summary>Helpers for the notification tests.</summary>
public static class NotificationTestKit
{
    /// <summary>An owner and a member of a new workspace with one project.</summary>
    public static async Task<(ApiClient Owner, ApiClient Member, Guid WorkspaceId, Guid ProjectId)> TeamAsync()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        return (owner, member, workspaceId, projectId);
    }

    public static async Task<JsonElement[]> NotificationsAsync(ApiClient user, string query = "") =>
        [.. (await user.GetAsync($"me/notifications{query}")).GetProperty("items").EnumerateArray()];

    public static async Task<JsonElement[]> OfKindAsync(ApiClient user, string kind, Guid? taskId = null) =>
        [
            .. (await NotificationsAsync(user)).Where(n =>
                n.GetProperty("kind").GetString() == kind && (taskId is null || n.GetProperty("taskId").GetGuid() == taskId)
            ),
        ];

    /// <summary>
    /// Waits until the worker has produced <paramref name="count"/> notifications of <paramref name="kind"/> (or times out).
    /// </summary>
    public static Task<JsonElement[]> EventuallyOfKindAsync(
        ApiClient user,
        string kind,
        int count,
        Guid? taskId = null,
        TimeSpan? timeout = null
    ) => ApiClient.EventuallyAsync(() => OfKindAsync(user, kind, taskId), items => items.Length >= count, timeout);

    /// <summary>
    /// Lets the worker catch up with everything published before: a marker notification (an assignment of
    /// <paramref name="user"/>, made by <paramref name="actor"/>) published after them has arrived.
    /// </summary>
    public static async Task SettleAsync(ApiClient actor, ApiClient user, Guid projectId)
    {
        var marker = (await actor.CreateTaskAsync(projectId, new { title = "Marker", assigneeIds = new[] { user.UserId } }))
            .GetProperty("id")
            .GetGuid();
        var arrived = await EventuallyOfKindAsync(user, "assignment", 1, marker);
        Assert.That(arrived, Has.Length.EqualTo(1), "the worker caught up");
    }

    /// <summary>PUT (follow) or DELETE (unfollow) <c>/tasks/{taskId}/follow</c>, expecting 204.</summary>
    public static async Task FollowAsync(ApiClient client, Guid taskId, bool follow)
    {
        using var response = await client.SendRawAsync(follow ? HttpMethod.Put : HttpMethod.Delete, $"tasks/{taskId}/follow");
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NoContent));
    }

    /// <summary>PUT <c>/me/notification-preferences</c> with <paramref name="mail"/>, expecting 200.</summary>
    public static Task SetMailAsync(ApiClient user, string mail) =>
        ApiClient.Send(user.Http, HttpMethod.Put, "me/notification-preferences", new { mail }, System.Net.HttpStatusCode.OK);

    /// <summary>A new task in <paramref name="projectId"/> whose comment by <paramref name="actor"/> mentions <paramref name="mentioned"/>.</summary>
    public static async Task<Guid> MentionAsync(ApiClient actor, ApiClient mentioned, Guid projectId, string title = "Launch plan")
    {
        var taskId = (await actor.CreateTaskAsync(projectId, new { title })).GetProperty("id").GetGuid();
        await actor.PostAsync($"tasks/{taskId}/comments", new { body = $"@{mentioned.Email} can you check the numbers?" });
        return taskId;
    }

    /// <summary>
    /// An owner and a member of a new workspace with one project; the member wants notification mail as
    /// <paramref name="memberMail"/> says. The member joins in the database: an invitation would mail them too.
    /// </summary>
    public static async Task<(ApiClient Owner, ApiClient Member, Guid WorkspaceId, Guid ProjectId)> MailTeamAsync(string memberMail)
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await member.JoinWorkspaceAsync(workspaceId);
        await SetMailAsync(member, memberMail);
        return (owner, member, workspaceId, projectId);
    }

    /// <summary>The mail's links name the web app the tests configure (tasklane.test); the same path on the test API host.</summary>
    public static string OnTestHost(string link) => link.Replace("http://tasklane.test/api/v1/", "", StringComparison.Ordinal);

    /// <summary>The List-Unsubscribe URL of the one mail a mention sent to a member on immediate mail.</summary>
    public static async Task<(ApiClient Owner, ApiClient Member, Guid ProjectId, string Link)> MailedAsync()
    {
        var (owner, member, _, projectId) = await MailTeamAsync(NotificationMail.Immediate);
        await MentionAsync(owner, member, projectId);
        var source = await SourceAsync(await WaitForMailAsync(member.Email));
        return (owner, member, projectId, OnTestHost(source.Headers["List-Unsubscribe"]!.Trim('<', '>')));
    }
}
