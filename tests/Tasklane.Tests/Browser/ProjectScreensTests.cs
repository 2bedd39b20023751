using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>
/// A project's settings (/p/{id}/settings), export (/p/{id}/export) and activity (/p/{id}/activity) in headless chromium
/// against the real API. One user, workspace and signed-in page serve every test; each test has a project of its own.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ProjectScreensTests : BrowserFixture
{
    private ApiClient? _owner;
    private Guid _workspaceId;

    [Test]
    public async Task A_project_is_renamed_archived_and_unarchived_from_its_settings()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId, "Garden");
        var page = await SharedPageAsync(owner.Token);

        // From the board, through its link.
        await OpenAppAsync(page, $"/p/{projectId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Project settings" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/p/{projectId}/settings$"));
        await Expect(page.GetByLabel("Project name")).ToHaveValueAsync("Garden");

        await page.GetByLabel("Project name").FillAsync("Back garden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Expect(page.GetByTestId("project-name")).ToHaveTextAsync("Back garden");
        Assert.That((await owner.GetAsync($"projects/{projectId}")).GetProperty("name").GetString(), Is.EqualTo("Back garden"));

        await page.GetByTestId("archive").ClickAsync();
        await Expect(page.GetByTestId("archive-state")).ToContainTextAsync("Archived since");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rename" })).ToBeDisabledAsync();
        Assert.That((await owner.GetAsync($"projects/{projectId}")).GetProperty("archived").GetBoolean(), Is.True);
        await ScreenshotAsync(page, "archived");

        await page.GetByTestId("unarchive").ClickAsync();
        await Expect(page.GetByTestId("archive-state")).ToContainTextAsync("Active.");
        await Expect(page.GetByTestId("project-notice")).ToHaveTextAsync("Unarchived.");
        Assert.That((await owner.GetAsync($"projects/{projectId}")).GetProperty("archived").GetBoolean(), Is.False);
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_project_is_deleted_after_a_confirmation_and_restored()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId, "Old shed");
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Fix the roof" })).GetProperty("id").GetGuid();
        var page = await SharedPageAsync(owner.Token);

        await OpenAppAsync(page, $"/p/{projectId}/list");
        await page.GetByRole(AriaRole.Link, new() { Name = "Project settings" }).ClickAsync();
        await page.GetByTestId("delete").ClickAsync();
        await Expect(page.GetByText("Delete “Old shed” and its 1 task?")).ToBeVisibleAsync();
        await page.GetByTestId("confirm-delete").ClickAsync();

        await Expect(page.GetByTestId("deleted")).ToContainTextAsync("“Old shed” and its tasks are in the workspace's trash");
        await Expect(page.GetByTestId("deleted").GetByRole(AriaRole.Link, new() { Name = "trash" }))
            .ToHaveAttributeAsync("href", $"w/{workspaceId}/trash");
        await owner.GetAsync($"projects/{projectId}", HttpStatusCode.NotFound);
        var trash = (await owner.GetAsync($"workspaces/{workspaceId}/trash")).GetProperty("items").EnumerateArray();
        Assert.That(trash.Select(i => i.GetProperty("id").GetGuid()), Does.Contain(projectId));
        await ScreenshotAsync(page, "deleted");

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore “Old shed”" }).ClickAsync();

        await Expect(page.GetByTestId("project-notice")).ToHaveTextAsync("Restored “Old shed” with its tasks.");
        await Expect(page.GetByTestId("archive-state")).ToContainTextAsync("Active.");
        await owner.GetAsync($"projects/{projectId}");
        await owner.GetAsync($"tasks/{taskId}");
        AssertNoPageErrors();
    }

    [Test]
    public async Task An_export_runs_with_its_state_shown_and_the_download_holds_the_projects_task()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId, "Catalogue");
        await owner.CreateTaskAsync(projectId, new { title = "Ship the spring catalogue" });
        var page = await SharedPageAsync(owner.Token);

        await OpenAppAsync(page, $"/p/{projectId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/p/{projectId}/export$"));
        await page.GetByLabel("Format").SelectOptionAsync("csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start export" }).ClickAsync();

        var export = page.GetByTestId("export");
        await Expect(export).ToHaveAttributeAsync("data-status", new Regex("^(queued|running|succeeded)$"));
        await Expect(export).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 30_000 });
        await Expect(export).ToContainTextAsync("Ready: 1 task,");
        await ScreenshotAsync(page, "export-ready");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download").ClickAsync());
        Assert.That(download.SuggestedFilename, Does.Match("^tasklane-catalogue-.*\\.csv$"));
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.That(file, Does.Contain("Ship the spring catalogue"));
        AssertNoPageErrors();
    }

    [Test]
    public async Task The_projects_activity_shows_a_change_as_it_happens()
    {
        var (owner, workspaceId) = await WorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId, "Busy");
        await owner.CreateTaskAsync(projectId, new { title = "Water the plants" });
        await ApiClient.EventuallyAsync(
            () => owner.GetAsync($"projects/{projectId}/activity"),
            feed => feed.GetProperty("items").GetArrayLength() > 0
        );
        var page = await SharedPageAsync(owner.Token);

        await OpenAppAsync(page, $"/p/{projectId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Activity", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/p/{projectId}/activity$"));
        await Expect(page.GetByTestId("activity")).ToContainTextAsync("Water the plants");
        await Expect(page.Locator("header[data-live=on]")).ToBeVisibleAsync();

        // A change made elsewhere (here through the API) shows without a reload.
        await owner.CreateTaskAsync(projectId, new { title = "Prune the roses" });

        await Expect(page.GetByTestId("activity").Locator("li").First).ToContainTextAsync("task created", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("activity").Locator("li").First).ToContainTextAsync("Prune the roses");
        await ScreenshotAsync(page, "activity");
        AssertNoPageErrors();
    }

    /// <summary>The fixture's user and workspace, made by the first test that asks.</summary>
    private async Task<(ApiClient Owner, Guid WorkspaceId)> WorkspaceAsync()
    {
        if (_owner is null)
        {
            _owner = await ApiClient.SignUpAsync();
            _workspaceId = await _owner.CreateWorkspaceAsync("Projects");
        }

        return (_owner, _workspaceId);
    }
}
