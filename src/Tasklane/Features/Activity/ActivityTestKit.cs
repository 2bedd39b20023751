using System.Text.Json;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Features.Activity;

/// <summary>
/// Helpers for the tests of what the Record…Activity handlers write: the worker records an entry after the request
/// has answered, so a test waits for the entries it expects, then reads them as the feeds show them.
/// </summary>
public static class ActivityTestKit
{
    /// <summary>
    /// The feed at <paramref name="path"/> (e.g. <c>tasks/{id}/activity</c>), newest first, once it holds every one of
    /// <paramref name="kinds"/>.
    /// </summary>
    public static async Task<List<JsonElement>> FeedOnceAsync(ApiClient reader, string path, params string[] kinds)
    {
        var feed = await ApiClient.EventuallyAsync(() => reader.GetAsync($"{path}?limit=200"), f => !kinds.Except(Kinds(f)).Any());
        Assert.That(Kinds(feed), Is.SupersetOf(kinds), $"the entries recorded in {path}");
        return [.. feed.GetProperty("items").EnumerateArray()];
    }

    public static List<string> Kinds(JsonElement feed) => [.. feed.GetProperty("items").EnumerateArray().Select(Kind)];

    public static string Kind(JsonElement entry) => entry.GetProperty("kind").GetString()!;

    /// <summary>The one entry of <paramref name="kind"/>.</summary>
    public static JsonElement Entry(IEnumerable<JsonElement> entries, string kind) => entries.Single(e => Kind(e) == kind);

    public static JsonElement Data(JsonElement entry) => entry.GetProperty("data");

    /// <summary>The names in an entry's data, in order: what an entry keeps is part of the feed's contract.</summary>
    public static string[] DataNames(JsonElement entry) =>
        [.. Data(entry).EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The entry's project or task id; null for an entry about the workspace (or project) as a whole.</summary>
    public static Guid? IdOf(JsonElement entry, string property) =>
        entry.GetProperty(property).ValueKind == JsonValueKind.Null ? null : entry.GetProperty(property).GetGuid();
}
