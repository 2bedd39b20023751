using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>What a board card shows (due date, labels, assignees), and how another member's change reaches it without a reload.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BoardCardTests : BrowserFixture
{
    [Test]
    public async Task A_card_shows_its_due_date_overdue_labels_and_assignees_and_follows_another_members_edit()
    {
        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var bug = (await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "Bug", color = "#d73a4a" }))
            .GetProperty("id")
            .GetGuid();
        var late = (
            await owner.CreateTaskAsync(
                projectId,
                new
                {
                    title = "Fix the login",
                    dueAt = DateTimeOffset.UtcNow.AddDays(-2),
                    labelIds = new[] { bug },
                    assigneeIds = new[] { member.UserId },
                }
            )
        ).GetProperty("id").GetGuid();
        var plain = (await owner.CreateTaskAsync(projectId, new { title = "Write the docs" })).GetProperty("id").GetGuid();
        var page = await NewPageAsync();
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{owner.Token}')");
        await OpenAppAsync(page, $"/p/{projectId}");
        await Expect(page.Locator("header[data-live=on]")).ToHaveCountAsync(1);

        var lateCard = Card(page, late);
        await Expect(lateCard.GetByTestId("card-due")).ToContainTextAsync("overdue");
        await Expect(lateCard.GetByTestId("card-label")).ToHaveTextAsync("Bug");
        await Expect(lateCard.GetByTestId("card-assignee")).ToHaveTextAsync("TU"); // every test user is "Test User"
        await Expect(lateCard.GetByTestId("card-assignee")).ToHaveAttributeAsync("title", "Test User");
        var plainCard = Card(page, plain);
        await Expect(plainCard.GetByTestId("card-due")).ToHaveCountAsync(0);
        await Expect(plainCard.GetByTestId("card-label")).ToHaveCountAsync(0);
        await Expect(plainCard.GetByTestId("card-assignee")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "board-cards");

        // Another member's edit and their new task reach the board as they happen, in place.
        await member.PatchAsync($"tasks/{plain}", new { assigneeIds = new[] { owner.UserId }, dueAt = DateTimeOffset.UtcNow.AddDays(3) });
        await Expect(plainCard.GetByTestId("card-assignee")).ToHaveCountAsync(1);
        await Expect(plainCard.GetByTestId("card-due")).Not.ToContainTextAsync("overdue");
        await member.CreateTaskAsync(projectId, new { title = "Ship it", labelIds = new[] { bug } });
        var shipped = page.GetByTestId("column-To do").GetByTestId("task").Filter(new() { HasText = "Ship it" });
        await Expect(shipped.GetByTestId("card-label")).ToHaveTextAsync("Bug");
        await Expect(page.GetByTestId("column-To do").GetByTestId("task")).ToHaveCountAsync(3);

        // A deleted task leaves the board.
        using (var deleted = await member.Http.DeleteAsync($"tasks/{late}"))
        {
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
        }

        await Expect(lateCard).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("column-To do").GetByTestId("task")).ToHaveCountAsync(2);
        AssertNoPageErrors();
    }

    private static ILocator Card(IPage page, Guid taskId) => page.Locator($"[data-testid=task][data-id='{taskId}']");
}
