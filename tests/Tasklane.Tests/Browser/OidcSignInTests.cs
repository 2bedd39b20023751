using NUnit.Framework;
using Tasklane.Features.Auth;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>"Sign in with …" on the sign-in page, through the run's development OpenID provider, in chromium.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OidcSignInTests : BrowserFixture
{
    [Test]
    public async Task The_provider_button_signs_in_through_the_providers_pages_and_keeps_the_token_out_of_the_address()
    {
        var (a, _, _, _) = await OidcTestKit.HostsAsync();
        var page = await NewPageAsync(a.BaseAddress);
        await OpenAppAsync(page, "/signin");

        await page.GetByTestId("oidc-dev").ClickAsync();
        // The dev provider's own pages: its login form (any password), then its consent form.
        await page.Locator("input[name=login]").FillAsync(OidcTestKit.NewLogin());
        await page.Locator("input[name=password]").FillAsync("any");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.GetByTestId("new-workspace")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var token = await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')");
        Assert.Multiple(() =>
        {
            Assert.That(page.Url, Does.Not.Contain("oidc-code"), "the code leaves the address once spent");
            Assert.That(token, Is.Not.Null);
        });
        await ScreenshotAsync(page, "oidc-signed-in");
    }
}
