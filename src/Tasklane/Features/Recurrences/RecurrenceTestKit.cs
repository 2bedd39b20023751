using System.Net;
using System.Text.Json;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Recurrences;

/// <summary>What the recurrence tests share: setting a rule, waiting for occurrences, firing a scheduled one early.</summary>
public static class RecurrenceTestKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static object Daily(string time = "09:00", string timeZone = "UTC") =>
        new
        {
            frequency = "daily",
            time,
            timeZone,
        };

    public static Task<JsonElement> SetAsync(
        ApiClient client,
        Guid taskId,
        object rule,
        HttpStatusCode expected = HttpStatusCode.Created
    ) => ApiClient.Send(client.Http, HttpMethod.Put, $"tasks/{taskId}/recurrence", rule, expected);

    public static async Task<JsonElement[]> TasksAsync(ApiClient client, Guid projectId) =>
        [.. (await client.GetAsync($"projects/{projectId}/tasks?limit=200")).GetProperty("items").EnumerateArray()];

    /// <summary>Waits until the project holds <paramref name="count"/> tasks (or the time is up); oldest first.</summary>
    public static Task<JsonElement[]> EventuallyTasksAsync(ApiClient client, Guid projectId, int count) =>
        ApiClient.EventuallyAsync(() => TasksAsync(client, projectId), tasks => tasks.Length >= count, Patience);

    /// <summary>The task the series of <paramref name="taskId"/> went on to, once the worker has recorded it.</summary>
    public static async Task<Guid> NextTaskAsync(ApiClient client, Guid taskId)
    {
        var feed = await Activity.ActivityTestKit.FeedOnceAsync(client, $"tasks/{taskId}/activity", "task.recurred");
        return Activity.ActivityTestKit.Data(Activity.ActivityTestKit.Entry(feed, "task.recurred")).GetProperty("nextTaskId").GetGuid();
    }
}
