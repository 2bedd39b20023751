using System.Net;
using NUnit.Framework;
using Tasklane.Features.Mail;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.Unsubscribe;

public class UnsubscribeTests
{
    /// <summary>The mail's links name the web app the tests configure (tasklane.test); the same path on the test API host.</summary>
    private static string OnTestHost(string link) => link.Replace("http://tasklane.test/api/v1/", "", StringComparison.Ordinal);

    /// <summary>The List-Unsubscribe URL of the one mail a mention sent to a member on immediate mail.</summary>
    private static async Task<(ApiClient Owner, ApiClient Member, Guid ProjectId, string Link)> MailedAsync()
    {
        var (owner, member, _, projectId) = await MailTeamAsync(NotificationMail.Immediate);
        await MentionAsync(owner, member, projectId);
        var source = await SourceAsync(await WaitForMailAsync(member.Email));
        return (owner, member, projectId, OnTestHost(source.Headers["List-Unsubscribe"].Trim('<', '>')));
    }

    [Test]
    public async Task One_click_from_the_mails_header_turns_notification_mail_off_without_signing_in_and_no_more_comes()
    {
        var (owner, member, projectId, link) = await MailedAsync();

        // What a mail client sends for RFC 8058 one-click: a form POST, no cookies, no token.
        using var response = await ApiClient
            .Anonymous()
            .PostAsync(link, new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
        var body = await response.Content.ReadAsStringAsync();
        using var again = await ApiClient
            .Anonymous()
            .PostAsync(link, new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]));
        var second = await MentionAsync(owner, member, projectId, "After unsubscribing");
        await EventuallyOfKindAsync(member, "mention", 1, second);
        await SettleAsync(owner, member, projectId);
        await Task.Delay(1500);

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(body, Does.Contain("\"mail\":\"off\""));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "again is fine");
            Assert.That((await member.GetAsync("me/notification-preferences")).GetProperty("mail").GetString(), Is.EqualTo("off"));
            Assert.That(await MailsToAsync(member.Email), Has.Count.EqualTo(1), "no mail after the unsubscribe");
        });
    }

    [Test]
    public async Task Opening_the_link_shows_a_page_whose_button_unsubscribes_and_the_page_alone_changes_nothing()
    {
        var (_, member, _, link) = await MailedAsync();

        using var page = await ApiClient.Anonymous().GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        var before = (await member.GetAsync("me/notification-preferences")).GetProperty("mail").GetString();
        using var button = new HttpRequestMessage(HttpMethod.Post, link)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]),
        };
        button.Headers.Accept.ParseAdd("text/html");
        using var done = await ApiClient.Anonymous().SendAsync(button);
        var doneHtml = await done.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(page.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }), "the token is in the URL");
            Assert.That(html, Does.Contain("<form method=\"post\">").And.Contain("name=\"List-Unsubscribe\" value=\"One-Click\""));
            Assert.That(before, Is.EqualTo("immediate"), "a GET (a mail scanner following links) unsubscribes nobody");
            Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(done.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(doneHtml, Does.Contain("You are unsubscribed"));
            Assert.That((await member.GetAsync("me/notification-preferences")).GetProperty("mail").GetString(), Is.EqualTo("off"));
        });
    }

    [TestCase("GET")]
    [TestCase("POST")]
    public async Task An_unknown_or_malformed_token_is_a_404_problem(string method)
    {
        foreach (var token in new[] { SessionStore.NewToken(), "not-a-token", Guid.CreateVersion7().ToString() })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"notification-preferences/unsubscribe/{token}");
            using var response = await ApiClient.Anonymous().SendAsync(request);

            var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("unsubscribe link is not valid"));
        }
    }
}
