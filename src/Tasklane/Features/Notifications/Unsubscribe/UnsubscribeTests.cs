using System.Net;
using NUnit.Framework;
using Tasklane.Infrastructure.Auth;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.Unsubscribe;

public class UnsubscribeTests
{
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
