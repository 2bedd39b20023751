using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.SetNotificationPreferences;

public class SetNotificationPreferencesTests
{
    [TestCase("immediate")]
    [TestCase("digest")]
    [TestCase("off")]
    public async Task Sets_the_callers_choice_and_answers_it(string mail)
    {
        var user = await ApiClient.SignUpAsync();

        var answer = await ApiClient.Send(user.Http, HttpMethod.Put, "me/notification-preferences", new { mail }, HttpStatusCode.OK);
        var read = await user.GetAsync("me/notification-preferences");

        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("mail").GetString(), Is.EqualTo(mail));
            Assert.That(read.GetProperty("mail").GetString(), Is.EqualTo(mail));
        });
    }

    [TestCase("""{"mail":"weekly"}""", TestName = "An unknown choice is 400")]
    [TestCase("""{"mail":"Immediate"}""", TestName = "A choice in other letters is 400")]
    [TestCase("""{"mail":null}""", TestName = "No choice is 400")]
    [TestCase("""{}""", TestName = "An empty object is 400")]
    public async Task Bad_values_are_400_problems_and_change_nothing(string json)
    {
        var user = await ApiClient.SignUpAsync();
        await SetMailAsync(user, "digest");

        using var response = await user.SendRawAsync(HttpMethod.Put, "me/notification-preferences", json);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "mail");
        var read = await user.GetAsync("me/notification-preferences");

        Assert.Multiple(() =>
        {
            Assert.That(problem.ErrorsOf("mail"), Is.Not.Empty);
            Assert.That(read.GetProperty("mail").GetString(), Is.EqualTo("digest"));
        });
    }

    [Test]
    public async Task A_missing_body_is_400()
    {
        var user = await ApiClient.SignUpAsync();

        using var response = await user.SendRawAsync(HttpMethod.Put, "me/notification-preferences", "null");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Another_users_token_changes_only_its_own_users_choice()
    {
        var user = await ApiClient.SignUpAsync();
        var other = await ApiClient.SignUpAsync();
        await SetMailAsync(user, "immediate");

        await SetMailAsync(other, "off");

        Assert.Multiple(async () =>
        {
            Assert.That((await user.GetAsync("me/notification-preferences")).GetProperty("mail").GetString(), Is.EqualTo("immediate"));
            Assert.That((await other.GetAsync("me/notification-preferences")).GetProperty("mail").GetString(), Is.EqualTo("off"));
        });
    }

    [Test]
    public async Task A_read_only_or_workspace_limited_token_may_read_but_not_change_it()
    {
        var user = await ApiClient.SignUpAsync();
        var workspaceId = await user.CreateWorkspaceAsync();
        await SetMailAsync(user, "digest");
        var readOnly = (await user.PostAsync("me/tokens", new { name = "read", readOnly = true })).GetProperty("token").GetString()!;
        var limited = (await user.PostAsync("me/tokens", new { name = "one", workspaceIds = new[] { workspaceId } }))
            .GetProperty("token")
            .GetString()!;

        foreach (var token in new[] { readOnly, limited })
        {
            using var http = ApiClient.WithBearer(token);
            using var read = await http.GetAsync("me/notification-preferences");
            using var write = await http.PutAsJsonAsync("me/notification-preferences", new { mail = "off" });

            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await write.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.That((await user.GetAsync("me/notification-preferences")).GetProperty("mail").GetString(), Is.EqualTo("digest"));
    }

    [Test]
    public async Task Needs_a_token()
    {
        using var response = await ApiClient.Anonymous().PutAsJsonAsync("me/notification-preferences", new { mail = "off" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
