using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Tests.Browser;

/// <summary>
/// Every screen of the web app, at desktop and phone width, in light and dark: axe-core finds no serious or critical
/// violation in any of the four, and each is photographed. The photographs go to <c>screens/</c> in the test directory,
/// or to <c>$TASKLANE_SCREENSHOTS</c> (docs/web.md shows the ones in docs/screens, written by
/// <c>TASKLANE_SCREENSHOTS=$PWD/docs/screens dotnet test --filter ScreensTests</c>).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ScreensTests : BrowserFixture
{
    private static readonly (string Name, int Width, int Height, ColorScheme Scheme)[] Variants =
    [
        ("desktop-light", 1280, 860, ColorScheme.Light),
        ("desktop-dark", 1280, 860, ColorScheme.Dark),
        ("phone-light", 390, 844, ColorScheme.Light),
        ("phone-dark", 390, 844, ColorScheme.Dark),
    ];

    /// <summary>Screen name and its path; {w}, {p} and {t} are the seeded workspace, project and task.</summary>
    public static readonly string[][] Screens =
    [
        ["signin", "/signin"],
        ["workspaces", "/"],
        ["projects", "/w/{w}"],
        ["board", "/p/{p}"],
        ["list", "/p/{p}/list"],
        ["task", "/t/{t}"],
        ["workspace-settings", "/w/{w}/settings"],
        ["trash", "/w/{w}/trash"],
        ["notifications", "/notifications"],
        ["account", "/account"],
        ["api-tokens", "/account/tokens"],
        ["project-settings", "/p/{p}/settings"],
        ["export", "/p/{p}/export"],
        ["project-activity", "/p/{p}/activity"],
        ["search", "/w/{w}/search?q=beta"],
    ];

    private ApiClient _owner = null!;
    private Dictionary<string, string> _ids = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        var (owner, member, workspaceId, projectId) = await TeamAsync();
        var urgent = await owner.PostAsync($"workspaces/{workspaceId}/labels", new { name = "customer", color = "#d9480f" });
        var task = await owner.CreateTaskAsync(
            projectId,
            new
            {
                title = "Ship the beta",
                description = "Check **every** screen, then `ship`.",
                priority = "urgent",
                dueAt = DateTimeOffset.UtcNow.AddDays(-1),
                assigneeIds = new[] { owner.UserId, member.UserId },
                labelIds = new[] { urgent.GetProperty("id").GetGuid() },
            }
        );
        var taskId = task.GetProperty("id").GetGuid();
        await owner.CreateTaskAsync(projectId, new { title = "Write the release notes", priority = "low" });
        await member.PostAsync($"tasks/{taskId}/comments", new { body = "Done on my side, @owner please look." });
        await member.CreateTaskAsync(projectId, new { title = "Fix the login page", assigneeIds = new[] { owner.UserId } });
        await EventuallyOfKindAsync(owner, "assignment", 1);
        var deleted = await owner.CreateTaskAsync(projectId, new { title = "An old idea" });
        using var deleting = await owner.SendRawAsync(HttpMethod.Delete, $"tasks/{deleted.GetProperty("id").GetGuid()}");
        Assert.That(deleting.IsSuccessStatusCode, Is.True, "the trash has a task");
        (_owner, _ids) = (
            owner,
            new()
            {
                ["{w}"] = workspaceId.ToString(),
                ["{p}"] = projectId.ToString(),
                ["{t}"] = taskId.ToString(),
            }
        );
    }

    [TestCaseSource(nameof(Screens))]
    public async Task Has_no_serious_accessibility_violation_in_any_width_or_theme(string screen, string path)
    {
        var page = screen == "signin" ? await NewPageAsync() : await SignedInPageAsync(_owner);

        await OpenAppAsync(page, _ids.Aggregate(path, (p, id) => p.Replace(id.Key, id.Value, StringComparison.Ordinal)));
        await page.WaitForFunctionAsync(
            "() => document.querySelector('main h1') && !/Loading/.test(document.querySelector('main').innerText)"
        );
        var found = new List<string>();
        foreach (var (name, width, height, scheme) in Variants)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            found.AddRange(Serious(await page.RunAxe()).Select(v => $"{name}: {v}"));
            await PhotographAsync(page, screen, name);
        }

        Assert.That(found, Is.Empty, "serious or critical accessibility violations");
        AssertNoPageErrors();
    }

    private static IEnumerable<string> Serious(AxeResult result) =>
        result
            .Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}");

    private static async Task PhotographAsync(IPage page, string screen, string variant)
    {
        var directory = Environment.GetEnvironmentVariable("TASKLANE_SCREENSHOTS") is { Length: > 0 } chosen
            ? chosen
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "screens");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(
            new PageScreenshotOptions
            {
                Path = Path.Combine(directory, $"{screen}-{variant}.jpeg"),
                Type = ScreenshotType.Jpeg,
                Quality = 70,
            }
        );
    }
}
