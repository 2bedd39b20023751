using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Notifications.NotificationTestKit;

namespace Tasklane.Features.Notifications.GetNotificationPreferences;

public class GetNotificationPreferencesTests
{
    [Test]
    public async Task Answers_the_deployments_default_until_the_user_chooses_and_then_their_choice()
    {
        var user = await ApiClient.SignUpAsync();
        var other = await ApiClient.SignUpAsync();

        // The test hosts' Mail:NotificationDefault is off (production's is immediate).
        var before = await user.GetAsync("me/notification-preferences");
        await SetMailAsync(user, "digest");
        var after = await user.GetAsync("me/notification-preferences");
        var others = await other.GetAsync("me/notification-preferences");

        Assert.Multiple(() =>
        {
            Assert.That(before.GetProperty("mail").GetString(), Is.EqualTo("off"));
            Assert.That(after.GetProperty("mail").GetString(), Is.EqualTo("digest"));
            Assert.That(others.GetProperty("mail").GetString(), Is.EqualTo("off"), "one user's choice is theirs alone");
        });
    }

    [Test]
    public async Task Needs_a_token()
    {
        using var response = await ApiClient.Anonymous().GetAsync("me/notification-preferences");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
