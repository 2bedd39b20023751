using System.Net;
using NUnit.Framework;
using Tasklane.Tests.Support;
using static Tasklane.Features.Mail.MailTestKit;

namespace Tasklane.Features.Auth.RequestEmailVerification;

public class RequestEmailVerificationTests
{
    [Test]
    public async Task Mails_a_link_valid_for_a_day()
    {
        var user = await ApiClient.SignUpAsync();

        var requested = await user.PostAsync("auth/email-verification", null, HttpStatusCode.Accepted);

        var mail = await WaitForMailAsync(user.Email);
        Assert.Multiple(() =>
        {
            Assert.That(
                requested.GetProperty("expiresAt").GetDateTime(),
                Is.EqualTo(DateTime.UtcNow.AddHours(24)).Within(TimeSpan.FromMinutes(1))
            );
            Assert.That(LinkIn(mail, "/verify-email"), Does.StartWith("http://tasklane.test/verify-email#token="));
        });
    }

    [Test]
    public async Task A_verified_address_is_a_conflict()
    {
        var user = await ApiClient.SignUpAsync();
        await user.PostAsync("auth/email-verification", null, HttpStatusCode.Accepted);
        await ApiClient.Send(
            ApiClient.Anonymous(),
            HttpMethod.Post,
            "auth/email-verification/confirm",
            new { token = TokenIn(await WaitForMailAsync(user.Email), "/verify-email") },
            HttpStatusCode.NoContent
        );

        using var again = await user.SendRawAsync(HttpMethod.Post, "auth/email-verification");

        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
