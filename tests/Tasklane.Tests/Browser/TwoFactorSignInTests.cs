using NUnit.Framework;
using Tasklane.Features.Auth;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>Signing in to the web app with an account that has two-factor authentication on.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TwoFactorSignInTests : BrowserFixture
{
    [Test]
    public async Task The_password_leads_to_the_code_step_a_wrong_code_is_refused_and_a_recovery_code_signs_in()
    {
        var user = await ApiClient.SignUpAsync();
        var (secret, recoveryCodes) = await TwoFactorTestKit.EnableAsync(user);
        var page = await NewPageAsync();
        await OpenAppAsync(page, "/signin");

        var signIn = page.GetByTestId("signin");
        await signIn.Locator("input[name=email]").FillAsync(user.Email);
        await signIn.Locator("input[name=password]").FillAsync(TwoFactorTestKit.Password);
        await signIn.Locator("button[type=submit]").ClickAsync();
        var step = page.GetByTestId("two-factor");
        await Expect(step).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')"), Is.Null, "no session before the code");
        await ScreenshotAsync(page, "two-factor-step");

        await step.Locator("input[name=code]").FillAsync(TwoFactorTestKit.WrongCodeFor(secret));
        await step.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#error")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')"), Is.Null, "no session for a wrong code");

        await step.Locator("input[name=code]").FillAsync(recoveryCodes[0]);
        await step.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("new-workspace")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string?>("sessionStorage.getItem('tasklane.token')"), Is.Not.Null);
    }
}
