using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Tests.Browser;

/// <summary>
/// The notifications inbox (/notifications) and the header's unread badge in headless chromium against the real API and
/// worker: what an assignment by another member produces, read and unread, paging, and news arriving while it is open.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NotificationsPageTests : BrowserFixture
{
    [Test]
    public async Task An_assignment_is_an_unread_item_the_badge_counts_and_marking_read_one_by_one_or_all_clears_both()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var page = await SignedInPageAsync(member);

        await OpenAppAsync(page, "/notifications");
        await Expect(page.GetByTestId("notifications-empty")).ToContainTextAsync("No notifications yet.");
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 0");
        await Expect(page.GetByTestId("mark-all-read")).ToBeDisabledAsync();
        await ScreenshotAsync(page, "empty");

        // Two assignments by the owner: one as the task is created, one by changing a task's assignees.
        var paint = Id(await owner.CreateTaskAsync(projectId, new { title = "Paint the rocket", assigneeIds = new[] { member.UserId } }));
        await EventuallyOfKindAsync(member, "assignment", 1); // the order the inbox shows: this one first
        var fuel = Id(await owner.CreateTaskAsync(projectId, new { title = "Fuel the rocket" }));
        await owner.PatchAsync($"tasks/{fuel}", new { assigneeIds = new[] { member.UserId } });
        Assert.That(await EventuallyOfKindAsync(member, "assignment", 2), Has.Length.EqualTo(2));

        await page.ReloadAsync();
        var items = page.GetByTestId("notification");
        await Expect(items).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(items.GetByTestId("notification-link"))
            .ToHaveTextAsync(["Assigned to you: Fuel the rocket", "Assigned to you: Paint the rocket"]);
        await Expect(items.GetByTestId("notification-state")).ToHaveTextAsync(["New", "New"]); // in words, not only in colour
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 2");
        await Expect(page.GetByTestId("unread")).ToHaveAttributeAsync("aria-label", "Notifications: 2 unread");
        await ScreenshotAsync(page, "two-unread");

        // One marked read: the item says so and the badge counts one.
        var paintItem = items.Filter(new() { HasText = "Paint the rocket" });
        await paintItem.GetByTestId("mark-read").ClickAsync();
        await Expect(paintItem).ToHaveAttributeAsync("data-state", "read");
        await Expect(paintItem.GetByTestId("notification-state")).ToHaveTextAsync("Read");
        await Expect(paintItem.GetByTestId("mark-read")).ToHaveCountAsync(0);
        await Expect(items.Filter(new() { HasText = "Fuel the rocket" })).ToHaveAttributeAsync("data-state", "unread");
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 1");
        var paintRead = (await NotificationsAsync(member)).Single(n => n.GetProperty("taskId").GetGuid() == paint);
        Assert.That(paintRead.GetProperty("readAt").ValueKind, Is.EqualTo(JsonValueKind.String), "read in the API too");

        // "Unread only" lists the other one.
        await page.GetByTestId("only-unread").CheckAsync();
        await Expect(items).ToHaveCountAsync(1);
        await Expect(items).ToContainTextAsync("Fuel the rocket");
        await page.GetByTestId("only-unread").UncheckAsync();
        await Expect(items).ToHaveCountAsync(2);

        // All marked read.
        await page.GetByTestId("mark-all-read").ClickAsync();
        await Expect(items.GetByTestId("notification-state")).ToHaveTextAsync(["Read", "Read"]);
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 0");
        await Expect(page.GetByTestId("mark-all-read")).ToBeDisabledAsync();
        Assert.That((await member.GetAsync("me/notifications/unread-count")).GetProperty("count").GetInt32(), Is.Zero);
        await ScreenshotAsync(page, "all-read");

        // Each item leads to its task; the badge leads back.
        await items.Filter(new() { HasText = "Fuel the rocket" }).GetByTestId("notification-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/t/{fuel}$"));
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Fuel the rocket");
        await page.GetByTestId("unread").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/notifications$"));
        await Expect(items).ToHaveCountAsync(2);
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_notification_arrives_while_the_inbox_is_open_and_opening_it_marks_it_read()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        var taskId = Id(await owner.CreateTaskAsync(projectId, new { title = "Paint the rocket" }));
        var page = await SignedInPageAsync(member);

        // From the board (whose workspace stream the inbox keeps following), through the badge.
        await OpenAppAsync(page, $"/p/{projectId}");
        await Expect(page.Locator("header[data-live=on]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.GetByTestId("unread").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/notifications$"));
        await Expect(page.GetByTestId("notifications-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("header[data-live=on]")).ToHaveCountAsync(1);

        await owner.PatchAsync($"tasks/{taskId}", new { assigneeIds = new[] { member.UserId } });

        var item = page.GetByTestId("notification");
        await Expect(item).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(item).ToHaveAttributeAsync("data-state", "unread");
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 1");
        await ScreenshotAsync(page, "arrived");

        await item.GetByTestId("notification-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/t/{taskId}$"));
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 0");
        Assert.That((await member.GetAsync("me/notifications/unread-count")).GetProperty("count").GetInt32(), Is.Zero);
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_long_inbox_shows_a_page_and_loads_the_rest()
    {
        var (owner, member, _, projectId) = await TeamAsync();
        for (var i = 0; i < 22; i++)
        {
            await owner.CreateTaskAsync(projectId, new { title = $"Task {i:00}", assigneeIds = new[] { member.UserId } });
        }

        await ApiClient.EventuallyAsync(
            () => member.GetAsync("me/notifications/unread-count"),
            count => count.GetProperty("count").GetInt32() == 22,
            TimeSpan.FromSeconds(30)
        );
        // Newest first, as the API lists them (the worker may have stored them in another order than the tasks were made).
        string[] titles = [.. (await NotificationsAsync(member, "?limit=50")).Select(n => n.GetProperty("title").GetString()!)];
        Assert.That(titles, Has.Length.EqualTo(22));
        var page = await SignedInPageAsync(member);

        await OpenAppAsync(page, "/notifications");
        var items = page.GetByTestId("notification");
        await Expect(items).ToHaveCountAsync(20, new() { Timeout = 30_000 });
        await Expect(items.GetByTestId("notification-link")).ToHaveTextAsync(titles[..20]);
        await Expect(page.GetByTestId("unread")).ToHaveTextAsync("🔔 22");
        await page.GetByTestId("load-more").ClickAsync();
        await Expect(items).ToHaveCountAsync(22);
        await Expect(items.GetByTestId("notification-link")).ToHaveTextAsync(titles);
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "loaded-more");
        AssertNoPageErrors();
    }

    private static Guid Id(JsonElement created) => created.GetProperty("id").GetGuid();
}
