using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.ShowUnsubscribePage;

public class ShowUnsubscribePageTests
{
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

    [Test]
    public async Task An_unknown_token_is_a_404_problem()
    {
        using var response = await ApiClient.Anonymous().GetAsync("notification-preferences/unsubscribe/not-a-token");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
