using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Features.Attachments;
using Tasklane.Infrastructure.Storage;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>The web app in headless chromium against the real API, worker and object store.</summary>
[TestFixture]
[NonParallelizable]
public sealed class WebAppTests : BrowserFixture
{
    [Test]
    public async Task Sign_in_create_a_task_move_it_comment_and_upload_a_file()
    {
        var user = await ApiClient.SignUpAsync();
        var page = await NewPageAsync();

        // Sign in
        await OpenAppAsync(page, "/");
        await Expect(page.GetByTestId("signin")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "01-sign-in");
        var signIn = page.GetByTestId("signin");
        await signIn.Locator("input[name=email]").FillAsync(user.Email);
        await signIn.Locator("input[name=password]").FillAsync("correct horse");
        await signIn.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("new-workspace")).ToBeVisibleAsync(); // the list is empty, so not "visible"

        // Workspace and project, created in the app
        await page.GetByTestId("new-workspace").Locator("input").FillAsync("Browser workspace");
        await page.GetByTestId("new-workspace").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("new-project")).ToBeVisibleAsync();
        await page.GetByTestId("new-project").Locator("input").FillAsync("Website");
        await page.GetByTestId("new-project").Locator("button").ClickAsync();

        // Create a task: it lands in "To do"
        await page.GetByTestId("new-task").Locator("input[name=title]").FillAsync("Paint the rocket");
        await page.GetByTestId("new-task").Locator("button").ClickAsync();
        var todo = page.GetByTestId("column-To do");
        await Expect(todo.GetByTestId("task")).ToHaveTextAsync(new Regex("Paint the rocket"));
        var taskId = await todo.GetByTestId("task").GetAttributeAsync("data-id");
        await ScreenshotAsync(page, "02-board-created");

        // Drag it to "In progress"
        await todo.GetByTestId("task").DragToAsync(page.GetByTestId("column-In progress"));
        await Expect(page.GetByTestId("column-In progress").GetByTestId("task")).ToHaveTextAsync(new Regex("Paint the rocket"));
        await Expect(todo.GetByTestId("task")).ToHaveCountAsync(0);
        var task = await user.GetAsync($"tasks/{taskId}");
        Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("in_progress"), "the move reached the API");

        // A second task dropped on the upper half of the first lands above it (beforeId)
        await page.GetByTestId("new-task").Locator("input[name=title]").FillAsync("Fuel the rocket");
        await page.GetByTestId("new-task").Locator("button").ClickAsync();
        await Expect(todo.GetByTestId("task")).ToHaveTextAsync(new Regex("Fuel the rocket"));
        var inProgress = page.GetByTestId("column-In progress");
        await todo.GetByTestId("task")
            .DragToAsync(
                inProgress.GetByTestId("task"),
                new()
                {
                    TargetPosition = new() { X = 20, Y = 3 },
                }
            );
        await Expect(inProgress.GetByTestId("task")).ToHaveTextAsync([new Regex("Fuel the rocket"), new Regex("Paint the rocket")]);
        var column = await user.GetAsync($"projects/{task.GetProperty("projectId").GetString()}/tasks?status=in_progress&sort=position");
        Assert.That(
            column.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()),
            Is.EqualTo(new[] { "Fuel the rocket", "Paint the rocket" })
        );
        await ScreenshotAsync(page, "03-board-moved");

        // Task detail: comment
        await inProgress.GetByTestId("task").Filter(new() { HasText = "Paint the rocket" }).ClickAsync();
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Paint the rocket");
        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("In progress");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("null");
        await page.GetByTestId("new-comment").Locator("textarea").FillAsync("Red, <b>not</b> blue");
        await page.GetByTestId("new-comment").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("comments").Locator("li")).ToContainTextAsync("Red, <b>not</b> blue"); // shown as text, not markup

        // Upload: start → presigned PUT from the browser to the object store (CORS) → complete
        var bytes = Encoding.UTF8.GetBytes("launch checklist\n" + new string('x', 4000));
        await page.GetByTestId("file")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "checklist.txt",
                    MimeType = "text/plain",
                    Buffer = bytes,
                }
            );
        await page.GetByTestId("upload").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("attachments").Locator("li")).ToContainTextAsync("checklist.txt");
        await ScreenshotAsync(page, "04-task-detail");

        var listed = await user.GetAsync($"tasks/{taskId}/attachments");
        var attachment = listed
            .GetProperty("items")[0]
            .Deserialize<AttachmentResponse>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.That((attachment.Status, attachment.Size, attachment.FileName), Is.EqualTo(("ready", (long)bytes.Length, "checklist.txt")));
        using (var s3 = StorageSetup.CreateClient(StorageOptionsFromTests()))
        {
            using var stored = await s3.GetObjectAsync(StorageOptionsFromTests().Bucket, attachment.ObjectKey);
            using var copy = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(copy);
            Assert.That(copy.ToArray(), Is.EqualTo(bytes), "the object in the store is byte for byte what the browser sent");
        }

        // Download through the API's redirect to a presigned GET
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByTestId("attachments").GetByRole(AriaRole.Button, new() { Name = "checklist.txt" }).ClickAsync()
        );
        Assert.That(download.SuggestedFilename, Is.EqualTo("checklist.txt"));
        Assert.That(await File.ReadAllBytesAsync((await download.PathAsync())!), Is.EqualTo(bytes));

        // Workspace page: search finds the task; the activity feed (written by the worker) shows the work
        await page.GetByRole(AriaRole.Link, new() { Name = "← Board" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "← Projects" }).ClickAsync();
        await page.GetByTestId("search").Locator("input").FillAsync("rocket");
        await page.GetByTestId("search").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("search-results")).ToContainTextAsync("Paint the rocket");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (
            !(await page.GetByTestId("activity").InnerTextAsync()).Contains("attachment added", StringComparison.Ordinal)
            && DateTime.UtcNow < deadline
        )
        {
            await page.ReloadAsync();
            await page.GetByTestId("activity").WaitForAsync();
        }

        await Expect(page.GetByTestId("activity")).ToContainTextAsync("task created");
        await Expect(page.GetByTestId("activity")).ToContainTextAsync("attachment added");
        await ScreenshotAsync(page, "05-workspace");

        // Sign out forgets the session
        await page.GetByTestId("signout").ClickAsync();
        await Expect(page.GetByTestId("signin")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')"), Is.Null);
        AssertNoPageErrors();
    }

    [Test]
    public async Task Cards_move_with_the_keyboard_and_keep_the_focus()
    {
        var user = await ApiClient.SignUpAsync();
        var (_, projectId) = await user.CreateProjectInNewWorkspaceAsync();
        var taskId = (await user.CreateTaskAsync(projectId, new { title = "Paint the rocket" })).GetProperty("id").GetGuid();
        await user.CreateTaskAsync(projectId, new { title = "Fuel the rocket" });
        var page = await NewPageAsync();
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{user.Token}')");
        await OpenAppAsync(page, $"/p/{projectId}");
        var todo = page.GetByTestId("column-To do").GetByTestId("task");
        var inProgress = page.GetByTestId("column-In progress").GetByTestId("task");
        var card = page.Locator($"[data-testid=task][data-id='{taskId}']");
        await Expect(todo).ToHaveTextAsync([new Regex("Paint the rocket"), new Regex("Fuel the rocket")]);

        // Shift+Down: one place down in its column.
        await card.FocusAsync();
        await page.Keyboard.PressAsync("Shift+ArrowDown");
        await Expect(todo).ToHaveTextAsync([new Regex("Fuel the rocket"), new Regex("Paint the rocket")]);
        await Expect(card).ToBeFocusedAsync();
        Assert.That(
            await TitlesAsync(user, projectId, "todo"),
            Is.EqualTo(new[] { "Fuel the rocket", "Paint the rocket" }),
            "the move reached the API"
        );

        // Shift+Right: to the end of the next column, still in focus there.
        await page.Keyboard.PressAsync("Shift+ArrowRight");
        await Expect(inProgress).ToHaveTextAsync([new Regex("Paint the rocket")]);
        await Expect(card).ToBeFocusedAsync();
        Assert.That(await TitlesAsync(user, projectId, "in_progress"), Is.EqualTo(new[] { "Paint the rocket" }));

        // Shift+Left back (last in "To do"), then Shift+Up to the top.
        await page.Keyboard.PressAsync("Shift+ArrowLeft");
        await Expect(todo).ToHaveTextAsync([new Regex("Fuel the rocket"), new Regex("Paint the rocket")]);
        // The focus follows the card after the render that moved it: a key pressed before then goes nowhere.
        await Expect(card).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+ArrowUp");
        await Expect(todo).ToHaveTextAsync([new Regex("Paint the rocket"), new Regex("Fuel the rocket")]);
        await Expect(card).ToBeFocusedAsync();
        Assert.That(await TitlesAsync(user, projectId, "todo"), Is.EqualTo(new[] { "Paint the rocket", "Fuel the rocket" }));
        Assert.That(await TitlesAsync(user, projectId, "in_progress"), Is.Empty);

        // Enter still opens the card: it is a link.
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("task-title")).ToHaveTextAsync("Paint the rocket");
        AssertNoPageErrors();
    }

    [Test]
    public async Task The_board_shows_the_projects_statuses_and_a_full_column_refuses_a_card()
    {
        var user = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await user.CreateProjectInNewWorkspaceAsync();
        await user.AddMemberAsync(workspaceId, member);
        var review = await Features.Statuses.StatusTestKit.CreateStatusAsync(user, projectId, "Review", wipLimit: 1);
        var todo = await Features.Statuses.StatusTestKit.StatusIdAsync(user, projectId, "To do");
        await user.PatchAsync($"projects/{projectId}/statuses/{review}", new { afterId = todo });
        await user.CreateTaskAsync(projectId, new { title = "In review", statusId = review });
        await user.CreateTaskAsync(projectId, new { title = "Waiting" });
        var page = await NewPageAsync();
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{member.Token}')");
        await OpenAppAsync(page, $"/p/{projectId}");

        await Expect(page.Locator("section.column h2"))
            .ToHaveTextAsync([new Regex("^To do 1$"), new Regex("^Review 1 / 1$"), new Regex("^In progress 0$"), new Regex("^Done 0$")]);
        await page.GetByTestId("column-To do").GetByTestId("task").DragToAsync(page.GetByTestId("column-Review"));
        await Expect(page.Locator("#error")).ToContainTextAsync("WIP limit");
        await Expect(page.GetByTestId("column-To do").GetByTestId("task")).ToHaveTextAsync([new Regex("Waiting")]);
        await ScreenshotAsync(page, "board-statuses");

        await page.GetByTestId("column-To do").GetByTestId("task").DragToAsync(page.GetByTestId("column-In progress"));
        await Expect(page.GetByTestId("column-In progress").GetByTestId("task")).ToHaveTextAsync([new Regex("Waiting")]);
    }

    private static async Task<string?[]> TitlesAsync(ApiClient user, Guid projectId, string status)
    {
        var column = await user.GetAsync($"projects/{projectId}/tasks?status={status}&sort=position");
        return column.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()).ToArray();
    }

    [Test]
    public async Task A_new_user_registers_in_the_app_and_is_signed_in()
    {
        var email = $"browser-{Guid.NewGuid():N}@example.com";
        var page = await NewPageAsync();

        await OpenAppAsync(page, "/");
        var register = page.GetByTestId("register");
        await register.Locator("input[name=displayName]").FillAsync("Browser Bea");
        await register.Locator("input[name=email]").FillAsync(email);
        await register.Locator("input[name=password]").FillAsync("correct horse");
        await register.Locator("button[type=submit]").ClickAsync();
        // Two password-hash rounds (register, then sign in) on a busy 2-core box can outlast the default 5 s.
        await Expect(page.GetByTestId("new-workspace")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ScreenshotAsync(page, "registered");

        // The account exists and takes the password the form was given.
        using var login = await ApiClient
            .Anonymous()
            .PostAsync(
                "auth/login",
                new StringContent(JsonSerializer.Serialize(new { email, password = "correct horse" }), Encoding.UTF8, "application/json")
            );
        Assert.That(login.IsSuccessStatusCode, Is.True, await login.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Registering_a_taken_email_is_not_signed_in_and_is_not_told_the_address_has_an_account()
    {
        var owner = await ApiClient.SignUpAsync();
        var page = await NewPageAsync();

        await OpenAppAsync(page, "/signin");
        var register = page.GetByTestId("register");
        await register.Locator("input[name=displayName]").FillAsync("Someone Else");
        await register.Locator("input[name=email]").FillAsync(owner.Email);
        await register.Locator("input[name=password]").FillAsync("another password");
        await register.Locator("button[type=submit]").ClickAsync();

        await Expect(page.Locator("#error")).ToContainTextAsync("If this email already had an account", new() { Timeout = 30_000 });
        await Expect(page.Locator("#error")).Not.ToContainTextAsync("exists");
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')"), Is.Null);
    }

    [Test]
    public async Task A_problem_from_the_API_is_shown_to_the_user()
    {
        var page = await NewPageAsync();
        await OpenAppAsync(page, "/#/signin"); // a link of the earlier app, whose routes were fragments
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        var signIn = page.GetByTestId("signin");
        await signIn.Locator("input[name=email]").FillAsync($"nobody-{Guid.NewGuid():N}@example.com");
        await signIn.Locator("input[name=password]").FillAsync("wrong password");
        await signIn.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#error")).ToBeVisibleAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("Unauthorized"); // the ProblemDetails title
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')"), Is.Null);
        await ScreenshotAsync(page, "error");
    }

    private static StorageOptions StorageOptionsFromTests()
    {
        var c = TestEnvironment.Services.Configuration;
        return new StorageOptions
        {
            ServiceUrl = c.GetValueOrDefault("Storage:ServiceUrl"),
            AccessKey = c.GetValueOrDefault("Storage:AccessKey"),
            SecretKey = c.GetValueOrDefault("Storage:SecretKey"),
            Bucket = c.GetValueOrDefault("Storage:Bucket") ?? "tasklane",
        };
    }
}
