using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Features.Changes;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>
/// Two members on one board, each page behind nginx with its event stream on a different API host (the production shape):
/// what one does shows on the other's page within a second, with no reload.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LiveBoardTests : BrowserFixture
{
    private static readonly LocatorAssertionsToBeVisibleOptions WithinOneSecond = new() { Timeout = 1000 };

    [Test]
    public async Task Two_members_on_two_hosts_see_each_others_moves_tasks_and_comments_within_a_second()
    {
        if (!NginxProcess.Available)
        {
            Assert.Ignore("nginx is not installed (apt-get install -y nginx)");
        }

        var owner = await ApiClient.SignUpAsync();
        var member = await ApiClient.SignUpAsync();
        var (workspaceId, projectId) = await owner.CreateProjectInNewWorkspaceAsync();
        await owner.AddMemberAsync(workspaceId, member);
        var taskId = (await owner.CreateTaskAsync(projectId, new { title = "Paint the rocket" })).GetProperty("id").GetGuid();
        await using var nginx = await NginxProcess.StartAsync(
            TestEnvironment.Hosts.BaseAddress.Port,
            TestEnvironment.HostB.BaseAddress.Port
        );

        // Streams of earlier tests' pages may still be closing (a host notices a gone client by its next heartbeat at the
        // latest): counted with these pages', they would say a stream is open where none of these is.
        Assert.That(
            await ApiClient.EventuallyAsync(() => Task.FromResult(OpenStreams()), s => s == (0, 0), TimeSpan.FromSeconds(20)),
            Is.EqualTo((0, 0)),
            "earlier tests' streams are still open"
        );
        var ownerPage = await OpenBoardAsync(nginx, owner, projectId);
        await StreamsOpenAsync(1);
        IPage memberPage = null!;
        using var probe = new HttpClient { BaseAddress = nginx.BaseAddress };
        for (var attempt = 0; attempt < 4; attempt++)
        {
            memberPage = await OpenBoardAsync(nginx, member, projectId);
            if (await ApiClient.EventuallyAsync(() => Task.FromResult(OpenStreams()), s => s == (1, 1), TimeSpan.FromSeconds(5)) == (1, 1))
            {
                break;
            }

            // nginx sent both streams to one host. Its round robin is strict, and a page makes as many requests each time
            // it opens, so the same page opened again would land there again: one request more moves the next one over.
            await memberPage.Context.CloseAsync();
            await StreamsOpenAsync(1);
            (await probe.GetAsync(new Uri("/health/live", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        Assert.That(OpenStreams(), Is.EqualTo((1, 1)), "the two pages' streams are not one per host");

        // A card moved on one page moves on the other.
        await ownerPage.GetByTestId("column-To do").GetByTestId("task").DragToAsync(ownerPage.GetByTestId("column-In progress"));
        await Expect(memberPage.GetByTestId("column-In progress").GetByTestId("task").Filter(new() { HasText = "Paint the rocket" }))
            .ToBeVisibleAsync(WithinOneSecond);
        await Expect(memberPage.GetByTestId("column-To do").GetByTestId("task")).ToHaveCountAsync(0, new() { Timeout = 1000 });

        // A task added on one page appears on the other.
        await ownerPage.GetByTestId("new-task").Locator("input[name=title]").FillAsync("Fuel the rocket");
        await ownerPage.GetByTestId("new-task").Locator("button").ClickAsync();
        await Expect(memberPage.GetByTestId("column-To do").GetByTestId("task").Filter(new() { HasText = "Fuel the rocket" }))
            .ToBeVisibleAsync(WithinOneSecond);

        // A comment arrives, text and all.
        await owner
            .Via(new HttpClient { BaseAddress = new Uri(nginx.BaseAddress, "/api/v1/") })
            .PostAsync($"tasks/{taskId}/comments", new { body = "Two coats, please." });
        await Expect(memberPage.GetByTestId("live-changes").GetByText("Two coats, please.")).ToBeVisibleAsync(WithinOneSecond);

        // The member is assigned: their notification count goes up without a reload (the worker notifies; the comment
        // may notify them too, if the worker handles it after the assignment).
        await Expect(memberPage.GetByTestId("unread")).ToHaveTextAsync("🔔 0");
        await owner.PatchAsync($"tasks/{taskId}", new { assigneeIds = new[] { member.UserId } });
        await Expect(memberPage.GetByTestId("unread")).ToHaveTextAsync(new Regex("🔔 [12]$"), new() { Timeout = 5000 });

        await ScreenshotAsync(memberPage, "live-board-member");
        AssertNoPageErrors();
        await ownerPage.Context.CloseAsync();
    }

    private async Task<IPage> OpenBoardAsync(NginxProcess nginx, ApiClient user, Guid projectId)
    {
        var page = await NewPageAsync(nginx.BaseAddress);
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{user.Token}')");
        await OpenAppAsync(page, $"/p/{projectId}");
        await Expect(page.GetByTestId("column-To do")).ToBeVisibleAsync();
        await Expect(page.Locator("header[data-live=on]")).ToHaveCountAsync(1);
        return page;
    }

    /// <summary>Open streams on host A and on host B (nothing else runs beside this fixture).</summary>
    private static (int A, int B) OpenStreams() => (Count(TestEnvironment.Hosts), Count(TestEnvironment.HostB));

    private static int Count(TasklaneHosts hosts) => hosts.Api.Services.GetRequiredService<ChangeFanOut>().Subscriptions;

    private static Task<(int A, int B)> StreamsOpenAsync(int total) =>
        ApiClient.EventuallyAsync(() => Task.FromResult(OpenStreams()), s => s.A + s.B == total, TimeSpan.FromSeconds(5));
}
