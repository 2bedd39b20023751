using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Tests.Support;

namespace Tasklane.Tests.Browser;

/// <summary>
/// One headless Debian chromium (driven by Playwright's bundled node driver) per fixture; Playwright's own browser
/// download is not used. Without chromium the browser tests are skipped locally but fail in CI (CI=true).
/// </summary>
public abstract class BrowserFixture
{
    private IPlaywright? _playwright;
    private readonly List<string> _pageErrors = [];
    private IPage? _lastPage;
    private IPage? _sharedPage;

    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: a folder under the test output, also attached to the test result.</summary>
    protected static string ArtefactDirectory => Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-artefacts");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("TASKLANE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    [OneTimeSetUp]
    public async Task LaunchBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var reason = $"chromium not found at {ChromiumPath} (apt-get install -y chromium, or set TASKLANE_CHROMIUM)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + "; browser tests must run in CI.");
            }

            Assert.Ignore(reason);
        }

        if (Directory.Exists(ArtefactDirectory))
        {
            Directory.Delete(ArtefactDirectory, recursive: true); // only this run's screenshots
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                // Test machines and CI containers run as root, where chromium's sandbox cannot start.
                Args = ["--no-sandbox", "--disable-dev-shm-usage"],
            }
        );
    }

    /// <summary>Each test counts only its own page errors (a shared page's too).</summary>
    [SetUp]
    public void ForgetPageErrors() => _pageErrors.Clear();

    /// <summary>A failed test leaves a screenshot of where it stopped.</summary>
    [TearDown]
    public async Task ScreenshotOnFailureAsync()
    {
        if (
            (_lastPage ?? _sharedPage) is { IsClosed: false } page
            && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed
        )
        {
            await ScreenshotAsync(page, "failed");
        }

        if (_lastPage is not null)
        {
            await _lastPage.Context.CloseAsync();
            _lastPage = null;
        }
    }

    [OneTimeTearDown]
    public async Task CloseBrowserAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>
    /// A fresh context (own sessionStorage) and page on <paramref name="baseUrl"/> (default: host A); script errors and CSP
    /// violations are collected and fail the test.
    /// </summary>
    protected async Task<IPage> NewPageAsync(Uri? baseUrl = null)
    {
        _pageErrors.Clear();
        var page = await CreatePageAsync(baseUrl);
        _lastPage = page;
        return page;
    }

    /// <summary>A fresh page (<see cref="NewPageAsync"/>) signed in as <paramref name="user"/> before the app starts.</summary>
    protected async Task<IPage> SignedInPageAsync(ApiClient user, Uri? baseUrl = null)
    {
        var page = await NewPageAsync(baseUrl);
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{user.Token}')");
        return page;
    }

    /// <summary>
    /// One page signed in with <paramref name="token"/> for every test of the fixture that asks for it: the app is downloaded
    /// and compiled once, not per test (the slowest part of a browser test). It stays open until the fixture ends; each test
    /// opens the screen it needs (<see cref="OpenAppAsync"/>, from the browser's cache) and counts its own errors.
    /// </summary>
    protected async Task<IPage> SharedPageAsync(string token)
    {
        if (_sharedPage is { IsClosed: false } shared)
        {
            return shared;
        }

        var page = await CreatePageAsync(null);
        await page.AddInitScriptAsync($"sessionStorage.setItem('tasklane.token', '{token}')");
        _sharedPage = page;
        return page;
    }

    private async Task<IPage> CreatePageAsync(Uri? baseUrl)
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = (baseUrl ?? TestEnvironment.Hosts.BaseAddress).ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
                AcceptDownloads = true,
            }
        );
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _pageErrors.Add("console error: " + message.Text);
            }
        };
        return page;
    }

    /// <summary>
    /// Opens <paramref name="path"/> and waits until the app runs (its header, rendered by Blazor, says the stream's state).
    /// A cold start downloads and compiles the .NET runtime: on a busy 2-core machine that can outlast an assertion's 5 s.
    /// </summary>
    protected static async Task OpenAppAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("header[data-live]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
    }

    protected void AssertNoPageErrors() => Assert.That(_pageErrors, Is.Empty, "the page logged errors");

    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(ArtefactDirectory, TestContext.CurrentContext.Test.Name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
