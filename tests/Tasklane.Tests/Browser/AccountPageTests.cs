using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Tasklane.Features.Auth;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>
/// The account page (/account) in headless chromium against the real API: two-factor authentication set up, its recovery
/// codes renewed and turned off again from the page (the codes computed from the secret the page shows, as an app does), and
/// the notification mail choice.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class AccountPageTests : BrowserFixture
{
    [Test]
    public async Task Two_factor_is_set_up_with_a_code_from_the_shown_secret_refuses_a_wrong_code_and_turns_off_with_a_recovery_code()
    {
        var user = await ApiClient.SignUpAsync();
        var page = await SignedInPageAsync(user);
        await OpenAppAsync(page, "/");
        await page.GetByTestId("account-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));

        var section = page.GetByTestId("two-factor-section");
        await Expect(section).ToHaveAttributeAsync("data-state", "off");
        await section.GetByTestId("set-up").ClickAsync();
        await Expect(section.GetByTestId("otpauth-uri")).ToContainTextAsync("otpauth://totp/");
        var secret = Whitespace().Replace(await section.GetByTestId("secret").InnerTextAsync(), "");
        Assert.That(
            await section.GetByTestId("otpauth-uri").InnerTextAsync(),
            Does.Contain(secret.TrimEnd('=')),
            "the key shown is the URI's"
        );
        Assert.That(
            await section.GetByTestId("qr-code").EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)"),
            Is.GreaterThan(100),
            "the QR code is drawn (the page's CSP lets a data: image in)"
        );
        await ScreenshotAsync(page, "set-up");

        // A wrong code: refused beside the form, and two-factor stays off.
        var confirm = section.GetByTestId("confirm-two-factor");
        await confirm.Locator("input[name=code]").FillAsync(TwoFactorTestKit.WrongCodeFor(secret));
        await confirm.GetByTestId("confirm-submit").ClickAsync();
        await Expect(confirm.GetByTestId("confirm-error")).ToContainTextAsync("wrong");
        Assert.That((await user.GetAsync("me")).GetProperty("twoFactorEnabled").GetBoolean(), Is.False);
        await ScreenshotAsync(page, "wrong-code");

        await confirm.Locator("input[name=code]").FillAsync(TwoFactorTestKit.CodeFor(secret));
        await confirm.GetByTestId("confirm-submit").ClickAsync();
        var codes = section.GetByTestId("recovery-codes").GetByTestId("recovery-code");
        await Expect(codes).ToHaveCountAsync(10);
        await Expect(section.GetByTestId("recovery-codes-notice")).ToContainTextAsync("Store these recovery codes");
        Assert.That((await user.GetAsync("me")).GetProperty("twoFactorEnabled").GetBoolean(), Is.True);
        await ScreenshotAsync(page, "recovery-codes");

        // Stored: the codes go, the page says two-factor is on.
        await section.GetByTestId("recovery-codes-done").ClickAsync();
        await Expect(section).ToHaveAttributeAsync("data-state", "on");
        await Expect(section.GetByTestId("recovery-codes")).ToHaveCountAsync(0);

        // New recovery codes with the next step's code (the current one is spent): the earlier codes stop working.
        var renew = section.GetByTestId("new-recovery-codes");
        await renew.Locator("input[name=code]").FillAsync(TwoFactorTestKit.CodeFor(secret, steps: 1));
        await renew.GetByTestId("new-recovery-codes-submit").ClickAsync();
        await Expect(codes).ToHaveCountAsync(10);
        var recoveryCodes = await codes.AllInnerTextsAsync();
        await section.GetByTestId("recovery-codes-done").ClickAsync();

        // Turned off with a recovery code, after the page reads the state again.
        await page.ReloadAsync();
        await page.Locator("header[data-live]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Expect(section).ToHaveAttributeAsync("data-state", "on");
        var turnOff = section.GetByTestId("turn-off");
        await turnOff.Locator("input[name=code]").FillAsync(recoveryCodes[0].Trim());
        await turnOff.GetByTestId("turn-off-submit").ClickAsync();
        await Expect(section.GetByTestId("set-up")).ToBeVisibleAsync();
        await Expect(section).ToHaveAttributeAsync("data-state", "off");
        Assert.That((await user.GetAsync("me")).GetProperty("twoFactorEnabled").GetBoolean(), Is.False);
        await ScreenshotAsync(page, "turned-off");
    }

    [Test]
    public async Task The_mail_choice_is_saved_as_chosen_and_shown_after_a_reload()
    {
        var user = await ApiClient.SignUpAsync();
        var page = await SignedInPageAsync(user);
        await OpenAppAsync(page, "/account");

        var mail = page.GetByTestId("mail-section");
        await Expect(mail.GetByTestId("mail-off")).ToBeCheckedAsync(); // the test hosts' default (production's is immediate)
        await mail.GetByTestId("mail-digest").CheckAsync();
        await Expect(mail.GetByTestId("mail-saved")).ToHaveTextAsync("Saved");
        Assert.That((await user.GetAsync("me/notification-preferences")).GetProperty("mail").GetString(), Is.EqualTo("digest"));
        await ScreenshotAsync(page, "digest");

        await page.ReloadAsync();
        await page.Locator("header[data-live]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Expect(mail.GetByTestId("mail-digest")).ToBeCheckedAsync();
        await Expect(mail.GetByTestId("mail-off")).Not.ToBeCheckedAsync();
        await Expect(mail.GetByTestId("mail-saved")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
