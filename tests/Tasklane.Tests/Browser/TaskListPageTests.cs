using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>The list view of a project's tasks (/p/{id}/list) in headless chromium against the real API.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TaskListPageTests : BrowserFixture
{
    [Test]
    public async Task Filters_show_exactly_the_matching_tasks()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.CreateTaskAsync(projectId, new { title = "Fix the login bug", priority = "high" });
        await owner.CreateTaskAsync(projectId, new { title = "Fix the footer", priority = "low" });
        await owner.CreateTaskAsync(projectId, new { title = "Write the launch post", priority = "high" });
        await owner.CreateTaskAsync(projectId, new { title = "Fix typos", priority = "high" });
        var page = await SignedInPageAsync(owner);

        // From the board, through its link.
        await OpenAppAsync(page, $"/p/{projectId}");
        await page.GetByTestId("list-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/p/{projectId}/list$"));
        await Expect(page.GetByTestId("task-row")).ToHaveCountAsync(4);

        await page.GetByTestId("filter-priority").SelectOptionAsync("high");
        await Expect(Titles(page)).ToHaveTextAsync(["Fix the login bug", "Write the launch post", "Fix typos"]);

        await page.GetByLabel("Search").FillAsync("fix");
        await Expect(Titles(page)).ToHaveTextAsync(["Fix the login bug", "Fix typos"]);
        await Expect(page.GetByTestId("task-row").First.GetByTestId("task-priority")).ToHaveTextAsync("high");
        await Expect(page.GetByTestId("task-row").First.GetByTestId("task-status")).ToHaveTextAsync("To do");

        await page.GetByTestId("sort").SelectOptionAsync("Created");
        await page.GetByTestId("order").SelectOptionAsync("Descending");
        await Expect(Titles(page)).ToHaveTextAsync(["Fix typos", "Fix the login bug"]);

        await page.GetByLabel("Search").FillAsync("nothing like this");
        await Expect(page.GetByTestId("list-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-row")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Test]
    public async Task Scrolling_to_the_end_reads_the_next_page_without_duplicates()
    {
        var owner = await ApiClient.SignUpAsync();
        var (_, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        for (var i = 0; i < 55; i++)
        {
            await owner.CreateTaskAsync(projectId, new { title = $"Task {i:00}" });
        }

        var page = await SignedInPageAsync(owner);
        await OpenAppAsync(page, $"/p/{projectId}/list");
        await Expect(page.GetByTestId("task-row")).ToHaveCountAsync(50, new() { Timeout = 30_000 });
        await page.Mouse.WheelAsync(0, 20_000); // infinite scroll: no click on "Load more"
        await Expect(page.GetByTestId("task-row")).ToHaveCountAsync(55);
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);
        var titles = await Titles(page).AllTextContentsAsync();
        Assert.That(titles, Is.EqualTo(Enumerable.Range(0, 55).Select(i => $"Task {i:00}")), "every task once, in creation order");
        AssertNoPageErrors();
    }

    [Test]
    public async Task Bulk_edit_moves_the_selected_tasks_to_Done()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var first = (await owner.CreateTaskAsync(projectId, new { title = "Ship it" })).GetProperty("id").GetGuid();
        var second = (await owner.CreateTaskAsync(projectId, new { title = "Tell everyone" })).GetProperty("id").GetGuid();
        var third = (await owner.CreateTaskAsync(projectId, new { title = "Keep open" })).GetProperty("id").GetGuid();
        var page = await SignedInPageAsync(owner);

        await OpenAppAsync(page, $"/p/{projectId}/list");
        await Row(page, first).GetByTestId("select").CheckAsync();
        await Row(page, second).GetByTestId("select").CheckAsync();
        await Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("2 selected");
        await page.GetByTestId("bulk-status").SelectOptionAsync("Done");
        await page.GetByTestId("bulk-apply").ClickAsync();

        await Expect(page.GetByTestId("bulk-notice")).ToHaveTextAsync("Updated 2 tasks.");
        await Expect(Row(page, first).GetByTestId("task-status")).ToHaveTextAsync("Done");
        await Expect(Row(page, second).GetByTestId("task-status")).ToHaveTextAsync("Done");
        await Expect(Row(page, third).GetByTestId("task-status")).ToHaveTextAsync("To do");
        await Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("0 selected");
        Assert.That((await owner.GetAsync($"tasks/{first}")).GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That((await owner.GetAsync($"tasks/{second}")).GetProperty("status").GetString(), Is.EqualTo("done"));
        Assert.That((await owner.GetAsync($"tasks/{third}")).GetProperty("status").GetString(), Is.EqualTo("todo"));

        // Select all takes every loaded row.
        await page.GetByTestId("select-all").CheckAsync();
        await Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("3 selected");
        AssertNoPageErrors();

        // A viewer may select, but the API refuses the change: the bar says why, and nothing moves.
        var viewer = await ApiClient.SignUpAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        await page.Context.CloseAsync();
        page = await SignedInPageAsync(viewer);
        await OpenAppAsync(page, $"/p/{projectId}/list");
        await Row(page, third).GetByTestId("select").CheckAsync();
        await page.GetByTestId("bulk-status").SelectOptionAsync("Done");
        await page.GetByTestId("bulk-apply").ClickAsync();
        await Expect(page.GetByTestId("bulk-error")).ToContainTextAsync("Could not update the selected tasks:");
        await Expect(page.GetByTestId("bulk-error")).ToContainTextAsync("(viewer)");
        await Expect(Row(page, third).GetByTestId("task-status")).ToHaveTextAsync("To do");
        Assert.That((await owner.GetAsync($"tasks/{third}")).GetProperty("status").GetString(), Is.EqualTo("todo"));
    }

    private static ILocator Titles(IPage page) => page.GetByTestId("task-title");

    private static ILocator Row(IPage page, Guid id) => page.Locator($"[data-testid=task-row][data-id='{id}']");
}
