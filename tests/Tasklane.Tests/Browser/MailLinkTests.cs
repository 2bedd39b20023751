using System.Net;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Tasklane.Features.Mail;
using Tasklane.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Tasklane.Tests.Browser;

/// <summary>The links of mails, opened in the web app as a person would: from the mail maildev caught.</summary>
[TestFixture]
[NonParallelizable]
public sealed class MailLinkTests : BrowserFixture
{
    /// <summary>A mailed link, on the run's API host instead of the public base URL the tests configure.</summary>
    private static string OnThisHost(string link) => link.Replace("http://tasklane.test", "", StringComparison.Ordinal);

    [Test]
    public async Task Forgot_password_then_the_mailed_link_sets_a_new_one()
    {
        var user = await ApiClient.SignUpAsync();
        var page = await NewPageAsync();

        await OpenAppAsync(page, "/");
        await page.GetByTestId("forgot").ClickAsync();
        await page.GetByTestId("reset-request").Locator("input[name=email]").FillAsync(user.Email);
        await page.GetByTestId("reset-request").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("reset-requested")).ToHaveTextAsync(new Regex("on its way"));

        var link = MailTestKit.LinkIn(await MailTestKit.WaitForMailAsync(user.Email), "/reset-password#token=");
        // The mail's link opens a new tab, as a mail reader does (in the same tab only the fragment would change).
        page = await NewPageAsync();
        await OpenAppAsync(page, OnThisHost(link));
        await page.GetByTestId("reset-confirm").Locator("input[name=newPassword]").FillAsync("a browser password");
        await page.GetByTestId("reset-confirm").Locator("button").ClickAsync();
        await Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();

        await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/login",
            new { email = user.Email, password = "a browser password" },
            HttpStatusCode.OK
        );
        AssertNoPageErrors();
    }

    [Test]
    public async Task The_invitation_link_signs_in_and_joins_the_workspace()
    {
        var owner = await ApiClient.SignUpAsync();
        var workspaceId = await owner.CreateWorkspaceAsync("Linked");
        var invitee = await ApiClient.SignUpAsync();
        await owner.PostAsync($"workspaces/{workspaceId}/invitations", new { email = invitee.Email });
        var link = MailTestKit.LinkIn(await MailTestKit.WaitForMailAsync(invitee.Email), "/invitations/accept#token=");
        var page = await NewPageAsync();

        await OpenAppAsync(page, OnThisHost(link));
        var form = page.GetByTestId("accept-signin");
        await form.Locator("input[name=email]").FillAsync(invitee.Email);
        await form.Locator("input[name=password]").FillAsync("correct horse");
        await form.Locator("button").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/w/{workspaceId}$"));
        var members = await owner.GetAsync($"workspaces/{workspaceId}/members");
        Assert.That(
            members.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()),
            Does.Contain(invitee.UserId)
        );
        AssertNoPageErrors();
    }
}
