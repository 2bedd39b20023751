using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>
/// Dark mode (the system's, or the header's switch, remembered across visits) and the keyboard shortcuts, in headless
/// chromium against the real API.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class ThemeAndShortcutsTests : BrowserFixture
{
    private const string LightBackground = "rgb(246, 247, 249)";
    private const string DarkBackground = "rgb(21, 24, 28)";

    [Test]
    public async Task The_theme_follows_the_system_until_the_switch_chooses_one_which_a_reload_keeps()
    {
        var user = await ApiClient.SignUpAsync();
        var page = await SignedInPageAsync(user);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await OpenAppAsync(page, "/");
        var theme = page.GetByTestId("theme");

        Assert.That(await BackgroundAsync(page), Is.EqualTo(DarkBackground), "the system is dark");
        await Expect(theme).ToHaveValueAsync("system");
        await ScreenshotAsync(page, "dark");

        await theme.SelectOptionAsync("light");
        Assert.That(await BackgroundAsync(page), Is.EqualTo(LightBackground), "the switch overrides the system");
        await page.ReloadAsync();
        await page.Locator("header[data-live]").WaitForAsync();
        Assert.That(await BackgroundAsync(page), Is.EqualTo(LightBackground), "kept across a reload");
        await Expect(theme).ToHaveValueAsync("light");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await theme.SelectOptionAsync("dark");
        Assert.That(await BackgroundAsync(page), Is.EqualTo(DarkBackground), "dark on a light system");
        await theme.SelectOptionAsync("system");
        Assert.That(await BackgroundAsync(page), Is.EqualTo(LightBackground), "back to the system's");
        AssertNoPageErrors();
    }

    [Test]
    public async Task Question_mark_lists_the_shortcuts_n_starts_a_task_and_g_i_opens_the_inbox()
    {
        var user = await ApiClient.SignUpAsync();
        var (_, projectId) = await user.CreateProjectInNewWorkspaceAsync();
        var page = await SignedInPageAsync(user);
        await OpenAppAsync(page, $"/p/{projectId}");
        var newTask = page.GetByTestId("new-task").Locator("input[name=title]");
        await Expect(newTask).ToBeVisibleAsync();
        var shortcuts = page.Locator("dialog#shortcuts");

        await page.Keyboard.PressAsync("?");
        await Expect(shortcuts).ToBeVisibleAsync();
        await Expect(shortcuts).ToContainTextAsync("New task");
        await ScreenshotAsync(page, "shortcuts");
        await page.Keyboard.PressAsync("Escape");
        await Expect(shortcuts).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("n");
        await Expect(newTask).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("g i");
        await Expect(newTask).ToHaveValueAsync("g i", new() { Timeout = 5_000 });
        await Expect(page).ToHaveURLAsync(ProjectPath(), new() { Timeout = 1_000 });

        await newTask.BlurAsync();
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("i");
        await Expect(page).ToHaveURLAsync(NotificationsPath());
        AssertNoPageErrors();
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).backgroundColor");

    [GeneratedRegex("/p/[0-9a-f-]+$")]
    private static partial Regex ProjectPath();

    [GeneratedRegex("/notifications$")]
    private static partial Regex NotificationsPath();
}
