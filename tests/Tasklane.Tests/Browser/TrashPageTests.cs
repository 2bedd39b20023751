using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Playwright;
using Npgsql;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>The trash page (/w/{id}/trash) in headless chromium against the real API: what it lists and what Restore does.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TrashPageTests : BrowserFixture
{
    [Test]
    public async Task A_deleted_task_is_listed_with_who_deleted_it_and_Restore_puts_it_back_on_the_board()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync();
        var projectId = await owner.CreateProjectAsync(workspaceId, "Website");
        await owner.AddMemberAsync(workspaceId, member);
        await RenameAsync(member, "Mia Member");
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Paint the rocket" })).GetProperty("id").GetGuid();
        var subTaskId = (await owner.CreateTaskAsync(projectId, new { title = "Buy paint", parentId = taskId }))
            .GetProperty("id")
            .GetGuid();
        await DeleteAsync(member, $"tasks/{taskId}");
        var listed = (await owner.GetAsync($"workspaces/{workspaceId}/trash")).GetProperty("items")[0];
        var page = await SignedInPageAsync(owner);

        // From the workspace page, through its link.
        await OpenAppAsync(page, $"/w/{workspaceId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Trash", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/w/{workspaceId}/trash$"));
        var row = page.GetByTestId("trash-item");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-id", taskId.ToString());
        await Expect(row.GetByTestId("trash-title")).ToHaveTextAsync("Paint the rocket");
        await Expect(row).ToContainTextAsync("with 1 sub-task");
        await Expect(row.GetByTestId("trash-project")).ToHaveTextAsync("Website");
        await Expect(row.GetByTestId("trash-deleted-by")).ToHaveTextAsync("Mia Member");
        await Expect(row.GetByTestId("trash-purge")).ToHaveTextAsync(Local(listed.GetProperty("purgeAt").GetDateTimeOffset()));
        await ScreenshotAsync(page, "trash-with-a-task");

        await row.GetByTestId("restore").ClickAsync();

        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("trash-notice")).ToContainTextAsync("Restored task “Paint the rocket”.");
        await Expect(page.Locator("#error")).ToBeHiddenAsync();
        await owner.GetAsync($"tasks/{taskId}");
        await owner.GetAsync($"tasks/{subTaskId}");
        Assert.That(
            (await owner.GetAsync($"workspaces/{workspaceId}/trash")).GetProperty("items").GetArrayLength(),
            Is.Zero,
            "the API's trash is empty too"
        );
        await page.GetByRole(AriaRole.Link, new() { Name = "← Projects" }).ClickAsync();
        await page.GetByTestId("projects").GetByRole(AriaRole.Link, new() { Name = "Website" }).ClickAsync();
        await Expect(page.GetByTestId("column-To do").GetByTestId("task").Filter(new() { HasText = "Paint the rocket" }))
            .ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_deleted_project_is_listed_and_restored_with_its_tasks()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, _) = await owner.CreateProjectInNewWorkspaceAsync();
        var oldSite = await owner.CreateProjectAsync(workspaceId, "Old site");
        var taskId = (await owner.CreateTaskAsync(oldSite, new { title = "Keep the links" })).GetProperty("id").GetGuid();
        await DeleteAsync(owner, $"projects/{oldSite}");
        var page = await SignedInPageAsync(owner);

        await OpenAppAsync(page, $"/workspaces/{workspaceId}/trash"); // the long form of the route
        var row = page.GetByTestId("trash-item");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-type", "project");
        await Expect(row.GetByTestId("trash-title")).ToHaveTextAsync("Old site");
        await Expect(row).Not.ToContainTextAsync("Keep the links"); // the project's tasks come back with it, not one by one

        await row.GetByTestId("restore").ClickAsync();

        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("trash-notice")).ToContainTextAsync("Restored project “Old site”.");
        Assert.That((await owner.GetAsync($"projects/{oldSite}")).GetProperty("name").GetString(), Is.EqualTo("Old site"));
        await owner.GetAsync($"tasks/{taskId}");
        await page.GetByTestId("trash-notice").GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await Expect(page.GetByTestId("column-To do").GetByTestId("task")).ToHaveTextAsync([new Regex("Keep the links")]);
        AssertNoPageErrors();
    }

    [Test]
    public async Task An_empty_trash_says_so_and_a_long_one_loads_more()
    {
        var owner = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        var page = await SignedInPageAsync(owner);

        await OpenAppAsync(page, $"/w/{workspaceId}/trash");
        await Expect(page.GetByTestId("trash-empty")).ToHaveTextAsync("The trash is empty.");
        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);

        // 52 deletions: more than one page (50) of the page's requests.
        for (var i = 0; i < 52; i++)
        {
            var taskId = (await owner.CreateTaskAsync(projectId, new { title = $"Task {i:00}" })).GetProperty("id").GetGuid();
            await DeleteAsync(owner, $"tasks/{taskId}");
        }

        await page.ReloadAsync();
        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(50, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("trash-item").First.GetByTestId("trash-title")).ToHaveTextAsync("Task 51"); // newest first
        await Expect(page.GetByTestId("trash-empty")).ToHaveCountAsync(0);
        await page.GetByTestId("load-more").ClickAsync();
        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(52);
        await Expect(page.GetByTestId("trash-item").Last.GetByTestId("trash-title")).ToHaveTextAsync("Task 00");
        await Expect(page.GetByTestId("load-more")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Test]
    public async Task A_refused_restore_keeps_the_row_and_says_why_by_name()
    {
        var owner = await ApiClient.SignUpAsync();
        var viewer = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, viewer, "viewer");
        await owner.AddMemberAsync(workspaceId, member);
        var parentId = (await owner.CreateTaskAsync(projectId, new { title = "Launch plan" })).GetProperty("id").GetGuid();
        var childId = (await owner.CreateTaskAsync(projectId, new { title = "Book the pad", parentId })).GetProperty("id").GetGuid();
        await DeleteAsync(owner, $"tasks/{childId}");
        await DeleteAsync(owner, $"tasks/{parentId}");
        var gone = await owner.CreateProjectAsync(workspaceId, "Gone");
        await DeleteAsync(owner, $"projects/{gone}");

        // A viewer sees the trash, but the API refuses the restore: 403, shown with the item's name; the row stays.
        var page = await SignedInPageAsync(viewer);
        await OpenAppAsync(page, $"/w/{workspaceId}/trash");
        await Expect(page.GetByTestId("trash-title")).ToHaveTextAsync(["Gone", "Launch plan", "Book the pad"]);
        await Row(page, parentId).GetByTestId("restore").ClickAsync();
        var refusal = Row(page, parentId).GetByTestId("restore-error");
        await Expect(refusal).ToContainTextAsync("Could not restore “Launch plan”: Forbidden");
        await Expect(refusal).ToContainTextAsync("(viewer)");
        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(3);
        await (await owner.Http.GetAsync($"tasks/{parentId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await ScreenshotAsync(page, "viewer-refused");

        // A member may restore tasks but not projects (admins only).
        await page.Context.CloseAsync();
        page = await SignedInPageAsync(member);
        await OpenAppAsync(page, $"/w/{workspaceId}/trash");
        await Row(page, gone).GetByTestId("restore").ClickAsync();
        await Expect(Row(page, gone).GetByTestId("restore-error")).ToContainTextAsync("Could not restore “Gone”: Forbidden");
        await (await owner.Http.GetAsync($"projects/{gone}")).AssertProblemAsync(HttpStatusCode.NotFound);

        // A sub-task whose parent is in the trash: the 409 names the parent by its title, not its id.
        await Row(page, childId).GetByTestId("restore").ClickAsync();
        refusal = Row(page, childId).GetByTestId("restore-error");
        await Expect(refusal).ToContainTextAsync("Could not restore “Book the pad”: Conflict");
        await Expect(refusal).ToContainTextAsync("parent task “Launch plan” is in the trash. Restore it first.");
        await Expect(page.GetByTestId("trash-item")).ToHaveCountAsync(3);

        // In the order it asks for, both come back.
        await Row(page, parentId).GetByTestId("restore").ClickAsync();
        await Expect(Row(page, parentId)).ToHaveCountAsync(0);
        await Row(page, childId).GetByTestId("restore").ClickAsync();
        await Expect(Row(page, childId)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("restore-error")).ToHaveCountAsync(1); // only the project's, which the member may not restore
        Assert.That((await owner.GetAsync($"tasks/{childId}")).GetProperty("parentId").GetGuid(), Is.EqualTo(parentId));
    }

    private static ILocator Row(IPage page, Guid id) => page.Locator($"[data-testid=trash-item][data-id='{id}']");

    /// <summary>A moment as the page shows it (Display.When): in the browser's time zone, which is this machine's.</summary>
    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Every test user is "Test User": one gets a name of its own, to tell who deleted what.</summary>
    private static async Task RenameAsync(ApiClient user, string displayName)
    {
        await using var db = new NpgsqlConnection(TestEnvironment.Services.PostgresConnectionString);
        await db.ExecuteAsync("update users set display_name = @displayName where id = @id", new { displayName, id = user.UserId });
    }

    private static async Task DeleteAsync(ApiClient client, string path)
    {
        using var response = await client.Http.DeleteAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), path);
    }
}
